"""The audit trail as a table: pages of billing's entries, filtered and sorted by the database.

The Audit Log window lists them all; Invoice Batch Details shows one batch's history with the
same columns, all at once."""

from __future__ import annotations

from dataclasses import replace

from app import billing
from app.billing import AuditQuery, AuditRecord, AuditSort
from app.billing import AuditSort as By
from app.ui.context import UiContext
from app.ui.widgets.record_table_model import PAGE_SIZE, Column, Pages, RecordTableModel

A = AuditRecord


def _number(value: int | str | None) -> str:
    return "" if value is None else str(value)


COLUMNS = (
    Column[A](
        "When", lambda a: f"{a.at:%Y-%m-%d %H:%M:%S}", sort=By.AT, sample="0000-00-00 00:00:00"
    ),
    Column[A]("Who", lambda a: a.user, sort=By.USER, sample="clerk (billing)"),
    Column[A]("Action", lambda a: a.action, sort=By.ACTION, sample="transaction_update"),
    Column[A]("Batch", lambda a: _number(a.batch_number), sort=By.BATCH, sample="0000"),
    Column[A]("Customer", lambda a: _number(a.customer_number), sort=By.CUSTOMER, sample="C0000"),
    Column[A]("Transaction", lambda a: _number(a.transaction_number), sample="INV-00000"),
    Column[A]("Detail", lambda a: a.detail),
)


class AuditTableModel(RecordTableModel[AuditRecord]):
    COL_AT, COL_USER, COL_ACTION, COL_BATCH, COL_CUSTOMER, COL_TRANSACTION, COL_DETAIL = range(7)
    columns = COLUMNS
    stretch_column = 6

    def __init__(self, context: UiContext, page_size: int = PAGE_SIZE) -> None:
        super().__init__(pages=Pages(self._count, self._fetch), page_size=page_size)
        self.context = context
        newest_first = AuditQuery(sort=AuditSort.AT, descending=True)
        self.query: AuditQuery = newest_first

    def _count(self) -> int:
        with self.context.read() as session:
            return billing.count_audit(session, self.query)

    def _fetch(self, offset: int, limit: int) -> list[AuditRecord]:
        with self.context.read() as session:
            return billing.list_audit(session, self.query, offset, limit)


class BatchHistoryModel(RecordTableModel[AuditRecord]):
    """One batch's entries, oldest first: a history is short, so it is read whole."""

    columns = tuple(replace(c, sort=None) for c in COLUMNS if c.title != "Batch")
    stretch_column = len(columns) - 1
