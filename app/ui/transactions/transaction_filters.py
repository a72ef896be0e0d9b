"""The filter bar of the A/R Transactions list: customer, type, invoice dates and batch.

An invoice date bound is empty for Any, or a date typed (or picked) exactly. A bound that is not
a date leaves the list as it was and says why at the end of the bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.billing import CustomerRecord, TransactionQuery, TransactionType
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_edit import OptionalDateEdit
from app.ui.widgets.field_errors import ERROR_STYLE

ANY_BATCH = "Any batch"
NOT_IN_A_BATCH = "Not in a batch"


class TransactionFilters(QWidget):
    """Emits `sig_changed` whenever the clerk narrows or widens the list."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer = CustomerPicker(any_text="All customers")
        self.type = QComboBox()
        self.type.addItem("All types", None)
        for kind in TransactionType:
            self.type.addItem(kind.label, kind)
        self.date_from = OptionalDateEdit("Any")
        self.date_to = OptionalDateEdit("Any")
        self.batch = QComboBox()
        self.batch_editor = QLineEdit()
        self.batch.setLineEdit(self.batch_editor)
        self.batch.addItems([ANY_BATCH, NOT_IN_A_BATCH])
        self.batch.setToolTip("Any batch, not in a batch, or type a batch number")
        # Digits for a batch number, or one of the two choices as listed.
        pattern = rf"\d{{0,9}}|{ANY_BATCH}|{NOT_IN_A_BATCH}"
        self.batch.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.batch.setMinimumContentsLength(12)
        self.date_problem = QLabel()
        self.date_problem.setObjectName("transaction-filters-date-problem")
        self.date_problem.setStyleSheet(ERROR_STYLE)
        self.date_problem.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            ("Custo&mer", self.customer),
            ("T&ype", self.type),
            ("In&voice date from", self.date_from),
            ("t&o", self.date_to),
            ("&Batch", self.batch),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addWidget(self.date_problem)
        layout.addStretch(1)
        self.customer.activated.connect(self.sig_changed)
        self.customer.editor.editingFinished.connect(self._customer_typed)
        self.type.currentIndexChanged.connect(self.sig_changed)
        for bound in (self.date_from, self.date_to):
            bound.dateChanged.connect(self._dates_changed)
            bound.editingFinished.connect(self._show_date_problems)
        self.batch.activated.connect(self.sig_changed)
        self.batch_editor.editingFinished.connect(self.sig_changed)
        self._last_customer = ""

    def _dates_changed(self) -> None:
        # While a bound is being typed it is no date yet: the list waits for one (or for Any).
        if not self._date_problems():
            self.date_problem.hide()
            self.sig_changed.emit()

    def _show_date_problems(self) -> None:
        problems = self._date_problems()
        self.date_problem.setText("; ".join(problems))
        self.date_problem.setVisible(bool(problems))

    def _date_problems(self) -> list[str]:
        bounds = (("from", self.date_from), ("to", self.date_to))
        return [f"Invoice date {name}: {edit.problem()}" for name, edit in bounds if edit.problem()]

    @staticmethod
    def _bound(edit: OptionalDateEdit, shown: dt.date | None) -> dt.date | None:
        """The bound typed; the one the list shows while the text is not a date."""
        try:
            return edit.optional_value()
        except ValueError:
            return shown

    def _customer_typed(self) -> None:
        if self.customer.number() != self._last_customer:
            self.sig_changed.emit()

    def set_customers(self, customers: Sequence[CustomerRecord]) -> None:
        self.customer.blockSignals(True)
        try:
            self.customer.set_customers(customers)
        finally:
            self.customer.blockSignals(False)

    def apply_to(self, query: TransactionQuery) -> TransactionQuery:
        """The query with these filters and the query's own sort."""
        self._last_customer = self.customer.number()
        kind = self.type.currentData()
        batch = self.batch.currentText().strip()
        return TransactionQuery(
            customer_number=self._last_customer or None,
            types=frozenset({kind}) if kind is not None else frozenset(),
            date_from=self._bound(self.date_from, query.date_from),
            date_to=self._bound(self.date_to, query.date_to),
            batch_number=int(batch) if batch.isdigit() else None,
            unbatched_only=batch == NOT_IN_A_BATCH,
            sort=query.sort,
            descending=query.descending,
        )

    def chosen_customer(self) -> str:
        return self.customer.number()
