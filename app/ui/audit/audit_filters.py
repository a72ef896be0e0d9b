"""The filter bar of the Audit Log: dates, who, action, batch and customer.

A date bound is empty for Any, or a date typed (or picked) exactly; a bound that is not a date
leaves the list as it was and says why at the end of the bar."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.billing import ACTIONS, AuditQuery, CustomerRecord
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_bounds import DateBounds
from app.ui.widgets.filter_rows import lay_out_filter_rows

ANYONE = "Anyone"
ALL_ACTIONS = "All actions"


class AuditFilters(QWidget):
    """Emits `sig_changed` whenever the clerk narrows or widens the trail."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dates = DateBounds(("From", "To"), self)
        self.date_from, self.date_to = self.dates.date_from, self.dates.date_to
        self.user = QComboBox()
        self.action = QComboBox()
        self.action.addItem(ALL_ACTIONS, None)
        for action in sorted(ACTIONS):
            self.action.addItem(action, action)
        self.batch = QLineEdit()
        self.batch.setPlaceholderText("Any")
        self.batch.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,9}"), self))
        self.batch.setMaximumWidth(self.fontMetrics().horizontalAdvance("000000000") + 16)
        self.customer = CustomerPicker(any_text="All customers")
        lay_out_filter_rows(
            self,
            (
                (("Fr&om", self.date_from), ("&to", self.date_to), ("&Who", self.user)),
                (("A&ction", self.action), ("&Batch", self.batch), ("Custo&mer", self.customer)),
            ),
            self.dates.problem,
        )
        self.dates.sig_changed.connect(self.sig_changed)
        self.user.activated.connect(self.sig_changed)
        self.action.activated.connect(self.sig_changed)
        self.batch.editingFinished.connect(self.sig_changed)
        self.customer.activated.connect(self.sig_changed)
        self.customer.editor.editingFinished.connect(self.sig_changed)

    def set_choices(self, users: Sequence[str], customers: Sequence[CustomerRecord]) -> None:
        """Who appears in the trail, and the customers, keeping what is chosen."""
        chosen = self.user.currentData()
        self.user.clear()
        self.user.addItem(ANYONE, None)
        for user in users:
            self.user.addItem(user, user)
        self.user.setCurrentIndex(max(0, self.user.findData(chosen)))
        self.customer.blockSignals(True)
        try:
            self.customer.set_customers(customers)
        finally:
            self.customer.blockSignals(False)

    def apply_to(self, query: AuditQuery) -> AuditQuery:
        """The query with these filters and the query's own sort."""
        batch = self.batch.text().strip()
        date_from, date_to = self.dates.values((query.date_from, query.date_to))
        return AuditQuery(
            date_from=date_from,
            date_to=date_to,
            user=self.user.currentData(),
            action=self.action.currentData(),
            batch_number=int(batch) if batch else None,
            customer_number=self.customer.number() or None,
            sort=query.sort,
            descending=query.descending,
        )
