"""The Contracts list: one row per contract as billing lists it, by customer then number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from app.billing import ContractRecord
from app.ui.contracts.contract_labels import BILLING_LABELS, every_text
from app.ui.widgets.display import amount_text, date_text
from app.ui.widgets.record_table_model import Column, RecordTableModel

FADED = QColor("#8a8a8a")  # as the Customers list shows an inactive customer
C = ContractRecord


def is_over(contract: ContractRecord, today: dt.date) -> bool:
    """Inactive, or past its last day: shown faded."""
    return not contract.active or (contract.end_date is not None and contract.end_date < today)


class ContractTableModel(RecordTableModel[ContractRecord]):
    COL_CUSTOMER = 0
    COL_NUMBER = 1
    COL_NAME = 2
    COL_AMOUNT = 3
    COL_EVERY = 4
    COL_START = 5
    COL_END = 6
    COL_BILLING = 7
    COL_ACTIVE = 8
    COL_BILLED_THROUGH = 9
    columns = (
        Column[C]("Customer", lambda c: f"{c.customer_number} {c.customer_name}"),
        Column[C]("Number", lambda c: c.number),
        Column[C]("Name", lambda c: c.name),
        Column[C]("Amount", lambda c: amount_text(c.amount), figure=True, tip="Per period"),
        Column[C]("Every", lambda c: every_text(c.period_months), tip="The period's length"),
        Column[C]("Start", lambda c: date_text(c.start_date)),
        Column[C]("End", lambda c: date_text(c.end_date), tip="Its last day; empty: no end"),
        Column[C]("Billing", lambda c: BILLING_LABELS[c.billing]),
        Column[C]("Active", lambda c: "Yes" if c.active else "No"),
        Column[C](
            "Billed through",
            lambda c: date_text(c.billed_through) or "Not yet",
            tip="The last day of the latest period billed",
        ),
    )

    def __init__(
        self, parent: QObject | None = None, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self.today = today

    def tooltip(self, record: ContractRecord) -> str:
        return f"{record.customer_number} — {record.customer_name}: {record.name}"

    def foreground(self, record: ContractRecord) -> QColor | None:
        return FADED if is_over(record, self.today()) else None
