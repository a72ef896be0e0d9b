"""The Audit Log window (R20): who did what, and when, to every batch, customer and
transaction; newest first, filtered and sorted by the database, read a page at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app import billing
from app.billing import CustomerQuery
from app.ui.audit.audit_filters import AuditFilters
from app.ui.audit.audit_table_model import AuditTableModel
from app.ui.context import UiContext
from app.ui.widgets.display import counted
from app.ui.widgets.record_table_view import RecordTableView


class AuditLogPage(QWidget):
    """Read-only: the trail can only grow, so this page offers no way to change it."""

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.filters = AuditFilters()
        self.model = AuditTableModel(context)
        self.view = RecordTableView(
            self.model,
            "audit-log",
            sort_column=AuditTableModel.COL_AT,
            order=Qt.SortOrder.DescendingOrder,
        )
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.filters.sig_changed.connect(self._filter)
        self.model.modelReset.connect(self._show_count)
        context.sig_data_changed.connect(self.refresh)
        self._loaded = False

    def refresh(self) -> None:
        """Read the filter choices and the trail again (every change adds to it)."""
        with self.context.read() as session:
            users = billing.audit_users(session)
            customers = billing.list_customers(session, CustomerQuery())
        self.filters.set_choices(users, customers)
        if self._loaded:
            self.model.reload()
        else:
            self._loaded = True
            self.view.load_sorted()

    def _filter(self) -> None:
        self.model.set_query(self.filters.apply_to(self.model.query))

    def _show_count(self) -> None:
        self.count_label.setText(counted(self.model.total, "entry", "entries"))
