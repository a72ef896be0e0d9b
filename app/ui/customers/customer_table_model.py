"""The Customers list: pages of billing's customer records, searched and sorted by the database."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app import billing
from app.billing import CustomerQuery, CustomerRecord, CustomerSort
from app.ui.context import UiContext
from app.ui.widgets.record_table_model import PAGE_SIZE, Column, Pages, RecordTableModel

INACTIVE_COLOUR = QColor("#8a8a8a")
C = CustomerRecord


class CustomerTableModel(RecordTableModel[CustomerRecord]):
    COL_NUMBER = 0
    COL_NAME = 1
    COL_CITY = 2
    COL_COUNTRY = 3
    COL_CUTOFF_DAY = 4
    COL_ACTIVE = 5
    columns = (
        Column[C]("Number", lambda c: c.number, sort=CustomerSort.NUMBER, sample="C0000"),
        Column[C](
            "Name", lambda c: c.name, sort=CustomerSort.NAME, sample="Evergreen Property Managem"
        ),
        Column[C]("City", lambda c: c.city, sort=CustomerSort.CITY, sample="San Francisco"),
        Column[C](
            "Country", lambda c: c.country, sort=CustomerSort.COUNTRY, sample="United States"
        ),
        Column[C](
            "Cutoff day",
            lambda c: str(c.cutoff_day) if c.cutoff_day else "None",
            figure=True,
            sort=CustomerSort.CUTOFF_DAY,
            sample="00",
        ),
        Column[C](
            "Active", lambda c: "Yes" if c.active else "No", sort=CustomerSort.ACTIVE, sample="Yes"
        ),
    )

    def __init__(self, context: UiContext, page_size: int = PAGE_SIZE) -> None:
        super().__init__(pages=Pages(self._count, self._fetch), page_size=page_size)
        self.context = context
        self.query: CustomerQuery = CustomerQuery()

    def _count(self) -> int:
        with self.context.read() as session:
            return billing.count_customers(session, self.query)

    def _fetch(self, offset: int, limit: int) -> list[CustomerRecord]:
        with self.context.read() as session:
            return billing.list_customers(session, self.query, offset, limit)

    def foreground(self, record: CustomerRecord) -> QColor | None:
        return None if record.active else INACTIVE_COLOUR
