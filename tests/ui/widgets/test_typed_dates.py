"""Every date field takes a typed YYYY-MM-DD exactly, however the clerk entered it, or says why
not at the field and saves nothing (QDateEdit's sections once turned 2026-10-31 into 2026-02-02)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionQuery, TransactionType
from app.ui.context import UiContext
from app.ui.generate.generate_page import GenerateInvoiceBatchPage
from app.ui.transactions.transactions_page import TransactionsPage
from tests.ui.batch_scenario import CLOSE_DATE, november
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import REPLACING, Entry, shown, type_into

NOT_A_DATE = "is not a date (use YYYY-MM-DD)"


@pytest.fixture
def generate_page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> GenerateInvoiceBatchPage:
    november(context.db)
    page = GenerateInvoiceBatchPage(context)
    qtbot.addWidget(page)
    page.refresh()
    page.form.set_close_date(CLOSE_DATE)
    shown(qtbot, page)
    return page


@pytest.mark.parametrize("entry", list(Entry))
def test_generate_takes_the_close_date_typed_or_says_why_not(
    qtbot: QtBot, generate_page: GenerateInvoiceBatchPage, context: UiContext, entry: Entry
) -> None:
    field = generate_page.form.close_date_edit
    type_into(qtbot, field, entry, "2026-11-30")
    if entry in REPLACING:
        assert field.text() == "2026-11-30"
        with qtbot.waitSignal(generate_page.sig_preview_shown):
            generate_page.start_preview()
        with qtbot.waitSignal(generate_page.sig_generated):
            generate_page.process()
        with context.transaction() as session:
            [batch] = billing.list_batches(session)
        assert batch.close_date == dt.date(2026, 11, 30)
        return
    typed = field.text()
    assert typed != "2026-11-15"
    assert "2026-11-30" in typed
    generate_page.start_preview()
    generate_page.process()
    assert generate_page.form.errors.message("close_date") == f"{typed!r} {NOT_A_DATE}"
    with context.transaction() as session:
        assert billing.list_batches(session) == []


def _new_invoice(page: TransactionsPage) -> None:
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page.form.customer.setFocus()
    QTest.keyClicks(page.form.customer.editor, "C001")
    QTest.keyClicks(page.form.number, "INV-7")
    QTest.keyClicks(page.form.amount, "100")


@pytest.mark.parametrize("entry", list(Entry))
def test_the_ar_form_takes_the_invoice_date_typed_or_says_why_not(
    qtbot: QtBot, transactions_page: TransactionsPage, context: UiContext, entry: Entry
) -> None:
    _new_invoice(transactions_page)
    field = transactions_page.form.invoice_date
    type_into(qtbot, field, entry, "2025-11-30")
    QTest.keyClick(transactions_page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with context.transaction() as session:
        stored = billing.list_transactions(session, TransactionQuery())
    if entry in REPLACING:
        [saved] = stored
        assert (saved.type, saved.invoice_date, saved.due_date) == (
            TransactionType.INVOICE,
            dt.date(2025, 11, 30),
            dt.date(2025, 12, 30),  # due on its terms, from the date typed
        )
        return
    typed = field.text()
    assert "2025-11-30" in typed
    assert typed != "2025-11-30"
    assert transactions_page.form.errors.message("invoice_date") == f"{typed!r} {NOT_A_DATE}"
    assert stored == []


@pytest.mark.parametrize("entry", REPLACING)
def test_a_typed_day_that_does_not_exist_is_refused_at_the_field(
    qtbot: QtBot, transactions_page: TransactionsPage, context: UiContext, entry: Entry
) -> None:
    _new_invoice(transactions_page)
    type_into(qtbot, transactions_page.form.due_date, entry, "2026-02-30")
    QTest.keyClick(transactions_page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert transactions_page.form.errors.message("due_date") == (
        "'2026-02-30' is not a date (there is no such day)"
    )
    with context.transaction() as session:
        assert billing.list_transactions(session, TransactionQuery()) == []
