"""The Customers page: search the list on the left, edit the chosen customer on the right."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import billing
from app.billing import CustomerDraft, CustomerQuery, CustomerRecord
from app.ui.context import UiContext
from app.ui.customers.customer_form import CustomerForm
from app.ui.customers.customer_table_model import CustomerTableModel
from app.ui.widgets.record_list_page import RecordListPage
from app.ui.widgets.record_table_view import RecordTableView
from app.ui.widgets.tab_order import chain_tab_order

SEARCH_DELAY_MS = 250


class CustomersPage(RecordListPage[CustomerRecord, CustomerDraft]):
    noun = "customer"

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = CustomerTableModel(context)
        view = RecordTableView(model, "customers", sort_column=CustomerTableModel.COL_NUMBER)
        super().__init__(context, model, CustomerForm(), view)
        self.model: CustomerTableModel = model
        self.form: CustomerForm
        self.search = QLineEdit()
        self.search.setObjectName("customer-search")
        self.search.setPlaceholderText("Search number or name")
        self.search.setClearButtonEnabled(True)
        self.active_only = QCheckBox("Active &only")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._lay_out()
        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.returnPressed.connect(self._search_now)
        self.active_only.toggled.connect(self.apply_search)
        self.model.query = self._search_query()
        self.view.load_sorted()
        self.show_count()
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
        # One chain from the search to the buttons: pairs set apart would move the first
        # field out of the form's own order (Tab from Number went to the scroll area).
        chain_tab_order(
            self.search,
            self.active_only,
            self.view,
            *self.form.fields_in_order(),
            self.new_button,
            self.save_button,
            self.delete_button,
        )
        self.setFocusProxy(self.search)  # where Ctrl+1 puts the keyboard

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
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields take the keyboard, not it
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(self.buttons)
        return side

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self._search_query())
        self.show_count()

    def _search_query(self) -> CustomerQuery:
        return replace(
            self.model.query, text=self.search.text(), active_only=self.active_only.isChecked()
        )

    def _search_now(self) -> None:
        self.apply_search()
        self.view.focus_first_row()

    def store(self, session: Session, draft: CustomerDraft) -> CustomerRecord:
        if self.form.record is None:
            return billing.create_customer(session, draft)
        return billing.update_customer(session, self.form.record.id, draft)

    def remove(self, session: Session, record: CustomerRecord) -> None:
        billing.delete_customer(session, record.id)

    def named(self, record: CustomerRecord | None) -> str:
        return "The new customer" if record is None else f"Customer {record.number}"

    def delete_question(self, record: CustomerRecord) -> str:
        return f"Delete customer {record.number} {record.name}? This cannot be undone."
