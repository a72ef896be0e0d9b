"""The Invoice Batches form: find batches, add a manual one, edit, delete, open its details."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import BatchRecord
from app.ui import messages
from app.ui.batches import approval_actions
from app.ui.batches.batch_dialog import BatchDialog
from app.ui.batches.batch_search import BatchSearchBar
from app.ui.batches.batch_table_model import BatchTableModel
from app.ui.batches.export_actions import attach_export_button
from app.ui.context import UiContext
from app.ui.operations import Loader, attempt
from app.ui.sending.send_action import attach_send_button
from app.ui.widgets.data_changes import DataChangeFollower
from app.ui.widgets.display import counted, date_text
from app.ui.widgets.record_table_view import RecordTableView
from app.ui.widgets.status_line import say


def delete_question(batch: BatchRecord) -> str:
    """The confirmation names exactly what a deletion releases (R7)."""
    if batch.transaction_count == 0:
        return f"Delete invoice batch {batch.number}? It holds no transactions."
    transactions = counted(batch.transaction_count, "transaction")
    customers = counted(batch.customer_count, "customer")
    return (
        f"Delete invoice batch {batch.number}? Its {transactions} of {customers} will be "
        "released and can go into another batch."
    )


class InvoiceBatchesPage(QWidget):
    """`report_actions` is the row where the print buttons go; they use `selected_batch_number`."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.batch_dialog: BatchDialog | None = None
        self.search = BatchSearchBar()
        self.model = BatchTableModel(self)
        self.table = RecordTableView(self.model, "invoice-batches")
        self.count_label = QLabel()
        self.new_button = QPushButton("&New Batch…")
        self.edit_button = QPushButton("&Edit Description…")
        self.delete_button = QPushButton("&Delete Batch")
        self.open_button = QPushButton("&Open Details")
        self.approve_button = QPushButton("Approve…")
        self.unapprove_button = QPushButton("Unapprove")
        self.report_actions = QHBoxLayout()
        self.data_changes = DataChangeFollower(self, context, self.refresh)
        self.loader = Loader(self, context, "Invoice Batches")
        self._select_after_load: int | None = None
        self._lay_out()
        self.export_actions = attach_export_button(self, context)
        self.send_button = attach_send_button(self, context)  # R13
        self.loader.sig_loading.connect(self._show_loading)
        self.loader.sig_loaded.connect(self._show_rows)
        self.loader.sig_failed.connect(lambda _error: self._show_rows([]))
        self.search.sig_search.connect(self.refresh)
        self.table.sig_chosen.connect(self.open_details)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_button.clicked.connect(self.new_batch)
        self.edit_button.clicked.connect(self.edit_description)
        self.delete_button.clicked.connect(self.delete_batch)
        self.open_button.clicked.connect(self.open_details)
        self.approve_button.clicked.connect(self.approve_batch)
        self.unapprove_button.clicked.connect(self.unapprove_batch)
        self._update_buttons()

    def _lay_out(self) -> None:
        title = QLabel("<h2>Invoice Batches</h2>")
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)
        # A second row, so the buttons fit a 1024 px screen: what a checked batch goes
        # through (R12's approval, then the report and its other ways out).
        outgoing = QHBoxLayout()
        outgoing.addWidget(self.approve_button)
        outgoing.addWidget(self.unapprove_button)
        outgoing.addStretch(1)
        outgoing.addLayout(self.report_actions)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(actions)
        layout.addLayout(outgoing)

    def refresh(self, select: int | None = None) -> None:
        """Search again with the current criteria, off the GUI thread (every batch's totals
        take a while on a long history); the rows arrive by `Loader.sig_loaded`, and then the
        selected batch (or `select`) is selected again."""
        self._select_after_load = select if select is not None else self.selected_batch_number()
        query, state = self.search.query(), self.search.state()
        self.loader.load(lambda session: billing.find_batches(session, query, state))

    def _show_loading(self, loading: bool) -> None:
        if loading:
            self.count_label.setText("Loading invoice batches…")
        self._update_buttons()

    def _show_rows(self, rows: list[BatchRecord]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(counted(self.model.rowCount(), "invoice batch", "invoice batches"))
        if self._select_after_load is not None:
            self.select_batch(self._select_after_load)
        self._update_buttons()

    def select_batch(self, number: int) -> None:
        row = self.model.row_of(number)
        if row is not None:
            self.table.select_row(row)

    def selected_batch(self) -> BatchRecord | None:
        rows = self.table.selected_rows()
        return self.model.record(rows[0]) if rows else None

    def selected_batch_number(self) -> int | None:
        batch = self.selected_batch()
        return batch.number if batch is not None else None

    def _update_buttons(self) -> None:
        # While rows load, the listed ones may be gone or changed: nothing acts on them.
        batch = None if self.loader.is_loading() else self.selected_batch()
        # A printed batch keeps only its description open: it is the clerk's note (R7).
        self.edit_button.setEnabled(batch is not None)
        self.delete_button.setEnabled(batch is not None and not batch.locked)
        self.open_button.setEnabled(batch is not None)
        locked = batch is not None and batch.locked
        self.delete_button.setToolTip(
            "A locked batch (approved, printed, sent or exported) is read-only." if locked else ""
        )
        self.approve_button.setEnabled(batch is not None and not batch.locked)
        self.unapprove_button.setEnabled(batch is not None and batch.approved_at is not None)

    def new_batch(self) -> None:
        dialog = BatchDialog(self)
        dialog.accepted.connect(lambda: self._create(dialog))
        self.batch_dialog = dialog
        dialog.open()

    def _create(self, dialog: BatchDialog) -> None:
        close_date, description = dialog.close_date(), dialog.description()
        if dialog.is_opening():
            self._create_opening(close_date, description)
            return

        def create() -> BatchRecord:
            with self.context.transaction() as session:
                return billing.create_manual_batch(session, close_date, description)

        record = attempt(self, "New Invoice Batch", create)
        if record is not None:
            self._changed(record.number)
            say(self, f"Invoice batch {record.number} created; open its details to fill it.")

    def _create_opening(self, close_date: dt.date, description: str) -> None:
        question = (
            f"Create the opening batch up to {date_text(close_date)}? Every unbatched invoice, "
            "credit memo and debit memo dated on or before it, of every customer with a cutoff "
            "day, goes into it, and it is marked printed at once: it cannot be deleted."
        )
        if not messages.confirm(self, "Opening Batch", question, "Create Opening Batch"):
            return

        def create() -> BatchRecord:
            with self.context.transaction() as session:
                return billing.create_opening_batch(
                    session, close_date, description or "Opening batch"
                )

        record = attempt(self, "Opening Batch", create)
        if record is not None:
            self._changed(record.number)
            say(
                self,
                f"Opening batch {record.number} holds "
                f"{counted(record.transaction_count, 'transaction')} of "
                f"{counted(record.customer_count, 'customer')}, marked printed.",
            )

    def edit_description(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        dialog = BatchDialog(self, batch)
        dialog.accepted.connect(lambda: self._save_description(batch.number, dialog))
        self.batch_dialog = dialog
        dialog.open()

    def _save_description(self, number: int, dialog: BatchDialog) -> None:
        def save() -> bool:
            with self.context.transaction() as session:
                billing.set_description(session, number, dialog.description())
            return True

        if attempt(self, "Edit Description", save):
            self._changed(number)

    def delete_batch(self) -> None:
        batch = self.selected_batch()
        if batch is None or not messages.confirm(
            self, "Delete Invoice Batch", delete_question(batch), "Delete"
        ):
            return

        def delete() -> int:
            with self.context.transaction() as session:
                return billing.delete_batch(session, batch.number)

        released = attempt(self, "Delete Invoice Batch", delete)
        if released is not None:
            self._changed(None)
            say(
                self,
                f"Invoice batch {batch.number} deleted; "
                f"{counted(released, 'transaction')} released.",
            )

    def approve_batch(self) -> None:
        batch = self.selected_batch()
        if batch is not None and approval_actions.approve(self, self.context, batch):
            self._changed(batch.number)

    def unapprove_batch(self) -> None:
        batch = self.selected_batch()
        if batch is not None and approval_actions.unapprove(self, self.context, batch):
            self._changed(batch.number)

    def open_details(self) -> None:
        number = self.selected_batch_number()
        if number is not None:
            self.context.sig_open_batch.emit(number)

    def _changed(self, select: int | None) -> None:
        self.table.clearSelection()
        self.refresh(select)
        self.data_changes.announce()
