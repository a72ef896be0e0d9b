"""Invoice Batch Details (and the Generate preview, which shares its table) shows R17: each
customer's aging buckets, and the batch's in the totals row, beside the R8 figures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import GenerationRequest
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batch_details.statement_table_model import (
    COL_CURRENT,
    COL_INVOICE_AMOUNT,
    COL_OVER_90,
    CustomerStatementTableModel,
)
from app.ui.context import UiContext
from app.ui.generate.generate_page import GenerateInvoiceBatchPage
from tests.factories import transaction
from tests.ui.batch_scenario import CLOSE_DATE, november
from tests.ui.conftest import settled

# On 15 Nov C001's credits (350.00) pay INV-1001 (due 2 Nov) down to 750.00; INV-1010 is not
# due yet. C002's INV-0801 is 106 days past due; INV-1002 and DM-5 under 30 days.
AGED = {
    "C001": ["770.00", "20.00", "750.00", "0.00", "0.00", "0.00"],
    "C002": ["525.00", "0.00", "465.00", "0.00", "0.00", "60.00"],
    "Total": ["1,295.00", "20.00", "1,215.00", "0.00", "0.00", "60.00"],
}


def _aged_november(context: UiContext) -> None:
    """November with one invoice not yet due (C001) and one long overdue (C002)."""
    november(context.db)
    with context.transaction() as s:
        transaction(s, "C001", "invoice", "INV-1010", "2026-11-14", "20.00", due_date="2026-12-01")
        transaction(s, "C002", "invoice", "INV-0801", "2026-08-01", "60.00")


def _cells(model: CustomerStatementTableModel, first: int, last: int) -> dict[str, list[str]]:
    return {
        model.rows()[row].number: [model.index(row, c).data() for c in range(first, last + 1)]
        for row in range(model.rowCount())
    }


def test_customers_and_totals_show_their_aging(qtbot: QtBot, context: UiContext) -> None:
    _aged_november(context)
    with context.transaction() as s:
        number = billing.generate_batch(s, GenerationRequest(CLOSE_DATE)).number
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show_batch(number)
    settled()
    model = page.customers_model
    titles = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(COL_CURRENT, COL_OVER_90 + 1)
    ]
    assert titles == ["Current", "1–30", "31–60", "61–90", "Over 90"]
    tip = model.headerData(COL_OVER_90, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Of the invoice amount: over 90 days past due at the close date"
    assert _cells(model, COL_INVOICE_AMOUNT, COL_OVER_90) == AGED
    total_row = model.rowCount() - 1
    assert model.index(total_row, COL_OVER_90).data(Qt.ItemDataRole.FontRole).bold()
    alignment = model.index(0, COL_CURRENT).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight)


def test_the_generate_preview_shows_the_aging_it_would_make(
    qtbot: QtBot, context: UiContext
) -> None:
    _aged_november(context)
    page = GenerateInvoiceBatchPage(context)
    qtbot.addWidget(page)
    page.refresh()
    settled()
    page.form.set_close_date(CLOSE_DATE)
    with qtbot.waitSignal(page.sig_preview_shown):
        page.start_preview()
    assert _cells(page.customers_model, COL_INVOICE_AMOUNT, COL_OVER_90) == AGED
