"""Customers of a batch (or of a preview) with their R8 figures and R17 aging, and a bold
totals row last."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt

from app.billing import Aging, BatchStatus, CustomerStatement, StatementFigures
from app.ui.batches.batch_state_text import customer_delivery_text
from app.ui.widgets.display import amount_text
from app.ui.widgets.figure_columns import aging_columns, figure_columns
from app.ui.widgets.record_table_model import AnyIndex, Column, RecordTableModel

COL_CUSTOMER = 0
COL_NAME = 1
COL_TRANSACTIONS = 2
COL_FORMER_AMOUNT = 3
COL_PAYMENTS = 4
COL_CARRY_OVER = 5
COL_INVOICED = 6
COL_CHARGES = 7
COL_TAXES = 8
COL_INVOICE_AMOUNT = 9
COL_CURRENT = 10
COL_OVER_90 = 14
# R12, in a made batch's details only (BatchCustomersTableModel): what each customer paid
# towards it, and its delivery.
COL_PAID = 15
COL_DELIVERY = 16
TOTAL_LABEL = "Total"


@dataclass(frozen=True)
class StatementRow:
    """One customer's line, or the batch totals line (which has no statement)."""

    number: str
    name: str
    transaction_count: int
    figures: StatementFigures
    aging: Aging
    statement: CustomerStatement | None
    paid: Decimal | None = None
    delivery: str = ""


def statement_rows(
    customers: Sequence[CustomerStatement],
    totals: StatementFigures,
    aging: Aging,
    status: BatchStatus | None = None,
) -> list[StatementRow]:
    rows = []
    # By id once: `status.customer` searches the list, once per customer a whole batch over.
    states = {} if status is None else {state.customer_id: state for state in status.customers}
    for c in customers:
        state = states.get(c.customer.id)
        paid = state.paid_amount if state is not None else None
        delivery = customer_delivery_text(state)
        count = len(c.transactions)
        name, figures = c.customer.name, c.figures
        rows.append(
            StatementRow(c.customer.number, name, count, figures, c.aging, c, paid, delivery)
        )
    if rows:
        count = sum(row.transaction_count for row in rows)
        name = counted_customers(len(rows))
        paid = status.paid_amount if status is not None else None
        rows.append(StatementRow(TOTAL_LABEL, name, count, totals, aging, None, paid))
    return rows


def counted_customers(count: int) -> str:
    return f"{count} customer" if count == 1 else f"{count} customers"


class CustomerStatementTableModel(RecordTableModel[StatementRow]):
    columns = (
        Column[StatementRow]("Customer", lambda r: r.number),
        Column[StatementRow]("Name", lambda r: r.name),
        Column[StatementRow]("Transactions", lambda r: str(r.transaction_count), figure=True),
        *figure_columns(lambda r: r.figures),
        *aging_columns(lambda r: r.aging),
    )
    stretch_column = COL_NAME

    def set_statements(
        self,
        customers: Sequence[CustomerStatement],
        totals: StatementFigures,
        aging: Aging,
        status: BatchStatus | None = None,
    ) -> None:
        self.set_rows(statement_rows(customers, totals, aging, status))

    def statement(self, row: int) -> CustomerStatement | None:
        record = self.record(row)
        return record.statement if record is not None else None

    def row_of(self, customer_number: str) -> int | None:
        return self.row_where(lambda r: r.statement is not None and r.number == customer_number)

    def totals(self) -> StatementRow | None:
        return self._rows[-1] if self._rows else None

    def is_emphasised(self, record: StatementRow) -> bool:
        return record.statement is None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        record = self.record(index.row()) if index.isValid() else None
        if record is not None and record.statement is None:
            return Qt.ItemFlag.ItemIsEnabled  # the totals line cannot be chosen as a customer
        return super().flags(index)


class BatchCustomersTableModel(CustomerStatementTableModel):
    """A made batch's customers: the figures, and R12's paid amount and delivery of each."""

    columns = (
        *CustomerStatementTableModel.columns,
        Column[StatementRow](
            "Paid",
            lambda r: amount_text(r.paid) if r.paid is not None else "",
            figure=True,
            tip="Paid after the close date, up to the customer's next batch, at most the "
            "invoice amount",
        ),
        Column[StatementRow]("Delivery", lambda r: r.delivery),
    )
