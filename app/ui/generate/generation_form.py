"""The fields of Generate Invoice Batch, read into a billing GenerationRequest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QWidget

from app.billing import CustomerRecord, FieldProblem, GenerationRequest
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.field_errors import FieldErrors

EXCLUDE_TEXT = "E&xclude invoices on closing date"
OVERRIDE_TEXT = "&Override invoice batch creation rules"
OVERRIDE_HINT = (
    "Ignore cutoff days, invoice dates and the closing-date exclusion: every unbatched invoice "
    "and memo of the customers in the range goes in."
)


class GenerationForm(QWidget):
    """Emits `sig_changed` whenever the clerk changes a field."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.close_date_edit = DateEdit()
        self.errors = FieldErrors()
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("e.g. Mid-month run")
        self.exclude_check = QCheckBox(EXCLUDE_TEXT)
        self.from_combo = CustomerPicker(any_text="First customer")
        self.to_combo = CustomerPicker(any_text="Last customer")
        self.override_check = QCheckBox(OVERRIDE_TEXT)
        self.override_check.setToolTip(OVERRIDE_HINT)
        self._lay_out()
        self.close_date_edit.dateChanged.connect(self.sig_changed)
        self.description_edit.textEdited.connect(self.sig_changed)
        self.exclude_check.toggled.connect(self.sig_changed)
        self.override_check.toggled.connect(self.sig_changed)
        self.from_combo.currentTextChanged.connect(self.sig_changed)
        self.to_combo.currentTextChanged.connect(self.sig_changed)

    def _lay_out(self) -> None:
        self.close_date_edit.setMinimumWidth(140)
        self.description_edit.setMinimumWidth(300)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        close_date = self.errors.attach("close_date", self.close_date_edit)
        rows = (
            ("&Close date:", close_date, "&Description:", self.description_edit),
            ("S&tarting customer:", self.from_combo, "&Ending customer:", self.to_combo),
        )
        for row, (first, first_field, second, second_field) in enumerate(rows):
            for column, (text, field) in enumerate(((first, first_field), (second, second_field))):
                caption = QLabel(text)
                caption.setBuddy(field)
                grid.addWidget(caption, row, column * 2)
                grid.addWidget(field, row, column * 2 + 1)
        # A date needs no more room than its ten characters.
        grid.setAlignment(close_date, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.exclude_check, 2, 1)
        grid.addWidget(self.override_check, 2, 3)
        grid.setColumnStretch(4, 1)  # the fields keep their width; the room is on the right

    def set_customers(self, customers: Iterable[CustomerRecord]) -> None:
        listed = list(customers)
        self.from_combo.set_customers(listed)
        self.to_combo.set_customers(listed)

    def set_close_date(self, value: dt.date) -> None:
        self.close_date_edit.set_date(value)

    def clear_after_run(self) -> None:
        """After a batch is made: the next run starts without an override, a customer range or
        the last run's description, which were meant for that run alone. The close date and
        the closing-date exclusion stay as the clerk set them."""
        self.override_check.setChecked(False)
        self.from_combo.set_number("")
        self.to_combo.set_number("")
        self.description_edit.clear()

    def request(self) -> GenerationRequest | None:
        """The run the fields ask for; None when the close date is not a date, which the field
        then says."""
        try:
            close_date = self.close_date_edit.value()
        except ValueError as reason:
            self.errors.show([FieldProblem("close_date", str(reason))])
            return None
        self.errors.clear()
        return GenerationRequest(
            close_date=close_date,
            description=self.description_edit.text().strip(),
            exclude_closing_date=self.exclude_check.isChecked(),
            from_customer=self.from_combo.number() or None,
            to_customer=self.to_combo.number() or None,
            override=self.override_check.isChecked(),
        )
