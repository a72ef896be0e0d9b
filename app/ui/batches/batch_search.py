"""The search row of the Invoice Batches form: customer, batch number, close date range, and
R12's states."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.billing import BatchQuery, BatchStateFilter
from app.ui.batches.batch_state_text import STATE_CHOICES
from app.ui.widgets.date_edit import OptionalDateEdit


class BatchSearchBar(QWidget):
    """Emits `sig_search` when the clerk asks to search again or clears the search."""

    sig_search = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_edit = QLineEdit()
        self.customer_edit.setPlaceholderText("Any customer")
        self.customer_edit.setClearButtonEnabled(True)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("Any")
        self.number_edit.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.number_edit.setMaximumWidth(90)
        self.close_from_edit = OptionalDateEdit()
        self.close_to_edit = OptionalDateEdit()
        self.state_combo = QComboBox()
        for text, state in STATE_CHOICES:
            self.state_combo.addItem(text, state.value if state is not None else "")
        self.search_button = QPushButton("&Search")
        self.clear_button = QPushButton("C&lear")
        # Two rows, so the search fits a 1024 px screen: the fields, then R12's states and
        # the buttons.
        fields, states = QHBoxLayout(), QHBoxLayout()
        for row, label, field in (
            (fields, "C&ustomer:", self.customer_edit),
            (fields, "&Batch:", self.number_edit),
            (fields, "Close date fro&m:", self.close_from_edit),
            (fields, "&to:", self.close_to_edit),
            (states, "Sho&w:", self.state_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(field)
            row.addWidget(caption)
            row.addWidget(field)
        fields.addStretch(1)
        states.addWidget(self.search_button)
        states.addWidget(self.clear_button)
        states.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(fields)
        layout.addLayout(states)
        self.search_button.clicked.connect(self.sig_search)
        self.clear_button.clicked.connect(self.clear)
        self.customer_edit.returnPressed.connect(self.sig_search)
        self.number_edit.returnPressed.connect(self.sig_search)
        self.state_combo.activated.connect(self.sig_search)

    def query(self) -> BatchQuery:
        number = self.number_edit.text().strip()
        return BatchQuery(
            customer_number=self.customer_edit.text().strip() or None,
            number=int(number) if number else None,
            close_from=self._bound(self.close_from_edit),
            close_to=self._bound(self.close_to_edit),
        )

    def state(self) -> BatchStateFilter | None:
        """The state the clerk searches for; None for any."""
        state = self.state_combo.currentData()
        return BatchStateFilter(state) if state else None

    @staticmethod
    def _bound(edit: OptionalDateEdit) -> dt.date | None:
        # A bound that is not a date searches as Any; the field is outlined with the reason.
        try:
            return edit.optional_value()
        except ValueError:
            return None

    def clear(self) -> None:
        self.customer_edit.clear()
        self.number_edit.clear()
        self.close_from_edit.clear_date()
        self.close_to_edit.clear_date()
        self.state_combo.setCurrentIndex(0)
        self.sig_search.emit()
