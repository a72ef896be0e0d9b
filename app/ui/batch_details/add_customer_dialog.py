"""Add Customer: choose the customer whose eligible transactions go into the batch (R6)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.billing import BatchRecord, CustomerRecord
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.display import date_text


class AddCustomerDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, batch: BatchRecord, customers: list[CustomerRecord]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add Customer to Invoice Batch {batch.number}")
        self.setMinimumWidth(440)
        self.customer_picker = CustomerPicker()
        self.customer_picker.set_customers(customers)
        note = QLabel(
            "The customer's unbatched invoices and memos dated on or before "
            f"{date_text(batch.close_date)} go into the batch."
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Customer:", self.customer_picker)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("&Add Customer", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def customer_number(self) -> str:
        return self.customer_picker.number()
