"""The customer edit form: every field of a customer, with billing's reasons shown at the field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.billing import CustomerDraft, CustomerRecord, FieldProblem
from app.ui.widgets.day_spin_box import OptionalDaySpinBox
from app.ui.widgets.record_form import RecordForm

TEXT_FIELDS = (
    ("number", "&Number"),
    ("name", "Na&me"),
    ("address1", "Address line &1"),
    ("address2", "Address line &2"),
    ("city", "Cit&y"),
    ("region", "State / reg&ion"),
    ("postal_code", "Posta&l code"),
    ("country", "Co&untry"),
    ("email", "&Email"),
    ("phone", "&Phone"),
)
EMPTY = CustomerDraft(number="", name="")


class CustomerForm(RecordForm[CustomerRecord, CustomerDraft]):
    """Shows one customer (or a new one) and gives back what the clerk typed as a draft.
    No field cuts what is typed: billing knows the limits and says so at the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("customer-form-title")
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.edits = {field: QLineEdit() for field, _ in TEXT_FIELDS}
        for field, edit in self.edits.items():
            edit.setObjectName(field)
        self.cutoff_day = OptionalDaySpinBox()
        self.cutoff_day.setObjectName("cutoff_day")
        self.cutoff_day.setMaximumWidth(120)
        self.cutoff_day.setToolTip(
            "The day of the month this customer's invoice batch closes; None keeps the "
            "customer out of the batch process."
        )
        self.active = QCheckBox("&Active")
        self.active.setObjectName("active")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self._lay_out()
        self.watch(*self.edits.values(), self.cutoff_day, self.active, self.notes)
        self.load(None)

    def _lay_out(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(layout)
        outer.addStretch(1)  # extra height goes below the form, not between its rows
        layout.addRow(self.title)
        for field, label in TEXT_FIELDS:
            layout.addRow(label, self.errors.attach(field, self.edits[field]))
        layout.addRow(
            "Invoice batch &cutoff day", self.errors.attach("cutoff_day", self.cutoff_day)
        )
        layout.addRow("", self.errors.attach("active", self.active))
        layout.addRow("No&tes", self.errors.attach("notes", self.notes))

    def fields_in_order(self) -> list[QWidget]:
        return [*self.edits.values(), self.cutoff_day, self.active, self.notes]

    def show_record(self, record: CustomerRecord | None) -> None:
        draft = EMPTY if record is None else CustomerDraft(
            **{f: getattr(record, f) for f in CustomerDraft.__dataclass_fields__}
        )  # fmt: skip
        for field, edit in self.edits.items():
            edit.setText(getattr(draft, field))
            edit.setCursorPosition(0)
        self.cutoff_day.set_day(draft.cutoff_day)
        self.active.setChecked(draft.active)
        self.notes.setPlainText(draft.notes)
        name = f"Customer {draft.number} — {draft.name}"
        self.title.setText("New customer" if record is None else name)

    def read(self) -> tuple[CustomerDraft | None, list[FieldProblem]]:
        """What the form says now; billing checks it."""
        text: dict[str, Any] = {field: edit.text() for field, edit in self.edits.items()}
        draft = CustomerDraft(
            **text,
            cutoff_day=self.cutoff_day.day(),
            active=self.active.isChecked(),
            notes=self.notes.toPlainText(),
        )
        return draft, []
