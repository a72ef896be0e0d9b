"""The Customers page: search the list on the left, edit the chosen customer on the right."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import CustomerQuery, CustomerRecord, InvalidInput
from app.ui import messages
from app.ui.context import UiContext
from app.ui.customers.customer_form import CustomerForm
from app.ui.customers.customer_table_model import CustomerTableModel
from app.ui.operations import attempt
from app.ui.widgets.page_shortcut import add_page_shortcut
from app.ui.widgets.record_list import (
    RowFollower,
    focus_first_row,
    load_sorted,
    make_table_view,
)
from app.ui.widgets.tab_order import chain_tab_order

SEARCH_DELAY_MS = 250


class CustomersPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = CustomerTableModel(context)
        self.search = QLineEdit()
        self.search.setObjectName("customer-search")
        self.search.setPlaceholderText("Search number or name")
        self.search.setClearButtonEnabled(True)
        self.active_only = QCheckBox("Active &only")
        self.view = make_table_view(self.model, "customers", CustomerTableModel.COL_NUMBER)
        self.count_label = QLabel()
        self.form = CustomerForm()
        self.new_button = QPushButton("New")
        self.save_button = QPushButton("Save")
        self.delete_button = QPushButton("Delete")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._lay_out()
        self._connect()
        self.follower = RowFollower(
            self.view, self.model, lambda: self.form.customer_id, self.may_leave_form, self.open
        )
        self.model.query = self._search_query()
        load_sorted(self.view, self.model)
        self._show_count()
        self._update_buttons()

    def _lay_out(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._list_side())
        splitter.addWidget(self._form_side())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([680, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        chain_tab_order(self.search, self.active_only, self.view, self.form.first_field())
        chain_tab_order(
            self.form.last_field(), self.new_button, self.save_button, self.delete_button
        )

    def _list_side(self) -> QWidget:
        search_row = QHBoxLayout()
        search_label = QLabel("&Search")
        search_label.setBuddy(self.search)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.active_only)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        return side

    def _form_side(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QHBoxLayout()
        for button, tip in (
            (self.new_button, "New customer (Ctrl+N)"),
            (self.save_button, "Save the customer (Ctrl+S)"),
            (self.delete_button, "Delete the customer"),
        ):
            button.setToolTip(tip)
            buttons.addWidget(button)
        buttons.addStretch(1)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        return side

    def _connect(self) -> None:
        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.returnPressed.connect(self._search_now)
        self.active_only.toggled.connect(self.apply_search)
        self.new_button.clicked.connect(self.new_customer)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.form.sig_dirty_changed.connect(self._update_buttons)
        self.context.sig_data_changed.connect(self.refresh)
        add_page_shortcut(self, "New customer", QKeySequence.StandardKey.New, self.new_customer)
        add_page_shortcut(self, "Save customer", QKeySequence.StandardKey.Save, self.save)

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self._search_query())
        self._show_count()

    def _search_query(self) -> CustomerQuery:
        return replace(
            self.model.query, text=self.search.text(), active_only=self.active_only.isChecked()
        )

    def _search_now(self) -> None:
        self.apply_search()
        focus_first_row(self.view)

    def refresh(self) -> None:
        """Read the list again (another page or clerk may have changed it)."""
        self.model.reload()
        self._show_count()

    def _show_count(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total:,} customer{'' if total == 1 else 's'}")

    def may_leave_form(self) -> bool:
        if not self.form.dirty:
            return True
        draft = self.form.draft()
        who = f"Customer {draft.number}" if self.form.customer_id else "The new customer"
        return messages.confirm(
            self, "Unsaved changes", f"{who} has unsaved changes. Discard them?", "Discard changes"
        )

    def open(self, record: CustomerRecord) -> None:
        self.form.load(record)
        self._update_buttons()

    def new_customer(self) -> None:
        if not self.may_leave_form():
            return
        self.form.clear()
        self.follower.select(None)
        self._update_buttons()
        self.form.first_field().setFocus()

    def save(self) -> None:
        """Save the form; billing's refusals appear at their fields and nothing is saved."""
        if not self.form.dirty:
            return
        if attempt(self, "Save customer", self._save) is not None:
            self.context.sig_data_changed.emit()

    def _save(self) -> CustomerRecord | None:
        draft = self.form.draft()
        try:
            with self.context.transaction() as session:
                if self.form.customer_id is None:
                    record = billing.create_customer(session, draft)
                else:
                    record = billing.update_customer(session, self.form.customer_id, draft)
        except InvalidInput as error:
            elsewhere = self.form.show_problems(error.problems)
            if elsewhere:
                messages.show_error(self, "Save customer", "; ".join(map(str, elsewhere)))
            return None
        self.form.saved(record)
        self._update_buttons()
        return record

    def delete(self) -> None:
        customer_id = self.form.customer_id
        if customer_id is None:
            return
        draft = self.form.draft()
        if not messages.confirm(
            self,
            "Delete customer",
            f"Delete customer {draft.number} {draft.name}? This cannot be undone.",
            "Delete",
        ):
            return
        if attempt(self, "Delete customer", lambda: self._delete(customer_id)):
            self.form.clear()
            self._update_buttons()
            self.context.sig_data_changed.emit()

    def _delete(self, customer_id: int) -> bool:
        with self.context.transaction() as session:
            billing.delete_customer(session, customer_id)
        return True

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.form.dirty)
        self.delete_button.setEnabled(self.form.customer_id is not None)
