"""The small dialog for a new batch (manual, or the opening batch) or a new description."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.billing import BatchRecord, FieldProblem
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.display import date_text
from app.ui.widgets.field_errors import FieldErrors

EXAMPLE = "e.g. Mid-month run"
OPENING_NOTE = (
    "Once, when starting with history: the unbatched invoices and memos up to the close date, "
    "marked printed without printing, so they stay off the first statements."
)


class BatchDialog(QDialog):
    """With a batch, only its description can change (R7); without, a new manual batch (R6)."""

    def __init__(self, parent: QWidget | None, batch: BatchRecord | None = None) -> None:
        super().__init__(parent)
        self.batch = batch
        self.close_date_edit = DateEdit()
        self.errors = FieldErrors()
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText(EXAMPLE)
        self.opening_check = QCheckBox("&Opening batch: take the history up to the close date")
        self.opening_check.setToolTip(
            "Once, when starting with Invoice Batches: every unbatched invoice and memo dated "
            "on or before the close date, of every customer with a cutoff day, goes into this "
            "batch, which is marked printed without printing. Old items then stay off the "
            "first statements; they count in each customer's previous balance."
        )
        form = QFormLayout()
        if batch is None:
            self.setWindowTitle("New Invoice Batch")
            intro = "An empty batch; add customers and transactions in Invoice Batch Details."
            form.addRow("&Close date:", self.errors.attach("close_date", self.close_date_edit))
            form.addRow("", self.opening_check)
        else:
            self.setWindowTitle(f"Invoice Batch {batch.number}")
            intro = "After creation only the description of a batch can change."
            form.addRow("Close date:", QLabel(date_text(batch.close_date)))
            self.description_edit.setText(batch.description)
        form.addRow("&Description:", self.description_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Create" if batch is None else "Save"
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.note = QLabel(intro)
        self.note.setWordWrap(True)
        self.opening_check.toggled.connect(lambda opening: self._explain(opening, intro))
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.description_edit.setFocus()

    def close_date(self) -> dt.date:
        return self.close_date_edit.value()

    def accept(self) -> None:
        # A new batch's close date must be a date; the field says why when it is not.
        if self.batch is None:
            try:
                self.close_date_edit.value()
            except ValueError as reason:
                self.errors.show([FieldProblem("close_date", str(reason))])
                return
        super().accept()

    def _explain(self, opening: bool, intro: str) -> None:
        self.note.setText(OPENING_NOTE if opening else intro)
        self.description_edit.setPlaceholderText("Opening batch" if opening else EXAMPLE)

    def is_opening(self) -> bool:
        return self.batch is None and self.opening_check.isChecked()

    def description(self) -> str:
        return self.description_edit.text().strip()
