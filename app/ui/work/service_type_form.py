"""The form of one service type: code, name, default rate, and whether its work is taxed."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.billing import FieldProblem, ServiceTypeDraft, ServiceTypeRecord
from app.ui.widgets.money_edit import MoneyEdit
from app.ui.widgets.record_form import RecordForm, read_fields


class ServiceTypeForm(RecordForm[ServiceTypeRecord, ServiceTypeDraft]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.code = QLineEdit()
        self.code.setPlaceholderText("e.g. LABOR")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Labor, per hour")
        self.rate = MoneyEdit()
        self.rate.setToolTip("The rate a new work entry of this type starts with")
        self.rate.setMaximumWidth(self.rate.fontMetrics().averageCharWidth() * 16 + 40)
        self.taxable = QCheckBox("&Taxable")
        self.taxable.setToolTip("Invoice lines of this work are taxed at the customer's rate.")
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addRow(self.title)
        layout.addRow("&Code", self.errors.attach("code", self.code))
        layout.addRow("&Name", self.errors.attach("name", self.name))
        layout.addRow("&Rate", self.errors.attach("rate", self.rate))
        layout.addRow("", self.errors.attach("taxable", self.taxable))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(layout)
        outer.addStretch(1)
        self.watch(self.code, self.name, self.rate, self.taxable)
        self.load(None)

    def fields_in_order(self) -> list[QWidget]:
        return [self.code, self.name, self.rate, self.taxable]

    def show_record(self, record: ServiceTypeRecord | None) -> None:
        self.code.setText(record.code if record else "")
        self.name.setText(record.name if record else "")
        self.rate.set_amount(record.rate if record else None)
        self.taxable.setChecked(record.taxable if record else True)
        self.title.setText("New service type" if record is None else f"Service type {record.code}")

    def read(self) -> tuple[ServiceTypeDraft | None, list[FieldProblem]]:
        values, problems = read_fields({"rate": self.rate.amount})
        if problems:
            return None, problems
        draft = ServiceTypeDraft(
            code=self.code.text(),
            name=self.name.text(),
            rate=values["rate"],
            taxable=self.taxable.isChecked(),
        )
        return draft, []
