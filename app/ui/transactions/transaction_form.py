"""The entry form of one A/R transaction: invoice, credit memo, debit memo or payment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from app.billing import (
    FieldProblem,
    ServiceTypeRecord,
    TransactionDraft,
    TransactionRecord,
    TransactionType,
    format_amount,
)
from app.billing.transactions import categories_of
from app.models import MemoCategory, PaymentMethod
from app.ui.widgets.banner import Banner, BannerKind
from app.ui.widgets.customer_picker import CustomerEntries, CustomerPicker
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.line_editor import LineEditor
from app.ui.widgets.line_sums import SummedFields
from app.ui.widgets.money_edit import MoneyEdit
from app.ui.widgets.readable import readable_when_disabled
from app.ui.widgets.record_form import RecordForm, read_fields

PAYMENT_TERMS = dt.timedelta(days=30)
NO_TAX = "A payment has no tax."
NO_LINES = "A payment has no lines."
NO_CATEGORY = "Only a credit or debit memo has a category."
NO_METHOD = "Only a payment has a method."
# The customer's tax rate (theirs or the company's) by number; None when there is no such one.
TaxRates = Callable[[str], Decimal | None]


class TransactionForm(RecordForm[TransactionRecord, TransactionDraft]):
    """Shows one transaction (or a new one) and gives back what the clerk typed as a draft.
    With lines, its amount and tax are their sums at the rate `tax_rate_of` gives."""

    def __init__(self, parent: QWidget | None = None, tax_rate_of: TaxRates | None = None) -> None:
        super().__init__(parent)
        self.tax_rate_of: TaxRates = tax_rate_of or (lambda _number: None)
        self._rates: dict[str, Decimal | None] = {}
        self.new_customer = ""
        self.new_kind = TransactionType.INVOICE
        self._due_date_typed = False
        self.banner = Banner()
        self.banner.setObjectName("transaction-banner")
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.type = QComboBox()
        for kind in TransactionType:
            self.type.addItem(kind.label, kind)
        self.customer = CustomerPicker()
        self.number = QLineEdit()
        self.invoice_date = DateEdit()
        self.due_date = DateEdit()
        self.amount = MoneyEdit()
        self.tax = MoneyEdit(empty_is_zero=True)
        self.description = QLineEdit()
        # R14: a memo's category (its type's choices) and a payment's method.
        self.category = QComboBox()
        self.category.setObjectName("transaction-category")
        self.method = QComboBox()
        self.method.setObjectName("transaction-method")
        for method in PaymentMethod:
            self.method.addItem(method.value.replace("_", " ").capitalize(), method)
        self.total = QLabel()
        self.total.setObjectName("transaction-total")
        self.batch = QLabel()
        self.due_date_label = QLabel()
        self.lines = LineEditor()
        self.sums = SummedFields(self.lines, self.amount, self.tax)
        # Ctrl+L and Ctrl+Shift+L from any field of the form, not only from the lines.
        self.addActions([self.lines.add_action, self.lines.remove_action])
        self.inputs: list[QWidget] = [
            self.type,
            self.customer,
            self.number,
            self.invoice_date,
            self.due_date,
            self.amount,
            self.tax,
            self.description,
            self.category,
            self.method,
        ]
        self._fit_inputs()
        self._lay_out()
        self.watch(self.customer, self.number, self.description, self.category, self.method)
        self.type.currentIndexChanged.connect(self._type_changed)
        self.invoice_date.dateChanged.connect(self._invoice_date_changed)
        self.due_date.dateChanged.connect(self._due_date_changed)
        self.amount.textChanged.connect(self._money_changed)
        self.tax.textChanged.connect(self._money_changed)
        self.customer.currentTextChanged.connect(self._customer_changed)
        self.lines.sig_changed.connect(self._lines_changed)
        self.load(None)

    def _fit_inputs(self) -> None:
        """Short values get short fields; read-only values stay readable."""
        for widget in self.inputs:
            readable_when_disabled(widget)
        for widget, characters in ((self.type, 14), (self.invoice_date, 14), (self.due_date, 14),
                                   (self.amount, 16), (self.tax, 16)):  # fmt: skip
            widget.setMaximumWidth(characters * widget.fontMetrics().averageCharWidth() + 40)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.title, 0, 0, 1, 4)
        grid.addWidget(self.banner, 1, 0, 1, 4)
        rows: Sequence[tuple[tuple[str, str, QWidget], tuple[str, str, QWidget]]] = (
            (("type", "&Type", self.type), ("customer", "C&ustomer", self.customer)),
            (("number", "&Number", self.number), ("description", "Des&cription", self.description)),
            (("invoice_date", "&Invoice date", self.invoice_date), ("due_date", "", self.due_date)),
            (("amount", "&Amount", self.amount), ("tax", "Ta&x", self.tax)),
            (("category", "Category", self.category), ("method", "Method", self.method)),
        )
        for row, pair in enumerate(rows, start=2):
            for side, (field, text, widget) in enumerate(pair):
                label = self.due_date_label if field == "due_date" else QLabel(text)
                label.setBuddy(widget)
                grid.addWidget(label, row, side * 2)
                grid.addWidget(self.errors.attach(field, widget), row, side * 2 + 1)
        grid.addWidget(self.errors.attach("lines", self.lines), 7, 0, 1, 4)
        grid.addWidget(QLabel("Total"), 8, 0)
        grid.addWidget(self.total, 8, 1)
        grid.addWidget(QLabel("Batch"), 8, 2)
        grid.addWidget(self.batch, 8, 3)

    def fields_in_order(self) -> list[QWidget]:
        # The lines follow the buttons that add and remove them.
        return [*self.inputs, self.lines.add_button, self.lines.remove_button]

    def set_customers(self, customers: CustomerEntries) -> None:
        with self.quietly():
            self.customer.set_customers(customers)
        self._rates.clear()  # a customer's or the company's rate may have changed meanwhile

    def set_service_types(self, service_types: Sequence[ServiceTypeRecord]) -> None:
        self.lines.set_service_types(service_types)

    def transaction_type(self) -> TransactionType:
        return TransactionType(self.type.currentData())

    def start_new(self, customer_number: str = "", kind: TransactionType | None = None) -> None:
        """Ready for a new transaction, of this customer and type when given."""
        self.new_customer = customer_number
        self.new_kind = kind or TransactionType.INVOICE
        self.load(None)

    def show_record(self, record: TransactionRecord | None) -> None:
        if record is None:
            self.type.setCurrentIndex(self.type.findData(self.new_kind))
            self.customer.set_number(self.new_customer)
            for edit in (self.number, self.amount, self.tax, self.description):
                edit.clear()
            self.invoice_date.set_date(dt.date.today())
            self._follow_invoice_date()
            self._show_categories(MemoCategory.OTHER)
            self.method.setCurrentIndex(self.method.findData(PaymentMethod.CHECK))
        else:
            self.type.setCurrentIndex(self.type.findData(record.type))
            self.customer.set_number(record.customer_number)
            self.number.setText(record.number)
            self.invoice_date.set_date(record.invoice_date)
            self.due_date.set_date(record.due_date)
            self.amount.set_amount(record.amount)
            self.tax.set_amount(record.tax)
            self.description.setText(record.description)
            self._show_categories(record.category)
            self.method.setCurrentIndex(self.method.findData(record.method))
        self.lines.set_lines(record.lines if record else ())
        self._due_date_typed = record is not None
        self._show_state()
        self._show_type()
        self._show_lines()

    def _show_state(self) -> None:
        record = self.record
        reason = record.read_only_reason if record else None
        for widget in self.inputs:
            widget.setEnabled(reason is None)
        self.lines.set_read_only(reason is not None)
        if record is None:
            self.title.setText(f"New {self.transaction_type().label.lower()}")
            self.batch.setText("Not in a batch")
            self.banner.clear_message()
            return
        self.title.setText(f"{record.type.label} {record.number}")
        if reason is not None:
            self.banner.show_message(f"This transaction is read-only. {reason}")
        elif record.batch_number is not None:
            self.banner.show_message(
                f"In invoice batch {record.batch_number}, not printed yet: changes show on "
                "its statement.",
                BannerKind.INFO,
            )
        else:
            self.banner.clear_message()
        self.batch.setText(
            "Not in a batch" if record.batch_number is None else str(record.batch_number)
        )

    @property
    def read_only(self) -> bool:
        return self.record is not None and self.record.read_only_reason is not None

    def read(self) -> tuple[TransactionDraft | None, list[FieldProblem]]:
        """The draft the form holds, or the problems of dates and amounts that cannot be read."""
        values, problems = read_fields(
            {"invoice_date": self.invoice_date.value, "due_date": self.due_date.value}
        )
        money, unreadable = self.sums.read()
        if problems or unreadable:
            return None, problems + unreadable
        kind = self.transaction_type()
        category = self.category.currentData() if self.category.isEnabled() else None
        method = self.method.currentData() if kind == TransactionType.PAYMENT else None
        draft = TransactionDraft(
            customer_number=self.customer.number(),
            type=kind,
            number=self.number.text(),
            description=self.description.text(),
            category=MemoCategory(category or MemoCategory.OTHER),
            method=PaymentMethod(method or PaymentMethod.CHECK),
            **values,
            **money,
        )
        return draft, []

    def _type_changed(self) -> None:
        with self.quietly():
            self._show_categories(self.category.currentData() or MemoCategory.OTHER)
        self._show_type()
        if self.record is None:
            self.title.setText(f"New {self.transaction_type().label.lower()}")
            if not self._due_date_typed:
                self._follow_invoice_date()
        self._show_total()
        self.changed()

    def _show_type(self) -> None:
        """A payment is paid on a date and carries no tax, so its tax field takes none."""
        paid = self.transaction_type() == TransactionType.PAYMENT
        self.due_date_label.setText("&Paid date" if paid else "Du&e date")
        if paid:
            self.tax.clear()
        self.tax.setEnabled(not paid and not self.read_only)
        self.tax.setPlaceholderText("none" if paid else "0.00")
        self.tax.setToolTip(NO_TAX if paid else "")
        self.lines.set_adding_allowed(not paid, NO_LINES if paid else "")
        memo = len(categories_of(self.transaction_type())) > 1
        self.category.setEnabled(memo and not self.read_only)
        self.category.setToolTip("" if memo else NO_CATEGORY)
        self.method.setEnabled(paid and not self.read_only)
        self.method.setToolTip("" if paid else NO_METHOD)

    def _show_categories(self, keep: MemoCategory) -> None:
        """The categories of the current type; `keep` stays chosen where the type allows it."""
        allowed = categories_of(self.transaction_type())
        self.category.clear()
        for category in allowed:
            self.category.addItem(category.value.replace("_", " ").capitalize(), category)
        chosen = keep if keep in allowed else MemoCategory.OTHER
        self.category.setCurrentIndex(self.category.findData(chosen))

    def _invoice_date_changed(self) -> None:
        if not self._loading and not self._due_date_typed:
            self._follow_invoice_date()
        self.changed()

    def _follow_invoice_date(self) -> None:
        # A new document is due on its terms; a payment is paid the day it is entered.
        paid = self.transaction_type() == TransactionType.PAYMENT
        terms = dt.timedelta(0) if paid else PAYMENT_TERMS
        invoice_date = self.invoice_date.held_date()
        if invoice_date is not None:
            with self.quietly():
                self.due_date.set_date(invoice_date + terms)

    def _due_date_changed(self) -> None:
        if not self._loading:
            self._due_date_typed = True
        self.changed()

    def _money_changed(self) -> None:
        self._show_total()
        self.changed()

    def _customer_changed(self) -> None:
        if self.lines.has_lines():
            self._show_lines()

    def _lines_changed(self) -> None:
        self._show_lines()
        self.changed()

    def _show_lines(self) -> None:
        """The lines taxed at the customer's rate, and their sums in Amount and Tax."""
        if self.lines.has_lines():
            number = self.customer.number()
            if number not in self._rates:
                self._rates[number] = self.tax_rate_of(number) if number else None
            self.lines.set_tax_rate(self._rates[number])
        with self.quietly():  # the sums follow an edit; they are no edit of their own
            self.sums.show()
        self._show_total()

    def _show_total(self) -> None:
        draft, problems = self.read()
        if draft is None or problems:
            self.total.setText("")
            return
        effect = "raises" if draft.type.sign > 0 else "lowers"
        total = draft.amount + draft.tax
        self.total.setText(f"{format_amount(total)} ({effect} the balance)")
