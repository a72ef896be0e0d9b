"""The customer edit form: every field of a customer, with billing's reasons shown at the field."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.billing import CustomerDraft, CustomerRecord, Delivery, FieldProblem
from app.billing.settings import parse_percent
from app.billing.typed_values import parse_whole_number
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
DELIVERY_LABELS = {Delivery.PRINT: "Print", Delivery.EMAIL: "Email", Delivery.BOTH: "Both"}
EMPTY = CustomerDraft(number="", name="")
COMPANYS = "Company's"  # what an empty tax rate or terms field means
SHORT_FIELD = 120
T = TypeVar("T")


def _percent_text(rate: Decimal | None) -> str:
    """8.2500 as the clerk typed it, 8.25; 0 stays 0 (exempt), None is empty (the company's)."""
    return "" if rate is None else format(rate.normalize(), "f")


def _days(text: str) -> int:
    return parse_whole_number(text, "a number of days")


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
        self.delivery = QComboBox()
        self.delivery.setObjectName("delivery")
        self.delivery.setMaximumWidth(SHORT_FIELD)
        for delivery, label in DELIVERY_LABELS.items():
            self.delivery.addItem(label, delivery)
        self.delivery.setToolTip(
            "How this customer's statement goes out: printed and mailed, emailed as a PDF to "
            "the addresses above, or both."
        )
        self.cutoff_day = OptionalDaySpinBox()
        self.cutoff_day.setObjectName("cutoff_day")
        self.cutoff_day.setMaximumWidth(SHORT_FIELD)
        self.cutoff_day.setToolTip(
            "The day of the month this customer's invoice batch closes; None keeps the "
            "customer out of the batch process."
        )
        self.tax_rate = self._short_edit("tax_rate", "A percentage, like 8.25; 0 for exempt.")
        self.terms_days = self._short_edit(
            "terms_days", "Days from the invoice date to its due date; 0 for due on receipt."
        )
        self.tags = QLineEdit()
        self.tags.setObjectName("tags")
        self.tags.setPlaceholderText("Separated by ;")
        self.tags.setToolTip("Free labels to filter by, separated by ; (retail;north)")
        self.active = QCheckBox("&Active")
        self.active.setObjectName("active")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self._lay_out()
        self.watch(*self.fields_in_order())
        self.load(None)

    @staticmethod
    def _short_edit(name: str, tip: str) -> QLineEdit:
        """A number field; empty stands for the company's setting, as its placeholder says."""
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(COMPANYS)
        edit.setToolTip(f"{tip} Empty: the company's, from Company Settings.")
        edit.setMaximumWidth(SHORT_FIELD)
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
            layout.addRow(label, self.errors.attach(field, self.edits[field]))
        # Terms and Tags have no mnemonic: every letter of their names is taken on this page.
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("Statement deli&very", "delivery", self.delivery),
            ("Invoice batch &cutoff day", "cutoff_day", self.cutoff_day),
            ("Ta&x rate %", "tax_rate", self.tax_rate),
            ("Terms in days", "terms_days", self.terms_days),
            ("Tags", "tags", self.tags),
        )
        for label, field, widget in rows:
            layout.addRow(label, self.errors.attach(field, widget))
        layout.addRow("", self.errors.attach("active", self.active))
        layout.addRow("No&tes", self.errors.attach("notes", self.notes))

    def fields_in_order(self) -> list[QWidget]:
        return [
            *self.edits.values(),
            self.delivery,
            self.cutoff_day,
            self.tax_rate,
            self.terms_days,
            self.tags,
            self.active,
            self.notes,
        ]

    def show_record(self, record: CustomerRecord | None) -> None:
        shown: CustomerRecord | CustomerDraft = EMPTY if record is None else record
        for field, edit in self.edits.items():
            edit.setText(getattr(shown, field))
            edit.setCursorPosition(0)
        self.delivery.setCurrentIndex(self.delivery.findData(shown.delivery))
        self.cutoff_day.set_day(shown.cutoff_day)
        self.tax_rate.setText(_percent_text(shown.tax_rate))
        self.terms_days.setText("" if shown.terms_days is None else str(shown.terms_days))
        self.tags.setText(shown.tags)
        self.tags.setCursorPosition(0)
        self.active.setChecked(shown.active)
        self.notes.setPlainText(shown.notes)
        name = f"Customer {shown.number} — {shown.name}"
        self.title.setText("New customer" if record is None else name)

    def read(self) -> tuple[CustomerDraft | None, list[FieldProblem]]:
        """What the form says now, or why a number typed cannot be read; billing checks it."""
        problems: list[FieldProblem] = []
        tax_rate = self._optional("tax_rate", self.tax_rate, parse_percent, problems)
        terms_days = self._optional("terms_days", self.terms_days, _days, problems)
        if problems:
            return None, problems
        text = {field: edit.text() for field, edit in self.edits.items()}
        draft = CustomerDraft(
            number=text["number"],
            name=text["name"],
            address1=text["address1"],
            address2=text["address2"],
            city=text["city"],
            region=text["region"],
            postal_code=text["postal_code"],
            country=text["country"],
            email=text["email"],
            phone=text["phone"],
            cutoff_day=self.cutoff_day.day(),
            active=self.active.isChecked(),
            notes=self.notes.toPlainText(),
            tax_rate=tax_rate,
            terms_days=terms_days,
            delivery=Delivery(self.delivery.currentData()),
            tags=self.tags.text(),
        )
        return draft, []

    @staticmethod
    def _optional(
        field: str, edit: QLineEdit, parse: Callable[[str], T], problems: list[FieldProblem]
    ) -> T | None:
        """The value typed, None when empty (the company's), or a problem in billing's words."""
        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse(text)
        except ValueError as error:
            problems.append(FieldProblem(field, str(error)))
            return None
