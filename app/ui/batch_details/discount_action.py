"""Batch Details' R14 part: "Add Discount…" (a discount credit memo for one customer of an open
batch, by percentage or amount, after a confirmation), and R8's two breakdowns, Discounts and
Card fees, shown beside the figures."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.billing import (
    BatchRecord,
    CustomerStatement,
    FieldProblem,
    InvalidInput,
    TransactionRecord,
    format_amount,
    parse_amount,
)
from app.billing.discounts import add_discount
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.widgets.status_line import say

if TYPE_CHECKING:
    from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage

LOCKED = "The batch is locked (approved, printed, sent or exported): enter a memo instead."


class DiscountDialog(QDialog):
    """The customer (one of the batch's), a percentage of its Invoiced or an amount, and a
    description."""

    def __init__(
        self,
        parent: QWidget | None,
        batch: BatchRecord,
        customers: list[CustomerStatement],
        chosen: str | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add Discount to Invoice Batch {batch.number}")
        self.setMinimumWidth(440)
        self.customers = {c.customer.number: c for c in customers}
        self.customer = _customer_combo(customers, chosen)
        self.by_percent = QRadioButton("&Percentage of Invoiced")
        self.by_amount = QRadioButton("&Amount")
        self.by_percent.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_percent)
        group.addButton(self.by_amount)
        self.value = QLineEdit()
        self.value.setObjectName("discount-value")
        self.description = QLineEdit()
        self.invoiced = QLabel()
        form = QFormLayout()
        form.addRow("&Customer:", self.customer)
        form.addRow("Invoiced:", self.invoiced)
        how = QHBoxLayout()
        how.addWidget(self.by_percent)
        how.addWidget(self.by_amount)
        form.addRow("Discount by:", how)
        form.addRow("&Value:", self.value)
        form.addRow("&Description:", self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton("Add D&iscount", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.customer.currentIndexChanged.connect(self._show_invoiced)
        self._show_invoiced()

    def _show_invoiced(self) -> None:
        statement = self.customers.get(self.customer_number())
        text = format_amount(statement.figures.invoiced) if statement else ""
        self.invoiced.setText(text)

    def customer_number(self) -> str:
        return str(self.customer.currentData() or "")

    def request(self) -> tuple[str | None, Decimal | None]:
        """(percent, None) or (None, amount); an amount that cannot be read is refused here."""
        text = self.value.text().strip()
        if self.by_percent.isChecked():
            return text, None
        try:
            return None, parse_amount(text)
        except ValueError as error:
            raise InvalidInput([FieldProblem("amount", str(error))]) from None


def _customer_combo(customers: list[CustomerStatement], chosen: str | None) -> QComboBox:
    combo = QComboBox()
    for c in customers:
        combo.addItem(f"{c.customer.number} — {c.customer.name}", c.customer.number)
    if chosen is not None:
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
    return combo


def breakdown_text(
    batch_totals: tuple[Decimal, Decimal], customer: CustomerStatement | None
) -> str:
    """R8's breakdowns: the batch's, then the chosen customer's."""
    discounts, card_fees = batch_totals
    text = (
        f"Discounts {format_amount(discounts)} · Card fees {format_amount(card_fees)} in the batch"
    )
    if customer is not None:
        figures = customer.figures
        text += (
            f"; {customer.customer.number}: discounts {format_amount(figures.discounts)}, "
            f"card fees {format_amount(figures.card_fees)}"
        )
    return text


class DiscountAction:
    """The button and the breakdown line, kept in step with the page's batch and customer."""

    def __init__(self, page: InvoiceBatchDetailsPage, context: UiContext) -> None:
        self.page = page
        self.context = context
        self.button = QPushButton("Add &Discount…")
        self.button.setObjectName("add-discount")
        self.breakdowns = QLabel()
        self.breakdowns.setObjectName("batch-breakdowns")
        self.dialog: DiscountDialog | None = None
        self.button.clicked.connect(self.open_dialog)
        page.customers_model.modelReset.connect(self.update_state)
        page.customers_table.selectionModel().selectionChanged.connect(self.update_state)

    def update_state(self) -> None:
        statement = self.page.statement
        batch = statement.batch if statement is not None else None
        open_ = batch is not None and not batch.locked and bool(statement and statement.customers)
        self.button.setEnabled(open_)
        self.button.setToolTip(LOCKED if batch is not None and batch.locked else "")
        if statement is None:
            self.breakdowns.setText("")
            return
        totals = (statement.totals.discounts, statement.totals.card_fees)
        self.breakdowns.setText(breakdown_text(totals, self.page.selected_customer()))

    def open_dialog(self) -> None:
        statement = self.page.statement
        if statement is None or statement.batch.locked or not statement.customers:
            return
        chosen = self.page.selected_customer()
        dialog = DiscountDialog(
            self.page,
            statement.batch,
            list(statement.customers),
            chosen.customer.number if chosen else None,
        )
        dialog.accepted.connect(lambda: self.add(statement.batch.number, dialog))
        self.dialog = dialog
        dialog.open()

    def add(self, number: int, dialog: DiscountDialog) -> TransactionRecord | None:
        customer = dialog.customer_number()
        how = "this percentage" if dialog.by_percent.isChecked() else "this amount"
        question = (
            f"Add a discount of {how} ({dialog.value.text().strip()}) for customer {customer} "
            f"to invoice batch {number}? It is a credit memo without tax, in the batch at once."
        )
        if not messages.confirm(self.page, "Add Discount", question, "Add Discount"):
            return None

        def run() -> TransactionRecord:
            percent, amount = dialog.request()
            with self.context.transaction() as session:
                return add_discount(
                    session, number, customer, percent, amount, dialog.description.text()
                )

        memo = attempt(self.page, "Add Discount", run)
        self.page.refresh()
        if memo is not None:
            self.page.data_changes.announce()
            say(self.page, f"Discount {memo.number} of {format_amount(memo.amount)} added.")
        return memo


def attach_discount_action(page: InvoiceBatchDetailsPage, context: UiContext) -> DiscountAction:
    """Put "Add Discount…" and the breakdowns in a row of their own, above the tabs."""
    action = DiscountAction(page, context)
    row = QHBoxLayout()
    row.addWidget(action.button)
    row.addWidget(action.breakdowns, 1)
    layout = page.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.insertLayout(layout.indexOf(page.tabs), row)
    action.update_state()
    return action
