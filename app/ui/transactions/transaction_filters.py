"""The filter bar of the A/R Transactions list: customer, type, invoice dates and batch.

An invoice date bound is empty for Any, or a date typed (or picked) exactly. A bound that is not
a date leaves the list as it was and says why at the end of the bar."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.billing import TransactionQuery, TransactionType
from app.ui.widgets.customer_picker import CustomerEntries, CustomerPicker
from app.ui.widgets.date_bounds import DateBounds
from app.ui.widgets.filter_rows import lay_out_filter_rows

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
        self.dates = DateBounds(("Invoice date from", "Invoice date to"), self)
        self.date_from, self.date_to = self.dates.date_from, self.dates.date_to
        self.batch = QComboBox()
        self.batch_editor = QLineEdit()
        self.batch.setLineEdit(self.batch_editor)
        self.batch.addItems([ANY_BATCH, NOT_IN_A_BATCH])
        self.batch.setToolTip("Any batch, not in a batch, or type a batch number")
        # Digits for a batch number, or one of the two choices as listed.
        pattern = rf"\d{{0,9}}|{ANY_BATCH}|{NOT_IN_A_BATCH}"
        self.batch.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.batch.setMinimumContentsLength(12)
        self.date_problem = self.dates.problem
        self.date_problem.setObjectName("transaction-filters-date-problem")
        lay_out_filter_rows(
            self,
            (
                (("Custo&mer", self.customer), ("T&ype", self.type)),
                (
                    ("In&voice date from", self.date_from),
                    ("t&o", self.date_to),
                    ("&Batch", self.batch),
                ),
            ),
            self.date_problem,
        )
        self.customer.activated.connect(self.sig_changed)
        self.customer.editor.editingFinished.connect(self._customer_typed)
        self.type.currentIndexChanged.connect(self.sig_changed)
        self.dates.sig_changed.connect(self.sig_changed)
        self.batch.activated.connect(self.sig_changed)
        self.batch_editor.editingFinished.connect(self.sig_changed)
        self._last_customer = ""

    def _customer_typed(self) -> None:
        if self.customer.number() != self._last_customer:
            self.sig_changed.emit()

    def set_customers(self, customers: CustomerEntries) -> None:
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
        date_from, date_to = self.dates.values((query.date_from, query.date_to))
        return TransactionQuery(
            customer_number=self._last_customer or None,
            types=frozenset({kind}) if kind is not None else frozenset(),
            date_from=date_from,
            date_to=date_to,
            batch_number=int(batch) if batch.isdigit() else None,
            unbatched_only=batch == NOT_IN_A_BATCH,
            sort=query.sort,
            descending=query.descending,
        )

    def chosen_customer(self) -> str:
        return self.customer.number()
