"""Invoice Batch Details: one batch's customers with their R8 figures, and the chosen
customer's transactions and payments; changes allowed until the batch is printed (R7)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import billing
from app.billing import (
    AuditQuery,
    AuditRecord,
    BatchRecord,
    BatchStatement,
    CustomerRecord,
    CustomerStatement,
    TransactionRecord,
)
from app.billing.deliveries import DeliveryRecord, list_deliveries
from app.ui.audit.audit_table_model import BatchHistoryModel
from app.ui.batch_details import batch_changes
from app.ui.batch_details.add_customer_dialog import AddCustomerDialog
from app.ui.batch_details.batch_header import BatchHeader
from app.ui.batch_details.batch_states_panel import BatchStatesPanel
from app.ui.batch_details.candidate_picker_dialog import CandidatePickerDialog
from app.ui.batch_details.deliveries_tab import DeliveriesTab
from app.ui.batch_details.discount_action import attach_discount_action
from app.ui.batch_details.statement_table_model import (
    BatchCustomersTableModel,
    StatementRow,
    statement_rows,
)
from app.ui.batch_details.transaction_edit_dialog import TransactionEditDialog
from app.ui.batch_details.transaction_lines_model import PaymentLinesModel, TransactionLinesModel
from app.ui.batches import approval_actions
from app.ui.batches.export_actions import attach_export_button
from app.ui.context import UiContext
from app.ui.operations import Loader, attempt
from app.ui.pages import DETAILS_PAGE
from app.ui.sending.send_action import attach_send_button
from app.ui.widgets.captioned import captioned
from app.ui.widgets.data_changes import DataChangeFollower
from app.ui.widgets.display import counted
from app.ui.widgets.record_table_view import RecordTableView
from app.ui.widgets.status_line import say


@dataclass(frozen=True)
class LoadedBatch:
    """Everything the page shows of one batch, read together off the GUI thread."""

    batches: list[BatchRecord]
    statement: BatchStatement | None = None
    rows: list[StatementRow] | None = None  # the customers table's rows, made with the rest
    history: list[AuditRecord] | None = None
    deliveries: tuple[DeliveryRecord, ...] = ()


def read_batch(session: Session, wanted: int | None) -> LoadedBatch:
    """The batch list for the picker and batch `wanted` (the newest when it is not listed)."""
    batches = billing.list_batches(session)
    numbers = [b.number for b in batches]
    number = wanted if wanted in numbers else next(iter(numbers), None)
    if number is None:
        return LoadedBatch(batches)
    statement = billing.statement_of(session, number)
    # R12's states ride on the batch's record: approval, delivery, paid amounts.
    statement = replace(statement, batch=billing.with_states(session, [statement.batch])[0])
    rows = statement_rows(
        statement.customers, statement.totals, statement.aging, statement.batch.status
    )
    history = billing.list_audit(session, AuditQuery(batch_number=number))
    return LoadedBatch(batches, statement, rows, history, list_deliveries(session, number))


class InvoiceBatchDetailsPage(QWidget):
    """`report_actions` is the row where the print buttons go; they use `selected_batch_number`."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.statement: BatchStatement | None = None
        self._number: int | None = None
        self.dialog: AddCustomerDialog | CandidatePickerDialog | TransactionEditDialog | None = None
        self.header = BatchHeader()
        self.states = BatchStatesPanel()
        self.customers_model = BatchCustomersTableModel(self)
        self.customers_table = RecordTableView(self.customers_model, "batch-details-customers")
        self.transactions_model = TransactionLinesModel(self)
        self.transactions_table = RecordTableView(
            self.transactions_model, "batch-details-transactions", multi_select=True
        )
        self.payments_model = PaymentLinesModel(self)
        self.payments_table = RecordTableView(self.payments_model, "batch-details-payments")
        self.transactions_caption = QLabel()
        self.payments_caption = QLabel("Payments in the period")
        self.history_model = BatchHistoryModel(self)
        self.history_table = RecordTableView(self.history_model, "batch-details-history")
        self.deliveries = DeliveriesTab(context, self.selected_batch_number)  # R13
        self.tabs = QTabWidget()
        self.add_customer_button = QPushButton("Add &Customer…")
        self.add_transactions_button = QPushButton("Add &Transactions…")
        self.remove_customer_button = QPushButton("Remove C&ustomer")
        self.remove_transactions_button = QPushButton("Re&move Transactions")
        self.edit_button = QPushButton("&Edit Transaction…")
        self.report_actions = QHBoxLayout()
        self.loading_label = QLabel()
        self.loading_label.hide()
        self.data_changes = DataChangeFollower(self, context, self.refresh)
        self.loader = Loader(self, context, "Invoice Batch Details")
        self._customer_after_load: str | None = None
        self._lay_out()
        self.export_actions = attach_export_button(self, context)
        self.send_button = attach_send_button(self, context)  # R13
        self._connect()
        self.discount_action = attach_discount_action(self, context)  # R14
        self._update_buttons()

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        for button in self._change_buttons():
            actions.addWidget(button)
        actions.addStretch(1)
        # The report buttons get a row of their own, at the right as on the Invoice Batches
        # page: beside the five change buttons they are wider than a 1024 px screen leaves.
        reports = QHBoxLayout()
        reports.addStretch(1)
        reports.addLayout(self.report_actions)
        lines = QSplitter(Qt.Orientation.Horizontal)
        lines.addWidget(captioned(self.transactions_caption, self.transactions_table))
        lines.addWidget(captioned(self.payments_caption, self.payments_table))
        lines.setSizes([700, 300])  # a proportion: payments need fewer columns
        parts = QSplitter(Qt.Orientation.Vertical)
        parts.addWidget(captioned(QLabel("Customers in the batch"), self.customers_table))
        parts.addWidget(lines)
        parts.setStretchFactor(0, 1)
        parts.setStretchFactor(1, 1)
        self.tabs.addTab(parts, "Customers and transactions")
        # R20: what was done to this batch, by whom and when, oldest first.
        self.tabs.addTab(self.history_table, "History")
        # R13: every delivery recorded, failures with the server's words; resend from here.
        self.tabs.addTab(self.deliveries, "Deliveries")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Invoice Batch Details</h2>"))
        layout.addWidget(self.header)
        layout.addWidget(self.states)
        layout.addLayout(actions)
        layout.addLayout(reports)
        layout.addWidget(self.loading_label)
        layout.addWidget(self.tabs, 1)

    def _change_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.add_customer_button,
            self.add_transactions_button,
            self.remove_customer_button,
            self.remove_transactions_button,
            self.edit_button,
        )

    def _connect(self) -> None:
        self.loader.sig_loading.connect(self._show_loading)
        self.loader.sig_loaded.connect(self._show_loaded)
        self.loader.sig_failed.connect(lambda _error: self._show_loaded(LoadedBatch([])))
        self.context.sig_open_batch.connect(self.show_batch)
        self.header.sig_batch_chosen.connect(self.show_batch)
        self.customers_table.selectionModel().selectionChanged.connect(self._show_lines)
        self.transactions_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.transactions_table.sig_chosen.connect(self.edit_transaction)
        self.add_customer_button.clicked.connect(self.add_customer)
        self.add_transactions_button.clicked.connect(self.add_transactions)
        self.remove_customer_button.clicked.connect(self.remove_customer)
        self.remove_transactions_button.clicked.connect(self.remove_transactions)
        self.edit_button.clicked.connect(self.edit_transaction)
        self.states.sig_approve.connect(self.approve_batch)
        self.states.sig_unapprove.connect(self.unapprove_batch)
        self.states.sig_save_notes.connect(self.save_notes)

    def show_batch(self, number: int) -> None:
        """Show this batch here, and bring this page forward."""
        self._number = number
        self.refresh()
        self.context.sig_open_page.emit(DETAILS_PAGE)

    def selected_batch_number(self) -> int | None:
        return self.statement.batch.number if self.statement is not None else None

    def batch(self) -> BatchRecord | None:
        return self.statement.batch if self.statement is not None else None

    def refresh(self) -> None:
        """Reload the batch list and the shown batch (the newest when none was chosen) off
        the GUI thread: a big batch takes seconds to read, and the window must keep
        answering. Its rows arrive by `Loader.sig_loaded`; the chosen customer stays chosen."""
        customer = self.selected_customer()
        if customer is not None:
            self._customer_after_load = customer.customer.number
        wanted = self._number
        if wanted is not None and wanted != self.selected_batch_number():
            self._show_nothing_of(wanted)
        self.loader.load(lambda session: read_batch(session, wanted))

    def _show_nothing_of(self, number: int) -> None:
        """Another batch was asked for: what shows of the one before goes while it loads."""
        self.statement = None
        self.header.choose(number)
        self.header.show_batch(None)
        self.states.show_batch(None)
        self.customers_model.set_rows([])
        self.history_model.set_rows([])
        self.deliveries.set_rows(())
        self._show_lines()

    def _show_loading(self, loading: bool) -> None:
        number = f" {self._number}" if self._number is not None else ""
        self.loading_label.setText(f"Loading invoice batch{number}…" if loading else "")
        self.loading_label.setVisible(loading)
        # What shows belongs to the batch before: nothing may act on it until the new rows come.
        for part in (self.states, self.tabs):
            part.setEnabled(not loading)
        self._update_buttons()

    def _show_loaded(self, loaded: LoadedBatch) -> None:
        self.statement = loaded.statement
        self.history_model.set_rows(loaded.history or [])
        self.deliveries.set_rows(loaded.deliveries)
        self._number = self.selected_batch_number()
        self.header.set_batches(loaded.batches, self._number)
        self.header.show_batch(self.batch())
        self.states.show_batch(self.batch())
        self.customers_model.set_rows(loaded.rows or [])
        wanted, self._customer_after_load = self._customer_after_load, None
        row = self.customers_model.row_of(wanted) if wanted is not None else None
        if row is None and self.statement is not None and self.statement.customers:
            row = 0
        if row is not None:
            self.customers_table.select_row(row)
        self._show_lines()

    def selected_customer(self) -> CustomerStatement | None:
        rows = self.customers_table.selected_rows()
        return self.customers_model.statement(rows[0]) if rows else None

    def selected_transactions(self) -> list[TransactionRecord]:
        rows = self.transactions_table.selected_rows()
        return [r for r in map(self.transactions_model.record, rows) if r is not None]

    def _show_lines(self) -> None:
        customer = self.selected_customer()
        self.transactions_model.set_rows(customer.transactions if customer else ())
        self.payments_model.set_rows(customer.payments if customer else ())
        if customer is not None:
            name = f"{customer.customer.number} — {customer.customer.name}"
            self.transactions_caption.setText(f"Transactions of {name} in the batch")
        elif self.statement is not None and not self.statement.customers:
            self.transactions_caption.setText(
                "No customers in this batch yet — use Add Customer or Add Transactions."
            )
        else:
            self.transactions_caption.setText("Transactions")
        self._update_buttons()

    def _update_buttons(self) -> None:
        batch = self.batch()
        # Locked (approved, printed, sent or exported): read-only, as the database has it (R7).
        editable = batch is not None and not batch.locked and not self.loader.is_loading()
        chosen = len(self.selected_transactions())
        self.add_customer_button.setEnabled(editable)
        self.add_transactions_button.setEnabled(editable)
        self.remove_customer_button.setEnabled(editable and self.selected_customer() is not None)
        self.remove_transactions_button.setEnabled(editable and chosen > 0)
        self.edit_button.setEnabled(editable and chosen == 1)
        why = (
            "The batch is locked (approved, printed, sent or exported) and is read-only."
            if batch and batch.locked
            else ""
        )
        for button in self._change_buttons():
            button.setToolTip(why)

    def approve_batch(self) -> None:
        batch = self.batch()
        if batch is not None and approval_actions.approve(self, self.context, batch):
            self._after_state_change()

    def unapprove_batch(self) -> None:
        batch = self.batch()
        if batch is not None and approval_actions.unapprove(self, self.context, batch):
            self._after_state_change()

    def save_notes(self, notes: str) -> None:
        number = self.selected_batch_number()
        if number is not None and approval_actions.save_notes(self, self.context, number, notes):
            self._after_state_change()

    def _after_state_change(self) -> None:
        self.refresh()
        self.data_changes.announce()

    def add_customer(self) -> None:
        batch = self.batch()
        if batch is None:
            return
        customers = attempt(self, "Add Customer", self._customers)
        if customers is None:
            return
        dialog = AddCustomerDialog(self, batch, customers)
        dialog.accepted.connect(lambda: self._add_customer(batch.number, dialog))
        self.dialog = dialog
        dialog.open()

    def _customers(self) -> list[CustomerRecord]:
        with self.context.read() as session:
            return billing.list_customers(session)

    def _add_customer(self, number: int, dialog: AddCustomerDialog) -> None:
        customer = dialog.customer_number()
        if customer:
            added = batch_changes.add_customer(self, self.context, number, customer)
            self._after_change(added, f"added to invoice batch {number} with customer {customer}")

    def add_transactions(self) -> None:
        batch = self.batch()
        if batch is None:
            return
        dialog = CandidatePickerDialog(self, self.context, batch)
        dialog.accepted.connect(lambda: self._add_transactions(batch.number, dialog))
        self.dialog = dialog
        dialog.open()

    def _add_transactions(self, number: int, dialog: CandidatePickerDialog) -> None:
        numbers = [t.number for t in dialog.selected()]
        if numbers:
            added = batch_changes.add_transactions(self, self.context, number, numbers)
            self._after_change(added, f"added to invoice batch {number}")

    def remove_transactions(self) -> None:
        number, chosen = self.selected_batch_number(), self.selected_transactions()
        if number is not None and chosen:
            removed = batch_changes.remove_transactions(self, self.context, number, chosen)
            self._after_change(removed, f"removed from invoice batch {number}")

    def remove_customer(self) -> None:
        number, customer = self.selected_batch_number(), self.selected_customer()
        if number is not None and customer is not None:
            removed = batch_changes.remove_customer(self, self.context, number, customer)
            self._after_change(removed, f"removed from invoice batch {number}")

    def edit_transaction(self) -> None:
        chosen = self.selected_transactions()
        batch = self.batch()
        if len(chosen) != 1 or batch is None or batch.locked:
            return
        dialog = TransactionEditDialog(self, self.context, chosen[0])
        dialog.finished.connect(lambda _result: self._after_edit(dialog))
        self.dialog = dialog
        dialog.open()

    def _after_edit(self, dialog: TransactionEditDialog) -> None:
        saved = dialog.saved
        self._after_change(None, "")
        if saved is not None:
            self.data_changes.announce()
            say(self, f"{saved.type.label} {saved.number} saved.")

    def _after_change(self, moved: int | None, what: str) -> None:
        """Reload after any attempt: a refusal may mean the batch changed under us."""
        self.refresh()
        if moved is not None:
            self.data_changes.announce()
            say(self, f"{counted(moved, 'transaction')} {what}.")
