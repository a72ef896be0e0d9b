"""The small dialog for a new manual batch (close date, description) or a new description."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.billing import BatchRecord
from app.ui.batches.display import date_text
from app.ui.widgets.date_edit import DateEdit


class BatchDialog(QDialog):
    """With a batch, only its description can change (R7); without, a new manual batch (R6)."""

    def __init__(self, parent: QWidget | None, batch: BatchRecord | None = None) -> None:
        super().__init__(parent)
        self.batch = batch
        self.close_date_edit = DateEdit()
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("e.g. Mid-month run")
        form = QFormLayout()
        if batch is None:
            self.setWindowTitle("New Invoice Batch")
            intro = "An empty batch; add customers and transactions in Invoice Batch Details."
            form.addRow("&Close date:", self.close_date_edit)
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
        note = QLabel(intro)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.description_edit.setFocus()

    def close_date(self) -> dt.date:
        return self.close_date_edit.value()

    def description(self) -> str:
        return self.description_edit.text().strip()
