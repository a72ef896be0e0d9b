"""The A/R Transactions page: the filtered list above, the entry form below."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app import billing
from app.billing import ServiceTypeRecord, TransactionDraft, TransactionQuery, TransactionRecord
from app.billing.customer_choices import customer_choices
from app.ui.context import UiContext
from app.ui.operations import Loader, attempt
from app.ui.transactions.transaction_filters import TransactionFilters
from app.ui.transactions.transaction_form import TransactionForm
from app.ui.transactions.transaction_table_model import TransactionTableModel
from app.ui.widgets.customer_picker import CustomerEntries
from app.ui.widgets.record_list_page import RecordListPage
from app.ui.widgets.record_table_view import RecordTableView
from app.ui.widgets.tab_order import chain_tab_order

Choices = tuple[CustomerEntries, list[ServiceTypeRecord]]


def read_choices(session: Session) -> Choices:
    """The customers the filter and the form offer, their entries made here off the window's
    thread, and the service types of the form."""
    entries = CustomerEntries.of(customer_choices(session))
    return entries, billing.list_service_types(session)


class TransactionsPage(RecordListPage[TransactionRecord, TransactionDraft]):
    noun = "transaction"

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = TransactionTableModel(context)
        view = RecordTableView(
            model,
            "transactions",
            sort_column=TransactionTableModel.COL_INVOICE_DATE,
            order=Qt.SortOrder.DescendingOrder,
        )
        form = TransactionForm(tax_rate_of=lambda number: _tax_rate(context, number))
        super().__init__(context, model, form, view)
        self.model: TransactionTableModel = model
        self.form: TransactionForm
        self.filters = TransactionFilters()
        # Ten thousand customers are read off the window's thread: the list shows meanwhile.
        self.choices = Loader(self, context, "A/R Transactions")
        self.choices.sig_loaded.connect(self._show_choices)
        self.counts = Loader(self, context, "A/R Transactions")
        self.counts.sig_loaded.connect(self._show_counted)
        self._lay_out()
        self.filters.sig_changed.connect(self.apply_filters)
        self.model.query = self.filters.apply_to(self.model.query)
        self.view.load_sorted()
        # The readers start after the first page: the customers' entries are made in Python,
        # which the window's thread would otherwise share with them while it reads the page.
        self.show_count()
        self._load_customers()
        self._update_buttons()

    def _lay_out(self) -> None:
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.filters)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.count_label)
        bottom = QFrame()
        bottom.setFrameShape(QFrame.Shape.StyledPanel)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(self.form)
        bottom_layout.addLayout(self.buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        chain_tab_order(
            self.filters.batch,
            self.view,
            *self.form.fields_in_order(),
            self.new_button,
            self.save_button,
            self.delete_button,
        )
        self.setFocusProxy(self.filters.customer)  # where Ctrl+2 puts the keyboard

    def _load_customers(self) -> None:
        self.choices.load(read_choices)

    def _show_choices(self, choices: Choices) -> None:
        customers, service_types = choices
        self.filters.set_customers(customers)
        self.form.set_customers(customers)
        self.form.set_service_types(service_types)

    def open(self, record: TransactionRecord) -> None:
        """Show the transaction with its lines (the list's rows come without them)."""

        def read() -> TransactionRecord:
            with self.context.read() as session:
                return billing.get_transaction(session, record.id)

        whole = attempt(self, f"Open {record.type.label.lower()} {record.number}", read)
        if whole is None:  # deleted meanwhile: the list catches up
            self.refresh()
            return
        super().open(whole)

    def show_count(self) -> None:
        """The count of the list's filters; one not counted yet is counted off the window's
        thread while the rows show."""
        if self.model.is_counted():
            super().show_count()
            return
        self.count_label.setText(f"Counting {self.noun}s…")
        filters = self.model.filters()
        self.counts.load(lambda session: (filters, billing.count_transactions(session, filters)))

    def _show_counted(self, counted: tuple[TransactionQuery, int]) -> None:
        filters, count = counted
        self.model.take_count(filters, count)
        if filters == self.model.filters():
            super().show_count()

    def apply_filters(self) -> None:
        self.model.set_query(self.filters.apply_to(self.model.query))
        self.show_count()

    def refresh(self) -> None:
        """Read customers and the list again (another page or clerk may have changed them)."""
        self._load_customers()
        self.model.forget_counts()
        super().refresh()

    def blank(self) -> None:
        # A run of entries keeps its type, and the customer the list is filtered on.
        kind = self.form.transaction_type() if self.form.record is None else None
        self.form.start_new(self.filters.chosen_customer(), kind)

    def store(self, session: Session, draft: TransactionDraft) -> TransactionRecord:
        if self.form.record is None:
            return billing.create_transaction(session, draft)
        return billing.update_transaction(session, self.form.record.id, draft)

    def remove(self, session: Session, record: TransactionRecord) -> None:
        billing.delete_transaction(session, record.id)

    def named(self, record: TransactionRecord | None) -> str:
        return "The new transaction" if record is None else f"{record.type.label} {record.number}"

    def delete_question(self, record: TransactionRecord) -> str:
        question = f"Delete {record.type.label.lower()} {record.number} of {record.customer_name}?"
        if record.batch_number is not None:
            question += f" It is also removed from invoice batch {record.batch_number}."
        return question


def _tax_rate(context: UiContext, customer_number: str) -> Decimal | None:
    with context.read() as session:
        return billing.customer_tax_rate(session, customer_number)
