"""The A/R Transactions list: pages of billing's records, filtered and sorted by the database."""

from __future__ import annotations

import sys
from dataclasses import replace

from app import billing
from app.billing import TransactionQuery, TransactionRecord, TransactionSort
from app.billing import TransactionSort as By
from app.ui.context import UiContext
from app.ui.widgets.display import amount_text, date_text
from app.ui.widgets.record_table_model import PAGE_SIZE, Column, Pages, RecordTableModel

T = TransactionRecord
UNCOUNTED = sys.maxsize  # the total of a list not counted yet: fetch until a page is empty


def batch_text(record: TransactionRecord) -> str:
    if record.batch_number is None:
        return ""
    return f"{record.batch_number} (locked)" if record.batch_locked else str(record.batch_number)


class TransactionTableModel(RecordTableModel[TransactionRecord]):
    COL_CUSTOMER = 0
    COL_TYPE = 1
    COL_NUMBER = 2
    COL_INVOICE_DATE = 3
    COL_DUE_DATE = 4
    COL_AMOUNT = 5
    COL_TAX = 6
    COL_BATCH = 7
    COL_DESCRIPTION = 8
    columns = (
        Column[T](
            "Customer",
            lambda t: f"{t.customer_number} — {t.customer_name}",
            sort=By.CUSTOMER,
            sample="C000 — Harbor Lights Marine",
        ),
        Column[T]("Type", lambda t: t.type.label, sort=By.TYPE, sample="Credit memo"),
        Column[T]("Number", lambda t: t.number, sort=By.NUMBER, sample="INV-00000"),
        Column[T](
            "Invoice date",
            lambda t: date_text(t.invoice_date),
            sort=By.INVOICE_DATE,
            sample="0000-00-00",
        ),
        Column[T](
            "Due/Paid date", lambda t: date_text(t.due_date), sort=By.DUE_DATE, sample="0000-00-00"
        ),
        Column[T](
            "Amount",
            lambda t: amount_text(t.amount),
            figure=True,
            sort=By.AMOUNT,
            sample="000,000.00",
        ),
        Column[T]("Tax", lambda t: amount_text(t.tax), figure=True, sort=By.TAX, sample="0,000.00"),
        Column[T]("Batch", batch_text, sort=By.BATCH, sample="000 (printed)"),
        Column[T]("Description", lambda t: t.description, sort=By.DESCRIPTION),
    )

    def __init__(self, context: UiContext, page_size: int = PAGE_SIZE) -> None:
        super().__init__(pages=Pages(self._count, self._fetch), page_size=page_size)
        self.context = context
        newest_first = TransactionQuery(sort=TransactionSort.INVOICE_DATE, descending=True)
        self.query: TransactionQuery = newest_first
        self._counts: dict[TransactionQuery, int] = {}  # by the filters alone, sort left out

    def filters(self) -> TransactionQuery:
        """The query without its sort: a sort never changes how many rows a filter finds."""
        return replace(self.query, sort=TransactionSort.INVOICE_DATE, descending=False)

    def _count(self) -> int:
        # Going back to a filter finds what it found before until something changes
        # (`forget_counts`). A filter not counted yet lists its rows at once and is counted
        # by the page off the window's thread (a million rows take a tenth of a second or
        # more, its first page milliseconds): until then pages come until one comes back empty.
        return self._counts.get(self.filters(), UNCOUNTED)

    def is_counted(self) -> bool:
        return self.filters() in self._counts

    def take_count(self, filters: TransactionQuery, count: int) -> None:
        """How many rows `filters` finds, counted in the background."""
        self._counts[filters] = count
        if filters == self.filters():
            self.total = count

    def forget_counts(self) -> None:
        """Count again from the next load: transactions were saved, deleted or batched."""
        self._counts.clear()

    def _fetch(self, offset: int, limit: int) -> list[TransactionRecord]:
        with self.context.read() as session:
            return billing.list_transactions(session, self.query, offset, limit)

    def tooltip(self, record: TransactionRecord) -> str:
        return record.read_only_reason or ""
