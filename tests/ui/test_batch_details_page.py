"""Invoice Batch Details: the batch's customers and lines, changes until printed, refusals."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionQuery
from app.ui.batch_details.add_customer_dialog import AddCustomerDialog
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batch_details.candidate_picker_dialog import CandidatePickerDialog
from app.ui.batch_details.statement_table_model import COL_INVOICE_AMOUNT
from app.ui.batch_details.transaction_edit_dialog import TransactionEditDialog
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.pages import page_specs
from tests.factories import transaction
from tests.ui.batch_scenario import CLOSE_DATE, generated, mark_printed, november
from tests.ui.conftest import Dialogs, settled


def _page(qtbot: QtBot, context: UiContext, number: int) -> InvoiceBatchDetailsPage:
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show_batch(number)
    settled()
    return page


def _amounts(page: InvoiceBatchDetailsPage) -> dict[str, str]:
    model = page.customers_model
    return {
        model.rows()[row].number: model.index(row, COL_INVOICE_AMOUNT).data()
        for row in range(model.rowCount())
    }


def _select_transaction(page: InvoiceBatchDetailsPage, number: str) -> None:
    rows = [t.number for t in page.transactions_model.rows()]
    page.transactions_table.select_row(rows.index(number))


def _select_customer(page: InvoiceBatchDetailsPage, number: str) -> None:
    row = page.customers_model.row_of(number)
    assert row is not None
    page.customers_table.select_row(row)


def _add_customer(page: InvoiceBatchDetailsPage, number: str) -> None:
    page.add_customer()
    dialog = page.dialog
    assert isinstance(dialog, AddCustomerDialog)
    dialog.customer_picker.set_number(number)
    dialog.accept()
    settled()


def _unbatched(context: UiContext) -> list[str]:
    with context.transaction() as s:
        rows = billing.list_transactions(s, TransactionQuery(unbatched_only=True))
    return sorted(t.number for t in rows if t.type != billing.TransactionType.PAYMENT)


def test_details_show_customers_lines_and_payments(qtbot: QtBot, context: UiContext) -> None:
    generated(context.db)
    page = _page(qtbot, context, 1)
    assert page.header.number_label.text() == "1"
    assert page.header.close_date_label.text() == "2026-11-15"
    assert page.header.description_label.text() == "Mid-month"
    assert page.header.kind_label.text() == "Generated"
    assert page.header.printed_label.text() == "No"
    assert page.header.banner.isHidden()
    assert _amounts(page) == {"C001": "750.00", "C002": "465.00", "Total": "1,215.00"}
    assert [t.number for t in page.transactions_model.rows()] == ["INV-1001", "CM-17"]
    assert [p.number for p in page.payments_model.rows()] == ["CHK-1"]
    _select_customer(page, "C002")
    assert [t.number for t in page.transactions_model.rows()] == ["INV-1002", "DM-5"]
    assert page.payments_model.rowCount() == 0
    assert page.transactions_caption.text() == (
        "Transactions of C002 — Bergström Supplies in the batch"
    )


def test_removing_a_transaction_updates_the_totals(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    page = _page(qtbot, context, 1)
    _select_transaction(page, "CM-17")
    assert page.remove_transactions_button.isEnabled()
    page.remove_transactions_button.click()
    settled()
    assert dialogs.questions == [
        "Remove 1 transaction (CM-17) from invoice batch 1? It becomes unbatched and can go "
        "into another batch."
    ]
    assert _amounts(page) == {"C001": "800.00", "C002": "465.00", "Total": "1,265.00"}
    assert [t.number for t in page.transactions_model.rows()] == ["INV-1001"]
    assert _unbatched(context) == ["CM-17", "INV-1003", "INV-1005"]
    assert dialogs.errors == []


def test_a_declined_removal_changes_nothing(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    page = _page(qtbot, context, 1)
    dialogs.confirm_answer = False
    _select_customer(page, "C002")
    page.remove_customer_button.click()
    settled()
    assert dialogs.questions == [
        "Remove customer C002 (Bergström Supplies) from invoice batch 1? Its 2 transactions "
        "will be released and can go into another batch."
    ]
    assert _amounts(page) == {"C001": "750.00", "C002": "465.00", "Total": "1,215.00"}


def test_removing_a_customer_releases_its_transactions(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    page = _page(qtbot, context, 1)
    _select_customer(page, "C002")
    page.remove_customer_button.click()
    settled()
    assert _amounts(page) == {"C001": "750.00", "Total": "750.00"}
    assert _unbatched(context) == ["DM-5", "INV-1002", "INV-1003", "INV-1005"]


def test_a_printed_batch_is_read_only_and_billing_refuses_anyway(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    mark_printed(context.db, 1)
    page = _page(qtbot, context, 1)
    today = f"{dt.date.today():%Y-%m-%d}"
    assert page.header.printed_label.text() == today
    assert not page.header.banner.isHidden()
    assert page.header.banner.text() == (
        f"Printed on {today} — read-only. Enter a credit or debit memo for corrections; "
        "it falls into the next batch."
    )
    _select_transaction(page, "CM-17")
    for button in page._change_buttons():
        assert not button.isEnabled(), button.text()
    page.remove_transactions()  # forced past the disabled button
    settled()
    assert dialogs.errors == [
        f"Invoice batch 1 was printed on {today} and is read-only. Enter a credit or debit "
        "memo instead; it falls into the next batch."
    ]
    assert _amounts(page) == {"C001": "750.00", "C002": "465.00", "Total": "1,215.00"}


def test_adding_a_customer_whose_cutoff_does_not_fit_needs_the_override(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    with context.transaction() as s:
        billing.create_manual_batch(s, CLOSE_DATE, "Catch-up")
    page = _page(qtbot, context, 1)
    assert page.transactions_caption.text() == (
        "No customers in this batch yet — use Add Customer or Add Transactions."
    )
    dialogs.confirm_answer = False
    _add_customer(page, "C003")
    settled()
    question = (
        "Customer C003's cutoff day (30) does not fit the close date 2026-11-15. Add it with "
        "override to include it anyway.\n\nOverride the invoice batch creation rules and add "
        "customer C003 to invoice batch 1? All of its unbatched invoices and memos go in, "
        "whatever their date."
    )
    assert dialogs.questions == [question]
    assert page.customers_model.rowCount() == 0
    dialogs.confirm_answer = True
    _add_customer(page, "C003")
    settled()
    assert dialogs.questions == [question, question]
    assert _amounts(page) == {"C003": "500.00", "Total": "500.00"}
    assert dialogs.errors == []


def test_adding_a_customer_with_nothing_unbatched_is_refused(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    with context.transaction() as s:
        billing.create_manual_batch(s, CLOSE_DATE, "")
    page = _page(qtbot, context, 1)
    _add_customer(page, "C004")
    settled()
    assert dialogs.questions == []
    assert dialogs.errors == [
        "Customer C004 has no unbatched invoice or memo dated on or before 2026-11-15."
    ]


def test_the_picker_adds_chosen_transactions_with_or_without_the_override(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    with context.transaction() as s:
        transaction(s, "C001", "invoice", "INV-1010", "2026-11-20", "70.00")
        billing.create_manual_batch(s, CLOSE_DATE, "")
    page = _page(qtbot, context, 1)
    page.add_transactions()
    settled()
    picker = page.dialog
    assert isinstance(picker, CandidatePickerDialog)
    listed = [t.number for t in picker.model.rows()]
    assert listed == ["INV-1001", "CM-17", "INV-1002", "DM-5", "INV-1003", "INV-1005"]
    assert picker.rule_label.text() == (
        "6 transactions: unbatched invoices and memos dated on or before 2026-11-15."
    )
    assert not picker.add_button.isEnabled()
    picker.override_check.setChecked(True)
    assert [t.number for t in picker.model.rows()] == [
        "INV-1001",
        "CM-17",
        "INV-1010",
        "INV-1002",
        "DM-5",
        "INV-1003",
        "INV-1005",
    ]
    picker.select_numbers({"INV-1002", "INV-1010"})
    assert picker.add_button.isEnabled()
    picker.add_button.click()
    settled()
    # C001's payment of 300.00 falls in the period; C002's invoice carries 40.00 tax.
    assert _amounts(page) == {"C001": "-230.00", "C002": "440.00", "Total": "210.00"}
    assert dialogs.errors == []


def test_editing_a_transaction_of_an_unprinted_batch(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    page = _page(qtbot, context, 1)
    _select_transaction(page, "INV-1001")
    page.edit_button.click()
    settled()
    editor = page.dialog
    assert isinstance(editor, TransactionEditDialog)
    editor.number_edit.setText("INV-1002")
    editor.save()
    assert editor.errors.message("number") == "INV-1002 is already used by another document"
    assert editor.isVisible()
    editor.number_edit.setText("INV-1001")
    editor.amount_edit.setText("1200.00")
    editor.save()
    settled()
    assert not editor.isVisible()
    assert _amounts(page) == {"C001": "950.00", "C002": "465.00", "Total": "1,415.00"}
    assert dialogs.errors == []


def test_opening_a_batch_brings_the_details_page_forward(qtbot: QtBot, context: UiContext) -> None:
    generated(context.db)
    specs = [s for s in page_specs() if s.key in ("batches", "details", "generate")]
    window = MainWindow(context, specs)
    qtbot.addWidget(window)
    context.sig_open_batch.emit(1)
    settled()
    page = window.stack.currentWidget()
    assert isinstance(page, InvoiceBatchDetailsPage)
    assert page.selected_batch_number() == 1
    assert page.header.picker.currentText() == "1 — 2026-11-15 — Mid-month"


def test_a_print_made_elsewhere_shows_at_once(qtbot: QtBot, context: UiContext) -> None:
    generated(context.db)
    page = _page(qtbot, context, 1)
    page.show()
    qtbot.waitExposed(page)
    assert page.add_customer_button.isEnabled()
    mark_printed(context.db, 1)
    context.sig_data_changed.emit()  # as the report's Print button does after printing
    settled()
    assert not page.header.banner.isHidden()
    assert not page.add_customer_button.isEnabled()
