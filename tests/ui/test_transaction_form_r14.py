"""R14 in the A/R form: a memo's Category (its type's choices) and a payment's Method; a card
payment saved from the form brings its card fee memo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionRecord, TransactionType
from app.models import MemoCategory, PaymentMethod
from app.ui.context import UiContext
from app.ui.transactions.transactions_page import TransactionsPage
from tests import factories
from tests.ui.conftest import Dialogs, settled
from tests.ui.widgets.entering import shown


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> TransactionsPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools")
        billing.set_setting(session, "card_fee_percent", "2.5")
    widget = TransactionsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    shown(qtbot, widget)
    settled()  # the customers arrive by signal
    return widget


def _stored(context: UiContext) -> dict[str, TransactionRecord]:
    with context.read() as session:
        return {t.number: t for t in billing.list_transactions(session)}


def _choices(combo: object) -> list[object]:
    return [combo.itemData(i) for i in range(combo.count())]  # type: ignore[attr-defined]


def _type(page: TransactionsPage, kind: TransactionType) -> None:
    page.form.type.setCurrentIndex(page.form.type.findData(kind))


def test_category_offers_the_types_choices_and_method_only_a_payment(
    page: TransactionsPage,
) -> None:
    form = page.form
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert (form.category.isEnabled(), form.method.isEnabled()) == (False, False)
    _type(page, TransactionType.CREDIT_MEMO)
    assert _choices(form.category) == [
        MemoCategory.DISCOUNT,
        MemoCategory.RETURN,
        MemoCategory.GOODWILL,
        MemoCategory.PART_PERIOD_CREDIT,
        MemoCategory.OTHER,
    ]
    assert form.category.currentData() == MemoCategory.OTHER
    form.category.setCurrentIndex(form.category.findData(MemoCategory.GOODWILL))
    _type(page, TransactionType.DEBIT_MEMO)  # goodwill is no debit memo's: back to other
    assert _choices(form.category) == [
        MemoCategory.FINANCE_CHARGE,
        MemoCategory.CARD_FEE,
        MemoCategory.FREIGHT,
        MemoCategory.OTHER,
    ]
    assert form.category.currentData() == MemoCategory.OTHER
    assert (form.category.isEnabled(), form.method.isEnabled()) == (True, False)
    _type(page, TransactionType.PAYMENT)
    assert (form.category.isEnabled(), form.method.isEnabled()) == (False, True)
    assert form.method.currentData() == PaymentMethod.CHECK
    assert form.method.toolTip() == ""
    _type(page, TransactionType.INVOICE)
    assert form.method.toolTip() == "Only a payment has a method."


def test_a_memo_saved_with_its_category_and_a_card_payment_with_its_fee(
    page: TransactionsPage, context: UiContext, dialogs: Dialogs
) -> None:
    form = page.form
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _type(page, TransactionType.CREDIT_MEMO)
    form.customer.set_number("C001")
    QTest.keyClicks(form.number, "CM-9")
    QTest.keyClicks(form.amount, "20")
    form.category.setCurrentIndex(form.category.findData(MemoCategory.RETURN))
    QTest.keyClick(form.description, Qt.Key.Key_Return)
    assert _stored(context)["CM-9"].category == MemoCategory.RETURN

    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _type(page, TransactionType.PAYMENT)
    form.customer.set_number("C001")
    QTest.keyClicks(form.number, "VISA-1")
    QTest.keyClicks(form.amount, "1250")
    form.method.setCurrentIndex(form.method.findData(PaymentMethod.CARD))
    QTest.keyClick(form.description, Qt.Key.Key_Return)
    stored = _stored(context)
    assert dialogs.errors == []
    assert stored["VISA-1"].method == PaymentMethod.CARD
    fee = stored["DM-00001"]
    assert (fee.category, fee.amount, fee.fee_for_id) == (
        MemoCategory.CARD_FEE,
        Decimal("31.25"),
        stored["VISA-1"].id,
    )

    page.refresh()
    settled()
    numbers = [getattr(page.model.record(r), "number", "") for r in range(page.model.rowCount())]
    row = numbers.index("VISA-1")
    page.view.selectRow(row)
    assert (form.method.currentData(), form.method.isEnabled()) == (PaymentMethod.CARD, True)
