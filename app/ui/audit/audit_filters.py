"""The filter bar of the Audit Log: dates, who, action, batch and customer.

A date bound is empty for Any, or a date typed (or picked) exactly; a bound that is not a date
leaves the list as it was and says why at the end of the bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.billing import ACTIONS, AuditQuery, CustomerRecord
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_edit import OptionalDateEdit
from app.ui.widgets.field_errors import ERROR_STYLE

ANYONE = "Anyone"
ALL_ACTIONS = "All actions"


class AuditFilters(QWidget):
    """Emits `sig_changed` whenever the clerk narrows or widens the trail."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_from = OptionalDateEdit("Any")
        self.date_to = OptionalDateEdit("Any")
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
        self.date_problem = QLabel()
        self.date_problem.setStyleSheet(ERROR_STYLE)
        self.date_problem.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            ("Fr&om", self.date_from),
            ("&to", self.date_to),
            ("&Who", self.user),
            ("A&ction", self.action),
            ("&Batch", self.batch),
            ("Custo&mer", self.customer),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addWidget(self.date_problem)
        layout.addStretch(1)
        for bound in (self.date_from, self.date_to):
            bound.dateChanged.connect(self._dates_changed)
            bound.editingFinished.connect(self._show_date_problems)
        self.user.activated.connect(self.sig_changed)
        self.action.activated.connect(self.sig_changed)
        self.batch.editingFinished.connect(self.sig_changed)
        self.customer.activated.connect(self.sig_changed)
        self.customer.editor.editingFinished.connect(self.sig_changed)

    def _dates_changed(self) -> None:
        if not self._date_problems():
            self.date_problem.hide()
            self.sig_changed.emit()

    def _show_date_problems(self) -> None:
        problems = self._date_problems()
        self.date_problem.setText("; ".join(problems))
        self.date_problem.setVisible(bool(problems))

    def _date_problems(self) -> list[str]:
        bounds = (("From", self.date_from), ("To", self.date_to))
        return [f"{name}: {edit.problem()}" for name, edit in bounds if edit.problem()]

    @staticmethod
    def _bound(edit: OptionalDateEdit, shown: dt.date | None) -> dt.date | None:
        """The bound typed; the one the list shows while the text is not a date yet."""
        try:
            return edit.optional_value()
        except ValueError:
            return shown

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
        return AuditQuery(
            date_from=self._bound(self.date_from, query.date_from),
            date_to=self._bound(self.date_to, query.date_to),
            user=self.user.currentData(),
            action=self.action.currentData(),
            batch_number=int(batch) if batch else None,
            customer_number=self.customer.number() or None,
            sort=query.sort,
            descending=query.descending,
        )
