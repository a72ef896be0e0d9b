"""The Work Entries list: pages of billing's work records, billed and unbilled, filtered and
sorted by the database."""

from __future__ import annotations

from app import billing
from app.billing import WorkQuery, WorkRecord
from app.billing import WorkSort as By
from app.ui.context import UiContext
from app.ui.widgets.display import amount_text, date_text
from app.ui.widgets.record_table_model import PAGE_SIZE, Column, Pages, RecordTableModel
from app.ui.work.work_entry_form import invoice_text

W = WorkRecord


def invoice_column(record: WorkRecord) -> str:
    return record.invoice_number or invoice_text(record)


class WorkTableModel(RecordTableModel[WorkRecord]):
    COL_CUSTOMER, COL_DATE, COL_SERVICE_TYPE, COL_WORKER = 0, 1, 2, 3
    COL_QUANTITY, COL_RATE, COL_AMOUNT, COL_INVOICE, COL_DESCRIPTION = 4, 5, 6, 7, 8
    columns = (
        Column[W](
            "Customer",
            lambda w: f"{w.customer_number} — {w.customer_name}",
            sort=By.CUSTOMER,
            sample="C000 — Evergreen Property Man",
        ),
        Column[W]("Date", lambda w: date_text(w.work_date), sort=By.DATE, sample="0000-00-00"),
        Column[W]("Service type", lambda w: w.service_type, sort=By.SERVICE_TYPE, sample="CONSULT"),
        Column[W]("Worker", lambda w: w.worker, sort=By.WORKER, sample="Maria Gonzalez"),
        Column[W]("Quantity", lambda w: f"{w.quantity:,.2f}", figure=True, sample="000.00"),
        Column[W]("Rate", lambda w: amount_text(w.rate), figure=True, sample="0,000.00"),
        Column[W](
            "Amount",
            lambda w: amount_text(w.amount),
            figure=True,
            sort=By.AMOUNT,
            sample="00,000.00",
        ),
        Column[W]("Invoice", invoice_column, sample="Not billable"),
        Column[W]("Description", lambda w: w.description),
    )
    stretch_column = COL_DESCRIPTION

    def __init__(self, context: UiContext, page_size: int = PAGE_SIZE) -> None:
        super().__init__(pages=Pages(self._count, self._fetch), page_size=page_size)
        self.context = context
        self.query: WorkQuery = WorkQuery(sort=By.DATE, descending=True)

    def _count(self) -> int:
        with self.context.read() as session:
            return billing.count_work(session, self.query)

    def _fetch(self, offset: int, limit: int) -> list[WorkRecord]:
        with self.context.read() as session:
            return billing.list_work(session, self.query, offset, limit)

    def tooltip(self, record: WorkRecord) -> str:
        return record.read_only_reason or ""
