"""The contract form: number, customer, name, amount per period, period length, billing in
advance or in arrears, start and end dates, taxable and active; billing's refusals at the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from app.billing import (
    ZERO,
    Billing,
    ContractDraft,
    ContractRecord,
    CustomerRecord,
    FieldProblem,
)
from app.ui.contracts.contract_labels import BILLING_LABELS, PERIOD_LABELS
from app.ui.widgets.banner import Banner, BannerKind
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_edit import DateEdit, OptionalDateEdit
from app.ui.widgets.display import date_text
from app.ui.widgets.money_edit import MoneyEdit
from app.ui.widgets.readable import readable_when_disabled
from app.ui.widgets.record_form import RecordForm, read_fields

NO_END = "No end"
# What billing keeps once a period is billed: the periods already billed were worked out
# from them. The end date changes by End Contract….
KEPT_ONCE_BILLED = ("customer", "amount", "period_months", "start_date", "billing")


def billed_banner(record: ContractRecord) -> str:
    return (
        f"Billed through {date_text(record.billed_through)}: the customer, amount, period, "
        "start date and billing stay as they were billed. End Contract… sets its last day."
    )


class ContractForm(RecordForm[ContractRecord, ContractDraft]):
    """Shows one contract (or a new one) and gives back what the clerk typed as a draft."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_customer = ""
        self.title = QLabel()
        self.title.setObjectName("contract-form-title")
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.banner = Banner()
        self.banner.setObjectName("contract-banner")
        self.number = QLineEdit()
        self.customer = CustomerPicker()
        self.name = QLineEdit()
        self.amount = MoneyEdit()
        self.amount.setToolTip("What each period is billed, before tax")
        self.period_months = QComboBox()
        for months, label in PERIOD_LABELS.items():
            self.period_months.addItem(label, months)
        self.billing = QComboBox()
        for billing, label in BILLING_LABELS.items():
            self.billing.addItem(label, billing)
        self.billing.setToolTip(
            "In advance: a period is billed on its first day. In arrears: on its last day, "
            "once it is over."
        )
        self.start_date = DateEdit()
        self.start_date.setToolTip("The first day of the first period; later periods start on "
                                   "the same day of the month")  # fmt: skip
        self.end_date = OptionalDateEdit(NO_END)
        self.end_date.setToolTip("The contract's last day; empty: it runs until ended")
        self.taxable = QCheckBox("Ta&xable")
        self.taxable.setToolTip("Taxed at the customer's rate")
        self.active = QCheckBox("Acti&ve")
        self.active.setToolTip("An inactive contract is not billed")
        self.inputs: dict[str, QWidget] = {
            "number": self.number,
            "customer": self.customer,
            "name": self.name,
            "amount": self.amount,
            "period_months": self.period_months,
            "billing": self.billing,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "taxable": self.taxable,
            "active": self.active,
        }
        for field, widget in self.inputs.items():
            widget.setObjectName(f"contract-{field}")
            readable_when_disabled(widget)
        self._fit_inputs()
        self._lay_out()
        self.watch(*self.inputs.values())
        self.load(None)

    def _fit_inputs(self) -> None:
        for widget, characters in ((self.number, 16), (self.amount, 16),
                                   (self.start_date, 14), (self.end_date, 14)):  # fmt: skip
            widget.setMaximumWidth(characters * widget.fontMetrics().averageCharWidth() + 40)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.title, 0, 0, 1, 4)
        grid.addWidget(self.banner, 1, 0, 1, 4)
        rows = (
            (("number", "&Number"), ("customer", "C&ustomer")),
            (("name", "Na&me"), ("amount", "&Amount")),
            (("period_months", "Ever&y"), ("billing", "Bi&lling")),
            (("start_date", "S&tart date"), ("end_date", "&End date")),
            (("taxable", ""), ("active", "")),
        )
        for row, pair in enumerate(rows, start=2):
            for side, (field, text) in enumerate(pair):
                widget = self.inputs[field]
                label = QLabel(text)
                label.setBuddy(widget)
                grid.addWidget(label, row, side * 2)
                grid.addWidget(self.errors.attach(field, widget), row, side * 2 + 1)

    def fields_in_order(self) -> list[QWidget]:
        return list(self.inputs.values())

    def set_customers(self, customers: Sequence[CustomerRecord]) -> None:
        with self.quietly():
            self.customer.set_customers(customers)

    def start_new(self, customer_number: str = "") -> None:
        """Ready for a new contract, of this customer when given."""
        self.new_customer = customer_number
        self.load(None)

    def show_record(self, record: ContractRecord | None) -> None:
        shown = record.draft() if record is not None else self._blank()
        self.number.setText(shown.number)
        self.customer.set_number(shown.customer_number)
        self.name.setText(shown.name)
        self.name.setCursorPosition(0)
        self.amount.set_amount(None if record is None else record.amount)
        self.period_months.setCurrentIndex(self.period_months.findData(shown.period_months))
        self.billing.setCurrentIndex(self.billing.findData(shown.billing))
        self.start_date.set_date(shown.start_date)
        self.end_date.set_optional(shown.end_date)
        self.taxable.setChecked(shown.taxable)
        self.active.setChecked(shown.active)
        billed = record is not None and record.billed_through is not None
        for field in KEPT_ONCE_BILLED:
            self.inputs[field].setEnabled(not billed)
        if record is None:
            self.title.setText("New contract")
            self.banner.clear_message()
        else:
            self.title.setText(f"Contract {record.number} — {record.name}")
            if billed:
                self.banner.show_message(billed_banner(record), BannerKind.INFO)
            else:
                self.banner.clear_message()

    def _blank(self) -> ContractDraft:
        """A new contract: monthly, in advance, taxable and active from today."""
        return ContractDraft(
            number="",
            customer_number=self.new_customer,
            name="",
            amount=ZERO,  # not shown: the amount field starts empty
            period_months=1,
            start_date=dt.date.today(),
        )

    def read(self) -> tuple[ContractDraft | None, list[FieldProblem]]:
        """The draft the form holds, or the problems of dates and amounts that cannot be read."""
        values, problems = read_fields(
            {
                "amount": self.amount.amount,
                "start_date": self.start_date.value,
                "end_date": self.end_date.optional_value,
            }
        )
        if problems:
            return None, problems
        draft = ContractDraft(
            number=self.number.text(),
            customer_number=self.customer.number(),
            name=self.name.text(),
            period_months=int(self.period_months.currentData()),
            taxable=self.taxable.isChecked(),
            billing=Billing(self.billing.currentData()),
            active=self.active.isChecked(),
            **values,
        )
        return draft, []
