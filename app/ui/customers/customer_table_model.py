"""The Customers list: pages of billing's customer records, searched and sorted by the database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app import billing
from app.billing import CustomerQuery, CustomerRecord, CustomerSort
from app.ui.context import UiContext
from app.ui.widgets.lazy_table_model import PAGE_SIZE, QueryTableModel

INACTIVE_COLOUR = QColor("#8a8a8a")


class CustomerTableModel(QueryTableModel[CustomerRecord, CustomerQuery]):
    COL_NUMBER = 0
    COL_NAME = 1
    COL_CITY = 2
    COL_COUNTRY = 3
    COL_CUTOFF_DAY = 4
    COL_ACTIVE = 5
    HEADERS = ("Number", "Name", "City", "Country", "Cutoff day", "Active")
    RIGHT_ALIGNED = frozenset({COL_CUTOFF_DAY})
    SAMPLES = ("C0000", "Evergreen Property Managem", "San Francisco", "United States",
               "00", "Yes")  # fmt: skip
    SORTS = (
        CustomerSort.NUMBER,
        CustomerSort.NAME,
        CustomerSort.CITY,
        CustomerSort.COUNTRY,
        CustomerSort.CUTOFF_DAY,
        CustomerSort.ACTIVE,
    )

    def __init__(self, context: UiContext, page_size: int = PAGE_SIZE) -> None:
        super().__init__(CustomerQuery(), page_size)
        self.context = context

    def count_rows(self) -> int:
        with self.context.read() as session:
            return billing.count_customers(session, self.query)

    def fetch_rows(self, offset: int, limit: int) -> list[CustomerRecord]:
        with self.context.read() as session:
            return billing.list_customers(session, self.query, offset, limit)

    def row_id(self, row: CustomerRecord) -> int:
        return row.id

    def display(self, row: CustomerRecord, column: int) -> str:
        if column == self.COL_NUMBER:
            return row.number
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_CITY:
            return row.city
        if column == self.COL_COUNTRY:
            return row.country
        if column == self.COL_CUTOFF_DAY:
            return str(row.cutoff_day) if row.cutoff_day else "None"
        return "Yes" if row.active else "No"

    def extra_data(self, row: CustomerRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return INACTIVE_COLOUR
        return None
