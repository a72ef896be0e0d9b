"""Add Transactions: pick unbatched invoices and memos for a batch, optionally past the rules."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import BatchRecord, TransactionRecord
from app.ui.batch_details.candidate_table_model import CandidateTableModel
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.display import counted, date_text
from app.ui.widgets.record_table_view import RecordTableView

OVERRIDE_TEXT = "&Override invoice batch creation rules"


class CandidatePickerDialog(QDialog):
    """Lists `billing.candidates`; with the override ticked, every unbatched invoice and memo."""

    def __init__(self, parent: QWidget | None, context: UiContext, batch: BatchRecord) -> None:
        super().__init__(parent)
        self.context = context
        self.batch = batch
        self.setWindowTitle(f"Add Transactions to Invoice Batch {batch.number}")
        self.resize(900, 520)
        self.customer_picker = CustomerPicker(any_text="All customers")
        self.override_check = QCheckBox(OVERRIDE_TEXT)
        self.show_button = QPushButton("&Show")
        self.rule_label = QLabel()
        self.model = CandidateTableModel(self)
        self.table = RecordTableView(self.model, "batch-details-candidates", multi_select=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            "&Add to Batch", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._lay_out()
        self.override_check.toggled.connect(self.load)
        self.show_button.clicked.connect(self.load)
        self.customer_picker.activated.connect(self.load)
        self.customer_picker.editor.returnPressed.connect(self.load)
        self.table.selectionModel().selectionChanged.connect(self._update_add)
        self.table.sig_chosen.connect(self.accept)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._load_customers()
        self.load()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        caption = QLabel("&Customer:")
        caption.setBuddy(self.customer_picker)
        filters.addWidget(caption)
        filters.addWidget(self.customer_picker)
        filters.addWidget(self.show_button)
        filters.addSpacing(16)
        filters.addWidget(self.override_check)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def _load_customers(self) -> None:
        def load() -> list[billing.CustomerRecord]:
            with self.context.read() as session:
                return billing.list_customers(session)

        self.customer_picker.set_customers(attempt(self, self.windowTitle(), load) or [])

    def load(self) -> None:
        customer = self.customer_picker.number() or None
        override = self.override_check.isChecked()

        def load() -> list[TransactionRecord]:
            with self.context.read() as session:
                return billing.candidates(session, self.batch.number, customer, override)

        rows = attempt(self, self.windowTitle(), load) or []
        self.model.set_rows(rows)
        close_date = date_text(self.batch.close_date)
        rule = (
            "every unbatched invoice and memo, whatever its date"
            if override
            else f"unbatched invoices and memos dated on or before {close_date}"
        )
        self.rule_label.setText(f"{counted(len(rows), 'transaction')}: {rule}.")
        self._update_add()

    def _update_add(self) -> None:
        self.add_button.setEnabled(bool(self.table.selected_rows()))

    def selected(self) -> list[TransactionRecord]:
        return [r for r in map(self.model.record, self.table.selected_rows()) if r is not None]

    def select_numbers(self, numbers: set[str]) -> None:
        """Select exactly the listed transactions with these numbers."""
        self.table.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, record in enumerate(self.model.rows()):
            if record.number in numbers:
                self.table.selectionModel().select(self.model.index(row, 0), flags)
