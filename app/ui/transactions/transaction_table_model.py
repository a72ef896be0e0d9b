"""The A/R Transactions list: pages of billing's records, filtered and sorted by the database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app import billing
from app.billing import TransactionQuery, TransactionRecord, TransactionSort, format_amount
from app.ui.context import UiContext
from app.ui.widgets.lazy_table_model import PAGE_SIZE, QueryTableModel


def batch_text(record: TransactionRecord) -> str:
    if record.batch_number is None:
        return ""
    return f"{record.batch_number} (printed)" if record.batch_printed else str(record.batch_number)


class TransactionTableModel(QueryTableModel[TransactionRecord, TransactionQuery]):
    COL_CUSTOMER = 0
    COL_TYPE = 1
    COL_NUMBER = 2
    COL_INVOICE_DATE = 3
    COL_DUE_DATE = 4
    COL_AMOUNT = 5
    COL_TAX = 6
    COL_BATCH = 7
    COL_DESCRIPTION = 8
    HEADERS = (
        "Customer",
        "Type",
        "Number",
        "Invoice date",
        "Due/Paid date",
        "Amount",
        "Tax",
        "Batch",
        "Description",
    )
    RIGHT_ALIGNED = frozenset({COL_AMOUNT, COL_TAX})
    SAMPLES = ("C000 — Harbor Lights Marine", "Credit memo", "INV-00000", "0000-00-00",
               "0000-00-00", "000,000.00", "0,000.00", "000 (printed)", "")  # fmt: skip
    SORTS = (
        TransactionSort.CUSTOMER,
        TransactionSort.TYPE,
        TransactionSort.NUMBER,
        TransactionSort.INVOICE_DATE,
        TransactionSort.DUE_DATE,
        TransactionSort.AMOUNT,
        TransactionSort.TAX,
        TransactionSort.BATCH,
        TransactionSort.DESCRIPTION,
    )

    def __init__(self, context: UiContext, page_size: int = PAGE_SIZE) -> None:
        newest_first = TransactionQuery(sort=TransactionSort.INVOICE_DATE, descending=True)
        super().__init__(newest_first, page_size)
        self.context = context

    def count_rows(self) -> int:
        with self.context.read() as session:
            return billing.count_transactions(session, self.query)

    def fetch_rows(self, offset: int, limit: int) -> list[TransactionRecord]:
        with self.context.read() as session:
            return billing.list_transactions(session, self.query, offset, limit)

    def row_id(self, row: TransactionRecord) -> int:
        return row.id

    def display(self, row: TransactionRecord, column: int) -> str:
        values = (
            f"{row.customer_number} — {row.customer_name}",
            row.type.label,
            row.number,
            row.invoice_date.isoformat(),
            row.due_date.isoformat(),
            format_amount(row.amount),
            format_amount(row.tax),
            batch_text(row),
            row.description,
        )
        return values[column]

    def extra_data(self, row: TransactionRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.read_only_reason:
            return row.read_only_reason
        return None
