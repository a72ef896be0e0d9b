"""The A/R Transactions page: entering each type, refusals at the field, printed batches."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionQuery, TransactionRecord, TransactionType
from app.ui.context import UiContext
from app.ui.transactions.transactions_page import TransactionsPage
from tests import factories
from tests.ui.conftest import Dialogs, settled


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> TransactionsPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools")
        factories.customer(session, "C002", name="Café Zoë")
    widget = TransactionsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    widget.show()
    settled()  # the customers arrive by signal
    return widget


def _stored(context: UiContext) -> dict[str, TransactionRecord]:
    with context.transaction() as session:
        return {t.number: t for t in billing.list_transactions(session, TransactionQuery())}


def _enter(
    page: TransactionsPage,
    kind: TransactionType,
    customer: str,
    number: str,
    amount: str,
    tax: str = "",
) -> None:
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.form
    form.type.setCurrentIndex(form.type.findData(kind))
    form.customer.setFocus()
    form.customer.editor.selectAll()
    QTest.keyClicks(form.customer.editor, customer)
    QTest.keyClicks(form.number, number)
    form.invoice_date.set_date(dt.date(2026, 11, 3))
    QTest.keyClicks(form.amount, amount)
    QTest.keyClicks(form.tax, tax)
    QTest.keyClicks(form.description, f"{kind.label} entered by hand")
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize(
    ("kind", "number", "due_date", "label", "tax"),
    [
        (TransactionType.INVOICE, "INV-9001", dt.date(2026, 12, 3), "Due date", "87.54"),
        (TransactionType.CREDIT_MEMO, "CM-9001", dt.date(2026, 12, 3), "Due date", "87.54"),
        (TransactionType.DEBIT_MEMO, "DM-9001", dt.date(2026, 12, 3), "Due date", "87.54"),
        (TransactionType.PAYMENT, "CHK 5512", dt.date(2026, 11, 3), "Paid date", ""),
    ],
)
def test_each_type_is_entered_and_saved(
    page: TransactionsPage,
    context: UiContext,
    dialogs: Dialogs,
    kind: TransactionType,
    number: str,
    due_date: dt.date,
    label: str,
    tax: str,
) -> None:
    _enter(page, kind, "C002", number, "1250.5", tax)

    assert dialogs.errors == []
    assert page.form.due_date_label.text().replace("&", "") == label
    saved = _stored(context)[number]
    assert (saved.type, saved.customer_number, saved.amount, saved.tax) == (
        kind,
        "C002",
        Decimal("1250.50"),
        Decimal(tax or "0.00"),
    )
    assert (saved.invoice_date, saved.due_date) == (dt.date(2026, 11, 3), due_date)
    assert saved.description == f"{kind.label} entered by hand"
    settled()  # the list is counted again off the window's thread
    assert page.model.total == 1
    assert page.model.data(page.model.index(0, page.model.COL_AMOUNT)) == "1,250.50"
    assert page.form.record is not None
    assert page.form.record.id == saved.id


def _print_batch_with(context: UiContext, *numbers: str) -> int:
    with context.transaction() as session:
        batch = billing.create_manual_batch(session, dt.date(2026, 11, 15), "November")
        billing.add_transactions(session, batch.number, list(numbers))
        billing.record_print(session, billing.begin_print(session, batch.number), b"%PDF-1.4")
    return batch.number


def test_a_transaction_in_a_printed_batch_opens_read_only_and_says_why(
    page: TransactionsPage, context: UiContext, dialogs: Dialogs
) -> None:
    with context.transaction() as session:
        factories.transaction(session, "C001", "invoice", "INV-7", "2026-11-02", "300.00")
    number = _print_batch_with(context, "INV-7")
    page.refresh()
    settled()
    page.view.selectRow(0)

    form = page.form
    assert form.banner.isVisible()
    assert form.banner.text() == (
        f"This transaction is read-only. It is in invoice batch {number}, which is locked "
        "(approved, printed, sent or exported). Enter a credit or debit memo instead; it falls "
        "into the next batch."
    )
    assert [w.isEnabled() for w in form.inputs] == [False] * 10
    assert not page.save_button.isEnabled()
    assert not page.delete_button.isEnabled()
    assert page.model.data(page.model.index(0, page.model.COL_BATCH)) == f"{number} (locked)"

    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.record is None
    assert not form.banner.isVisible()
    # A new invoice: every input but a memo's category and a payment's method (R14).
    assert [w.isEnabled() for w in form.inputs] == [True] * 8 + [False, False]


def test_bad_entries_are_refused_at_the_field_and_nothing_is_saved(
    page: TransactionsPage, context: UiContext, dialogs: Dialogs
) -> None:
    with context.transaction() as session:
        factories.transaction(session, "C001", "invoice", "INV-1", "2026-11-02", "10.00")
    page.refresh()
    settled()
    _enter(page, TransactionType.INVOICE, "C009", "INV-1", "")
    errors = page.form.errors
    assert errors.message("amount") == "Amount is empty"
    assert errors.message("customer") == ""
    assert sorted(_stored(context)) == ["INV-1"]

    QTest.keyClicks(page.form.amount, "99.99")
    page.save_button.click()
    assert errors.message("customer") == "There is no customer C009"
    assert errors.message("number") == "INV-1 is already used by another document"
    assert errors.message("amount") == ""
    assert dialogs.errors == []
    assert sorted(_stored(context)) == ["INV-1"]


def test_filters_narrow_the_list_in_the_database(
    page: TransactionsPage, context: UiContext
) -> None:
    with context.transaction() as session:
        factories.transaction(session, "C001", "invoice", "INV-1", "2026-10-02", "10.00")
        factories.transaction(session, "C001", "invoice", "INV-2", "2026-11-02", "20.00")
        factories.transaction(session, "C002", "credit_memo", "CM-1", "2026-11-05", "5.00")
        factories.transaction(session, "C002", "payment", "CHK 1", "2026-11-09", "15.00")
    number = _print_batch_with(context, "INV-1")
    page.refresh()
    settled()
    filters = page.filters
    assert [r.number for r in page.model.rows()] == ["CHK 1", "CM-1", "INV-2", "INV-1"]

    filters.customer.setCurrentIndex(filters.customer.row_of("C002"))
    filters.customer.activated.emit(filters.customer.currentIndex())
    assert [r.number for r in page.model.rows()] == ["CHK 1", "CM-1"]
    filters.type.setCurrentIndex(filters.type.findData(TransactionType.PAYMENT))
    assert [r.number for r in page.model.rows()] == ["CHK 1"]

    filters.customer.setCurrentIndex(0)
    filters.customer.activated.emit(0)
    filters.type.setCurrentIndex(0)
    filters.date_from.set_date(dt.date(2026, 11, 1))
    filters.date_to.set_date(dt.date(2026, 11, 6))
    assert [r.number for r in page.model.rows()] == ["CM-1", "INV-2"]

    filters.date_from.clear_date()
    filters.date_to.clear_date()
    filters.batch.setEditText(str(number))
    filters.batch_editor.editingFinished.emit()
    assert [r.number for r in page.model.rows()] == ["INV-1"]
    filters.batch.setCurrentIndex(filters.batch.findText("Not in a batch"))
    filters.batch.activated.emit(filters.batch.currentIndex())
    assert [r.number for r in page.model.rows()] == ["CHK 1", "CM-1", "INV-2"]
    settled()
    assert page.count_label.text() == "3 transactions"
