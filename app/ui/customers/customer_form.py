"""The customer edit form: every field of a customer, with billing's reasons shown at the field."""

from __future__ import annotations

from PySide6.QtCore import Signal
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
from app.billing.customers import LIMITS
from app.ui.widgets.day_spin_box import OptionalDaySpinBox
from app.ui.widgets.field_errors import FieldErrors
from app.ui.widgets.tab_order import chain_tab_order

TEXT_FIELDS = (
    ("number", "&Number"),
    ("name", "Na&me"),
    ("address1", "Address line &1"),
    ("address2", "Address line &2"),
    ("city", "C&ity"),
    ("region", "State / re&gion"),
    ("postal_code", "&Postal code"),
    ("country", "Co&untry"),
    ("email", "&Email"),
    ("phone", "P&hone"),
)


class CustomerForm(QWidget):
    """Shows one customer (or a new one) and gives back what the clerk typed as a draft."""

    sig_dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id: int | None = None
        self.dirty = False
        self._loading = False
        self.errors = FieldErrors()
        self.title = QLabel()
        self.title.setObjectName("customer-form-title")
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.edits = {field: self._line_edit(field) for field, _ in TEXT_FIELDS}
        self.cutoff_day = OptionalDaySpinBox()
        self.cutoff_day.setObjectName("cutoff_day")
        self.cutoff_day.setMaximumWidth(120)
        self.cutoff_day.setToolTip(
            "The day of the month this customer's invoice batch closes; None keeps the "
            "customer out of the batch process."
        )
        self.cutoff_day.valueChanged.connect(self._changed)
        self.active = QCheckBox("&Active")
        self.active.setObjectName("active")
        self.active.toggled.connect(self._changed)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.notes.textChanged.connect(self._changed)
        self._lay_out()
        self.clear()

    def _line_edit(self, field: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(field)
        edit.setMaxLength(LIMITS[field])
        edit.textEdited.connect(self._changed)
        return edit

    def _lay_out(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(layout)
        outer.addStretch(1)  # extra height goes below the form, not between its rows
        layout.addRow(self.title)
        for field, label in TEXT_FIELDS:
            name = label.replace("&", "")
            layout.addRow(label, self.errors.attach(field, self.edits[field], name))
        cutoff = self.errors.attach("cutoff_day", self.cutoff_day, "Cutoff day")
        layout.addRow("Invoice batch &cutoff day", cutoff)
        layout.addRow("", self.errors.attach("active", self.active))
        layout.addRow("No&tes", self.errors.attach("notes", self.notes))
        chain_tab_order(*self.edits.values(), self.cutoff_day, self.active, self.notes)

    def first_field(self) -> QWidget:
        return self.edits["number"]

    def last_field(self) -> QWidget:
        return self.notes

    def clear(self) -> None:
        """Ready for a new customer."""
        self._show(None, CustomerDraft(number="", name=""))

    def load(self, record: CustomerRecord) -> None:
        draft = CustomerDraft(**{f: getattr(record, f) for f in CustomerDraft.__dataclass_fields__})
        self._show(record.id, draft)

    def _show(self, customer_id: int | None, draft: CustomerDraft) -> None:
        self._loading = True
        try:
            self.customer_id = customer_id
            for field, edit in self.edits.items():
                edit.setText(getattr(draft, field))
                edit.setCursorPosition(0)
            self.cutoff_day.set_day(draft.cutoff_day)
            self.active.setChecked(draft.active)
            self.notes.setPlainText(draft.notes)
        finally:
            self._loading = False
        self.errors.clear()
        self._set_title(draft)
        self._set_dirty(False)

    def _set_title(self, draft: CustomerDraft) -> None:
        if self.customer_id is None:
            self.title.setText("New customer")
        else:
            self.title.setText(f"Customer {draft.number} — {draft.name}")

    def draft(self) -> CustomerDraft:
        """What the form says now; billing checks it."""
        text = {field: edit.text() for field, edit in self.edits.items()}
        return CustomerDraft(
            **text,
            cutoff_day=self.cutoff_day.day(),
            active=self.active.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def show_problems(self, problems: tuple[FieldProblem, ...]) -> list[FieldProblem]:
        """Show billing's reasons at the fields; returns any no field shows."""
        return self.errors.show(problems)

    def saved(self, record: CustomerRecord) -> None:
        self.load(record)

    def _changed(self) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.sig_dirty_changed.emit(dirty)
