"""The A/R Transactions page: the filtered list above, the entry form below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import CustomerQuery, InvalidInput, TransactionDraft, TransactionRecord
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.transactions.transaction_filters import TransactionFilters
from app.ui.transactions.transaction_form import TransactionForm
from app.ui.transactions.transaction_table_model import TransactionTableModel
from app.ui.widgets.page_shortcut import add_page_shortcut
from app.ui.widgets.record_list import RowFollower, load_sorted, make_table_view
from app.ui.widgets.tab_order import chain_tab_order


class TransactionsPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = TransactionTableModel(context)
        self.filters = TransactionFilters()
        self.view = make_table_view(
            self.model,
            "transactions",
            TransactionTableModel.COL_INVOICE_DATE,
            Qt.SortOrder.DescendingOrder,
        )
        self.count_label = QLabel()
        self.form = TransactionForm()
        self.new_button = QPushButton("New")
        self.save_button = QPushButton("Save")
        self.delete_button = QPushButton("Delete")
        self._lay_out()
        self._connect()
        self.follower = RowFollower(
            self.view, self.model, self._current_id, self.may_leave_form, self.open
        )
        self._load_customers()
        self.model.query = self.filters.apply_to(self.model.query)
        load_sorted(self.view, self.model)
        self._show_count()
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
        buttons = QHBoxLayout()
        for button, tip in (
            (self.new_button, "New transaction (Ctrl+N)"),
            (self.save_button, "Save the transaction (Ctrl+S)"),
            (self.delete_button, "Delete the transaction"),
        ):
            button.setToolTip(tip)
            buttons.addWidget(button)
        buttons.addStretch(1)
        bottom_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        chain_tab_order(self.filters.batch, self.view, self.form.inputs[0])
        chain_tab_order(self.form.inputs[-1], self.new_button, self.save_button)
        chain_tab_order(self.save_button, self.delete_button)

    def _connect(self) -> None:
        self.filters.sig_changed.connect(self.apply_filters)
        self.new_button.clicked.connect(self.new_transaction)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.form.sig_dirty_changed.connect(self._update_buttons)
        self.context.sig_data_changed.connect(self.refresh)
        add_page_shortcut(
            self, "New transaction", QKeySequence.StandardKey.New, self.new_transaction
        )
        add_page_shortcut(self, "Save transaction", QKeySequence.StandardKey.Save, self.save)

    def _current_id(self) -> int | None:
        return self.form.record.id if self.form.record else None

    def _load_customers(self) -> None:
        with self.context.read() as session:
            customers = billing.list_customers(session, CustomerQuery())
        self.filters.set_customers(customers)
        self.form.set_customers(customers)

    def apply_filters(self) -> None:
        self.model.set_query(self.filters.apply_to(self.model.query))
        self._show_count()

    def refresh(self) -> None:
        """Read customers and the list again (another page or clerk may have changed them)."""
        self._load_customers()
        self.model.reload()
        self._show_count()

    def _show_count(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total:,} transaction{'' if total == 1 else 's'}")

    def may_leave_form(self) -> bool:
        if not self.form.dirty:
            return True
        record = self.form.record
        who = f"{record.type.label} {record.number}" if record else "The new transaction"
        return messages.confirm(
            self, "Unsaved changes", f"{who} has unsaved changes. Discard them?", "Discard changes"
        )

    def open(self, record: TransactionRecord) -> None:
        self.form.load(record)
        self._update_buttons()

    def new_transaction(self) -> None:
        if not self.may_leave_form():
            return
        kind = self.form.transaction_type() if self.form.record is None else None
        self.form.clear(self.filters.chosen_customer(), kind)
        self.follower.select(None)
        self._update_buttons()
        self.form.inputs[0].setFocus()

    def save(self) -> None:
        """Save the form; refusals appear at their fields and nothing is saved."""
        if not self.form.dirty or self.form.read_only:
            return
        if attempt(self, "Save transaction", self._save) is not None:
            self.context.sig_data_changed.emit()

    def _save(self) -> TransactionRecord | None:
        draft, problems = self.form.read()
        if draft is None:
            self._show_problems(problems)
            return None
        try:
            record = self._store(draft)
        except InvalidInput as error:
            self._show_problems(list(error.problems))
            return None
        self.form.load(record)
        self._update_buttons()
        return record

    def _store(self, draft: TransactionDraft) -> TransactionRecord:
        with self.context.transaction() as session:
            if self.form.record is None:
                return billing.create_transaction(session, draft)
            return billing.update_transaction(session, self.form.record.id, draft)

    def _show_problems(self, problems: list[billing.FieldProblem]) -> None:
        elsewhere = self.form.show_problems(problems)
        if elsewhere:
            messages.show_error(self, "Save transaction", "; ".join(map(str, elsewhere)))

    def delete(self) -> None:
        record = self.form.record
        if record is None or self.form.read_only:
            return
        question = f"Delete {record.type.label.lower()} {record.number} of {record.customer_name}?"
        if record.batch_number is not None:
            question += f" It is also removed from invoice batch {record.batch_number}."
        if not messages.confirm(self, "Delete transaction", question, "Delete"):
            return
        if attempt(self, "Delete transaction", lambda: self._delete(record.id)):
            self.form.clear(self.filters.chosen_customer())
            self._update_buttons()
            self.context.sig_data_changed.emit()

    def _delete(self, transaction_id: int) -> bool:
        with self.context.transaction() as session:
            billing.delete_transaction(session, transaction_id)
        return True

    def _update_buttons(self) -> None:
        editable = not self.form.read_only
        self.save_button.setEnabled(editable and self.form.dirty)
        self.delete_button.setEnabled(editable and self.form.record is not None)
