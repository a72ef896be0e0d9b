"""The filter bar of Unbilled Work, over both its tabs: work dates, customer, service type,
worker and customer tag.

A date bound is empty for Any, or a date typed (or picked) exactly; a bound that is not a date
leaves the lists as they were and says why at the end of the bar."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.billing import CustomerRecord, ServiceTypeRecord, WorkQuery
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_bounds import DateBounds
from app.ui.widgets.filter_rows import lay_out_filter_rows

ALL_SERVICE_TYPES = "All service types"
ANY_TAG = "Any tag"
ANYONE = "Anyone"


def tags_of(customers: Iterable[CustomerRecord]) -> list[str]:
    """Every tag the customers carry, once whatever its case, in alphabetical order."""
    found: dict[str, str] = {}
    for customer in customers:
        for tag in customer.tags.split(";"):
            if tag.strip():
                found.setdefault(tag.strip().lower(), tag.strip())
    return sorted(found.values(), key=str.lower)


class WorkFilters(QWidget):
    """Emits `sig_changed` whenever the clerk narrows or widens the work shown."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dates = DateBounds(("Work date from", "Work date to"), self)
        self.date_from, self.date_to = self.dates.date_from, self.dates.date_to
        self.customer = CustomerPicker(any_text="All customers")
        self.service_type = QComboBox()
        self.service_type.setMinimumContentsLength(18)
        self.worker = QLineEdit()
        self.worker.setPlaceholderText(ANYONE)
        self.worker.setClearButtonEnabled(True)
        self.worker.setToolTip("The worker's name as entered on the work (any case)")
        self.worker.setMaximumWidth(self.fontMetrics().averageCharWidth() * 22 + 30)
        self.tag = QComboBox()
        self.tag.setMinimumContentsLength(12)
        self.dates.problem.setObjectName("work-filters-date-problem")
        lay_out_filter_rows(
            self,
            (
                (
                    ("Work date fro&m", self.date_from),
                    ("to", self.date_to),
                    ("C&ustomer", self.customer),
                ),
                (
                    ("Ser&vice type", self.service_type),
                    ("Wor&ker", self.worker),
                    ("Customer &tag", self.tag),
                ),
            ),
            self.dates.problem,
        )
        self.set_choices([], [])
        self.dates.sig_changed.connect(self.sig_changed)
        self.customer.activated.connect(self.sig_changed)
        self.customer.editor.editingFinished.connect(self._typed)
        self.service_type.activated.connect(self.sig_changed)
        self.worker.editingFinished.connect(self._typed)
        self.tag.activated.connect(self.sig_changed)
        self._applied = ("", "")

    def _typed(self) -> None:
        # Leaving a field the clerk did not change (Tab through the bar) reloads nothing.
        if (self.customer.number(), self.worker.text().strip()) != self._applied:
            self.sig_changed.emit()

    def set_choices(
        self, customers: Sequence[CustomerRecord], service_types: Sequence[ServiceTypeRecord]
    ) -> None:
        """The customers, service types and tags to choose from, keeping what is chosen."""
        self.customer.set_customers(customers)
        self._refill(
            self.service_type,
            ALL_SERVICE_TYPES,
            [(f"{kind.code} — {kind.name}", kind.code) for kind in service_types],
        )
        self._refill(self.tag, ANY_TAG, [(tag, tag) for tag in tags_of(customers)])

    @staticmethod
    def _refill(combo: QComboBox, any_text: str, items: Sequence[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(any_text, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        finally:
            combo.blockSignals(False)

    def chosen_customer(self) -> str:
        return self.customer.number()

    def apply_to(self, query: WorkQuery) -> WorkQuery:
        """The query with these filters, keeping its sort and whether it is unbilled only."""
        customer = self.customer.number()
        worker = self.worker.text().strip()
        self._applied = (customer, worker)
        date_from, date_to = self.dates.values((query.date_from, query.date_to))
        return replace(
            query,
            customer_numbers=(customer,) if customer else (),
            date_from=date_from,
            date_to=date_to,
            service_type=self.service_type.currentData(),
            worker=worker or None,
            tag=self.tag.currentData(),
        )
