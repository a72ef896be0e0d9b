"""The Send dialog's table: one row a customer, its channel, the plan and the outcome."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.ui.sending.send_rows import SendRow
from app.ui.widgets.record_table_model import AnyIndex, Column, RecordTableModel

FAILED_INK = QColor("#b00020")


class SendTableModel(RecordTableModel[SendRow]):
    COL_CUSTOMER, COL_NAME, COL_GOES_BY, COL_PLAN, COL_STATE = range(5)
    columns = (
        Column("Customer", lambda r: r.customer_number),
        Column("Name", lambda r: r.customer_name),
        Column("Goes by", lambda r: r.goes_by, widest="Post and email"),
        Column("This send", lambda r: r.plan),
        Column("Outcome", lambda r: r.state),
    )
    stretch_column = COL_STATE

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record(index.row()) if index.isValid() else None
        if row is not None and role == Qt.ItemDataRole.ForegroundRole:
            unsent = index.column() == self.COL_PLAN and row.plan.startswith(
                ("Email not", "Print not")
            )
            if (index.column() == self.COL_STATE and row.failed) or unsent:
                return FAILED_INK
        if row is not None and role == Qt.ItemDataRole.ToolTipRole:
            return row.state or row.plan
        return super().data(index, role)
