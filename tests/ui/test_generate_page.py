"""Generate Invoice Batch: preview, the reasons for customers left out, process, one run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytestqt.qtbot import QtBot

from app import billing
from app.billing import GenerationRequest
from app.ui.batch_details.statement_table_model import COL_INVOICE_AMOUNT, COL_NAME
from app.ui.batches.batch_table_model import COL_CUSTOMERS
from app.ui.batches.batch_table_model import COL_INVOICE_AMOUNT as BATCH_INVOICE_AMOUNT
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from app.ui.generate.generate_page import BUSY, PREVIEW_FIRST, STALE, GenerateInvoiceBatchPage
from app.ui.operations import Operation
from tests.ui.batch_scenario import CLOSE_DATE, november
from tests.ui.conftest import Dialogs, settled


def _page(qtbot: QtBot, context: UiContext) -> GenerateInvoiceBatchPage:
    page = GenerateInvoiceBatchPage(context)
    qtbot.addWidget(page)
    page.refresh()
    page.form.set_close_date(CLOSE_DATE)
    page.form.description_edit.setText("Mid-month")
    return page


def _previewed(qtbot: QtBot, page: GenerateInvoiceBatchPage) -> None:
    with qtbot.waitSignal(page.sig_preview_shown):
        page.start_preview()


def _texts(page: GenerateInvoiceBatchPage, column: int) -> list[str]:
    model = page.customers_model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_preview_shows_customers_totals_and_why_others_are_left_out(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    with qtbot.waitSignal(page.sig_preview_shown):
        page.start_preview()
    assert [r.number for r in page.customers_model.rows()] == ["C001", "C002", "Total"]
    assert _texts(page, COL_NAME) == ["Łódź Müller & Søn", "Bergström Supplies", "2 customers"]
    assert _texts(page, COL_INVOICE_AMOUNT) == ["750.00", "465.00", "1,215.00"]
    # Expected in the run first, then outside the batch process, then other cutoff days.
    assert [(r.customer_number, r.reason) for r in page.left_out_model.rows()] == [
        ("C004", "nothing unbatched dated on or before 2026-11-15"),
        ("C005", "not in the invoice batch process (no cutoff day)"),
        ("C003", "cutoff day 30 does not match the close date"),
    ]
    assert page.summary_label.text() == (
        "A run with close date 2026-11-15 would make one invoice batch of 4 transactions for "
        "2 customers; invoice amount 1,215.00. Nothing has been saved yet."
    )
    assert page.banner.isHidden()
    assert dialogs.errors == []
    with context.transaction() as s:
        assert billing.list_batches(s) == []  # a preview saves nothing


def test_preview_with_nothing_to_include_shows_the_refusal_plainly(
    qtbot: QtBot, context: UiContext
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    page.form.set_close_date(dt.date(2026, 11, 20))
    with qtbot.waitSignal(page.sig_preview_shown):
        page.start_preview()
    assert page.customers_model.rowCount() == 0
    assert page.banner.text() == (
        "No invoice batch was created for 2026-11-20: no active customer has cutoff day 20."
    )
    assert not page.banner.isHidden()
    assert page.left_out_model.rowCount() == 5


def test_process_creates_the_batch_lists_it_and_opens_its_details(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    opened: list[int] = []
    context.sig_open_batch.connect(opened.append)
    _previewed(qtbot, page)
    with qtbot.waitSignal(page.sig_generated) as generated:
        page.process()
        assert not page.process_button.isEnabled()
    assert generated.args == [1]
    assert opened == [1]
    assert page.process_button.isEnabled()
    assert page.banner.text() == (
        "Invoice batch 1 was created for 2026-11-15: 4 transactions of 2 customers, "
        "invoice amount 1,215.00."
    )
    batches = InvoiceBatchesPage(context)
    qtbot.addWidget(batches)
    batches.refresh()
    settled()
    [batch] = batches.model.rows()
    assert (batch.number, batch.description, batch.customer_count) == (1, "Mid-month", 2)
    assert batches.model.index(0, COL_CUSTOMERS).data() == "2"
    assert batches.model.index(0, BATCH_INVOICE_AMOUNT).data() == "1,215.00"
    assert batch.totals.as_dict() == {
        "former_amount": Decimal("0.00"),
        "payments": Decimal("300.00"),
        "carry_over": Decimal("-300.00"),
        "invoiced": Decimal("1350.00"),
        "charges": Decimal("25.00"),
        "taxes": Decimal("140.00"),
        "invoice_amount": Decimal("1215.00"),
    }
    assert dialogs.errors == []


def test_a_second_process_while_one_runs_is_refused(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    _previewed(qtbot, page)
    with qtbot.waitSignal(page.sig_generated):
        page.process()
        first = page.operation
        page.process()
        assert page.operation is first
        assert dialogs.infos == [BUSY]
    assert not Operation.is_running("generate")


def test_process_refused_by_billing_says_why(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    page.form.set_close_date(dt.date(2026, 11, 20))
    _previewed(qtbot, page)
    page.process()
    assert page.operation is not None
    with qtbot.waitSignal(page.operation.sig_finished):
        pass
    refusal = "No invoice batch was created for 2026-11-20: no active customer has cutoff day 20."
    assert dialogs.errors == [refusal]
    assert page.banner.text() == refusal


def test_the_form_reads_into_a_request(qtbot: QtBot, context: UiContext) -> None:
    november(context.db)
    page = _page(qtbot, context)
    page.form.exclude_check.setChecked(True)
    page.form.override_check.setChecked(True)
    page.form.from_combo.setCurrentIndex(page.form.from_combo.row_of("C002"))
    page.form.to_combo.setEditText("C004")
    assert page.form.request() == GenerationRequest(
        close_date=CLOSE_DATE,
        description="Mid-month",
        exclude_closing_date=True,
        from_customer="C002",
        to_customer="C004",
        override=True,
    )
    assert page.form.from_combo.currentText() == "C002 — Bergström Supplies"


def test_changing_a_field_after_a_preview_says_it_is_out_of_date(
    qtbot: QtBot, context: UiContext
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    with qtbot.waitSignal(page.sig_preview_shown):
        page.start_preview()
    page.form.exclude_check.setChecked(True)
    assert page.banner.text() == STALE
    assert not page.banner.isHidden()


def test_coming_back_to_the_page_keeps_the_preview_current(
    qtbot: QtBot, context: UiContext
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    page.form.to_combo.setCurrentIndex(page.form.to_combo.row_of("C004"))
    with qtbot.waitSignal(page.sig_preview_shown):
        page.start_preview()
    page.refresh()  # as the main window does when the clerk comes back to the page
    assert page.form.to_combo.number() == "C004"
    assert page.banner.isHidden()


def test_process_without_a_preview_shows_the_preview_first_and_makes_nothing(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    with qtbot.waitSignal(page.sig_preview_shown):
        page.process()
    assert page.operation is None
    assert page.banner.text() == PREVIEW_FIRST
    assert [r.number for r in page.customers_model.rows()] == ["C001", "C002", "Total"]
    with context.transaction() as s:
        assert billing.list_batches(s) == []
    with qtbot.waitSignal(page.sig_generated) as generated:
        page.process()  # now the preview on screen is of these very fields
    assert generated.args == [1]
    assert dialogs.errors == []


def test_process_with_an_out_of_date_preview_previews_the_new_fields_first(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    _previewed(qtbot, page)
    page.form.override_check.setChecked(True)
    assert page.banner.text() == STALE
    with qtbot.waitSignal(page.sig_preview_shown):
        page.process()
    assert page.operation is None
    assert page.preview is not None
    assert page.preview.request.override
    assert page.banner.text() == PREVIEW_FIRST
    with context.transaction() as s:
        assert billing.list_batches(s) == []


def test_override_range_and_description_are_cleared_after_a_run(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    page.form.exclude_check.setChecked(True)
    page.form.override_check.setChecked(True)
    page.form.from_combo.set_number("C001")
    page.form.to_combo.set_number("C002")
    _previewed(qtbot, page)
    with qtbot.waitSignal(page.sig_generated):
        page.process()
    assert page.form.request() == GenerationRequest(
        close_date=CLOSE_DATE,
        description="",
        exclude_closing_date=True,
        from_customer=None,
        to_customer=None,
        override=False,
    )
    assert not page.form.override_check.isChecked()
    assert page.form.from_combo.currentText() == "First customer"
    assert page.form.to_combo.currentText() == "Last customer"
    assert page.banner.text().startswith("Invoice batch 1 was created for 2026-11-15: ")
