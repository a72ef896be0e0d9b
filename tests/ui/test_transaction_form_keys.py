"""The A/R form as a clerk types it: a payment's tax field takes nothing, Enter saves and Esc
puts back what was shown."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionRecord, TransactionType
from app.ui.context import UiContext
from app.ui.transactions.transactions_page import TransactionsPage
from tests import factories
from tests.ui.conftest import Dialogs, settled
from tests.ui.widgets.entering import focused, shown


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> TransactionsPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools")
    widget = TransactionsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    shown(qtbot, widget)
    settled()  # the customers arrive by signal
    return widget


def _stored(context: UiContext) -> dict[str, TransactionRecord]:
    with context.read() as session:
        return {t.number: t for t in billing.list_transactions(session)}


def _tab(qtbot: QtBot) -> None:
    QTest.keyClick(focused(), Qt.Key.Key_Tab)


def test_a_payment_takes_no_tax_at_the_field_and_enter_saves_it(
    qtbot: QtBot, page: TransactionsPage, context: UiContext, dialogs: Dialogs
) -> None:
    form = page.form
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    QTest.mouseClick(form.amount, Qt.MouseButton.LeftButton)
    QTest.keyClicks(form.amount, "50")
    QTest.mouseClick(form.tax, Qt.MouseButton.LeftButton)
    QTest.keyClicks(form.tax, "4.50")
    assert form.tax.text() == "4.50"  # an invoice's tax, typed

    form.type.setFocus()
    QTest.keyClicks(form.type, "P")  # Payment, chosen by its first letter
    assert form.transaction_type() == TransactionType.PAYMENT
    assert (form.tax.isEnabled(), form.tax.text()) == (False, "")
    assert form.tax.toolTip() == "A payment has no tax."
    form.customer.set_number("C001")  # chosen, not typed: the completer's popup is not tested here
    QTest.mouseClick(form.number, Qt.MouseButton.LeftButton)
    QTest.keyClicks(form.number, "CHK 77")
    QTest.mouseClick(form.amount, Qt.MouseButton.LeftButton)
    form.amount.selectAll()
    QTest.keyClicks(form.amount, "120")
    _tab(qtbot)
    assert QApplication.focusWidget() is form.description  # Tab passes the tax field by
    QTest.keyClicks(form.tax, "9")
    assert form.tax.text() == ""
    QTest.keyClick(form.description, Qt.Key.Key_Return)

    saved = _stored(context)["CHK 77"]
    assert (saved.type, saved.amount, saved.tax) == (
        TransactionType.PAYMENT,
        Decimal("120.00"),
        Decimal("0.00"),
    )
    assert dialogs.errors == []
    assert not form.dirty


def test_esc_puts_back_the_transaction_as_saved(
    qtbot: QtBot, page: TransactionsPage, context: UiContext
) -> None:
    with context.transaction() as session:
        factories.transaction(session, "C001", "invoice", "INV-1", "2026-11-02", "300.00")
    page.refresh()
    settled()
    page.view.selectRow(0)
    form = page.form
    QTest.mouseClick(form.description, Qt.MouseButton.LeftButton)
    QTest.keyClicks(form.description, "Bolts")
    assert page.save_button.isEnabled()
    QTest.keyClick(form.description, Qt.Key.Key_Escape)
    assert (form.description.text(), form.dirty, page.save_button.isEnabled()) == ("", False, False)

    QTest.keyClicks(form.description, "Nuts")
    QTest.keyClick(form.description, Qt.Key.Key_Enter)
    assert _stored(context)["INV-1"].description == "Nuts"
