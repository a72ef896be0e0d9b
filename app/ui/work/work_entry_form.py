"""The work-entry form: who the work was for, when, what kind, how much, by whom (R15).

Choosing a service type fills the rate with the type's; the rate can then be typed over, and
an empty rate is the type's. A billed entry is shown read-only, with the reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from app import billing
from app.billing import CustomerRecord, FieldProblem, ServiceTypeRecord, WorkDraft, WorkRecord
from app.ui.widgets.banner import Banner, BannerKind
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.display import amount_text, date_text
from app.ui.widgets.money_edit import MoneyEdit
from app.ui.widgets.readable import readable_when_disabled
from app.ui.widgets.record_form import RecordForm, read_fields
from app.ui.work.quantity_edit import QuantityEdit

NO_SERVICE_TYPES = (
    "There are no service types yet, and every work entry needs one: add them with "
    "Service Types… above, or File ▸ Import Service Types…."
)


def entry_title(record: WorkRecord) -> str:
    return (
        f"Work of {date_text(record.work_date)} for {record.customer_number} — "
        f"{record.customer_name}"
    )


def invoice_text(record: WorkRecord | None) -> str:
    if record is None or record.invoice_number is None:
        return "Unbilled" if record is None or record.billable else "Not billable"
    return f"Billed on invoice {record.invoice_number}"


class WorkEntryForm(RecordForm[WorkRecord, WorkDraft]):
    """Shows one work entry (or a new one) and gives back what the clerk typed as a draft."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_customer = ""
        self.service_types: dict[str, ServiceTypeRecord] = {}
        self.title = QLabel()
        self.title.setObjectName("work-entry-title")
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.banner = Banner()
        self.banner.setObjectName("work-entry-banner")
        self.customer = CustomerPicker()
        self.work_date = DateEdit()
        self.service_type = QComboBox()
        self.service_type.setMinimumContentsLength(20)
        self.worker = QLineEdit()
        self.quantity = QuantityEdit()
        self.rate = MoneyEdit()
        self.description = QLineEdit()
        self.billable = QCheckBox("Bi&llable")
        self.billable.setToolTip("Work that is not billable is kept, and never invoiced.")
        self.amount = QLabel()
        self.amount.setObjectName("work-entry-amount")
        self.invoice = QLabel()
        self.inputs: list[QWidget] = [
            self.customer,
            self.work_date,
            self.service_type,
            self.worker,
            self.quantity,
            self.rate,
            self.description,
            self.billable,
        ]
        for widget in self.inputs:
            readable_when_disabled(widget)
        for widget, characters in ((self.work_date, 14), (self.quantity, 12), (self.rate, 16)):
            widget.setMaximumWidth(characters * widget.fontMetrics().averageCharWidth() + 40)
        self._lay_out()
        self.watch(*self.inputs)
        self.service_type.currentIndexChanged.connect(self._service_type_chosen)
        self.quantity.textChanged.connect(self._show_amount)
        self.rate.textChanged.connect(self._show_amount)
        self.load(None)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.title, 0, 0, 1, 4)
        grid.addWidget(self.banner, 1, 0, 1, 4)
        rows = (
            (("customer", "Cu&stomer", self.customer), ("date", "D&ate", self.work_date)),
            (("service_type", "Service ty&pe", self.service_type),
             ("worker", "W&orker", self.worker)),
            (("quantity", "&Quantity", self.quantity), ("rate", "Rat&e", self.rate)),
        )  # fmt: skip
        for row, pair in enumerate(rows, start=2):
            for side, (field, text, widget) in enumerate(pair):
                label = QLabel(text)
                label.setBuddy(widget)
                grid.addWidget(label, row, side * 2)
                grid.addWidget(self.errors.attach(field, widget), row, side * 2 + 1)
        description = QLabel("Des&cription")
        description.setBuddy(self.description)
        grid.addWidget(description, 5, 0)
        grid.addWidget(self.errors.attach("description", self.description), 5, 1, 1, 3)
        grid.addWidget(QLabel("Amount"), 6, 0)
        grid.addWidget(self.amount, 6, 1)
        grid.addWidget(self.errors.attach("billable", self.billable), 6, 3)
        grid.addWidget(QLabel("Invoice"), 7, 0)
        grid.addWidget(self.invoice, 7, 1, 1, 3)

    def fields_in_order(self) -> list[QWidget]:
        return self.inputs

    # Choices.
    def set_customers(self, customers: Sequence[CustomerRecord]) -> None:
        with self.quietly():
            self.customer.set_customers(customers)

    def set_service_types(self, service_types: Sequence[ServiceTypeRecord]) -> None:
        """Offer these service types, keeping the one chosen (a refresh is not an edit)."""
        chosen = self.service_type.currentData()
        self.service_types = {kind.code: kind for kind in service_types}
        with self.quietly():
            self.service_type.clear()
            for kind in service_types:
                self.service_type.addItem(f"{kind.code} — {kind.name}", kind.code)
            self._choose_service_type(chosen)
        self.service_type.setPlaceholderText(
            "Choose a service type" if service_types else "No service types yet"
        )
        self._show_rate_hint()
        if self.record is None:
            self._show_state()

    def _choose_service_type(self, code: str | None) -> None:
        found = self.service_type.findData(code) if code else -1
        if found < 0 and code:
            # Listed before its type was renamed or the list was read: still show it.
            self.service_type.addItem(code, code)
            found = self.service_type.count() - 1
        self.service_type.setCurrentIndex(found)

    def chosen_service_type(self) -> ServiceTypeRecord | None:
        return self.service_types.get(self.service_type.currentData() or "")

    # Showing a record.
    def start_new(self, customer_number: str = "") -> None:
        """Ready for a new entry, of this customer when given."""
        self.new_customer = customer_number
        self.load(None)

    def show_record(self, record: WorkRecord | None) -> None:
        if record is None:
            self.customer.set_number(self.new_customer)
            self.work_date.set_date(dt.date.today())
            self._choose_service_type(None)
            for edit in (self.quantity, self.rate, self.worker, self.description):
                edit.clear()
            self.billable.setChecked(True)
        else:
            self.customer.set_number(record.customer_number)
            self.work_date.set_date(record.work_date)
            self._choose_service_type(record.service_type)
            self.quantity.set_amount(record.quantity)
            self.rate.set_amount(record.rate)
            self.worker.setText(record.worker)
            self.description.setText(record.description)
            self.billable.setChecked(record.billable)
        for edit in (self.worker, self.description):
            edit.setCursorPosition(0)
        self.invoice.setText(invoice_text(record))
        self._show_rate_hint()
        self._show_state()
        self._show_amount()

    @property
    def read_only(self) -> bool:
        return self.record is not None and self.record.read_only_reason is not None

    def _show_state(self) -> None:
        record = self.record
        reason = record.read_only_reason if record is not None else None
        for widget in self.inputs:
            widget.setEnabled(reason is None)
        self.title.setText("New work entry" if record is None else entry_title(record))
        if reason is not None:
            self.banner.show_message(f"This work entry is read-only. {reason}")
        elif record is None and not self.service_types:
            self.banner.show_message(NO_SERVICE_TYPES, BannerKind.INFO)
        else:
            self.banner.clear_message()

    # The clerk's changes.
    def _service_type_chosen(self) -> None:
        kind = self.chosen_service_type()
        if not self._loading and kind is not None:
            self.rate.set_amount(kind.rate)
        self._show_rate_hint()
        self._show_amount()

    def _show_rate_hint(self) -> None:
        kind = self.chosen_service_type()
        self.rate.setPlaceholderText(amount_text(kind.rate) if kind is not None else "0.00")
        self.rate.setToolTip(
            f"Empty: the rate of {kind.code}, {amount_text(kind.rate)}" if kind is not None else ""
        )

    def _rate(self) -> Decimal | None:
        return self.rate.amount() if self.rate.text().strip() else None

    def _show_amount(self) -> None:
        kind = self.chosen_service_type()
        try:
            quantity, rate = self.quantity.amount(), self._rate()
        except ValueError:
            self.amount.setText("")
            return
        if rate is None and kind is not None:
            rate = kind.rate
        amount = None if rate is None else billing.line_amount(quantity, rate)
        self.amount.setText("" if amount is None else amount_text(amount))

    def read(self) -> tuple[WorkDraft | None, list[FieldProblem]]:
        """The draft the form holds, or the problems of a date, quantity or rate that cannot
        be read."""
        values, problems = read_fields(
            {"date": self.work_date.value, "quantity": self.quantity.amount, "rate": self._rate}
        )
        if problems:
            return None, problems
        draft = WorkDraft(
            customer_number=self.customer.number(),
            work_date=values["date"],
            service_type=self.service_type.currentData() or "",
            quantity=values["quantity"],
            rate=values["rate"],
            description=self.description.text(),
            worker=self.worker.text(),
            billable=self.billable.isChecked(),
        )
        return draft, []
