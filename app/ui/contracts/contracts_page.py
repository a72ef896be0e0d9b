"""The Contracts page: the contracts above, searched and narrowed to a customer; the chosen one
in the form below, with End Contract…, Skip Period… and Bill Recurring Charges…."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import billing
from app.billing import ContractDraft, ContractRecord, CustomerRecord
from app.ui.context import UiContext
from app.ui.contracts.bill_recurring_dialog import BillRecurringDialog
from app.ui.contracts.contract_action_dialog import ContractActionDialog
from app.ui.contracts.contract_form import ContractForm
from app.ui.contracts.contract_table_model import ContractTableModel
from app.ui.contracts.end_contract_dialog import EndContractDialog
from app.ui.contracts.skip_period_dialog import SkipPeriodDialog
from app.ui.operations import attempt
from app.ui.pages import BILL_SHORTCUT
from app.ui.widgets.customer_picker import CustomerPicker
from app.ui.widgets.record_list_page import RecordListPage
from app.ui.widgets.record_table_view import RecordTableView
from app.ui.widgets.status_line import say
from app.ui.widgets.tab_order import chain_tab_order

SEARCH_DELAY_MS = 250


def matches(contract: ContractRecord, text: str) -> bool:
    """The search box's words found in the contract's number or name."""
    wanted = text.strip().casefold()
    return not wanted or wanted in f"{contract.number} {contract.name}".casefold()


class ContractsPage(RecordListPage[ContractRecord, ContractDraft]):
    noun = "contract"

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = ContractTableModel()
        view = RecordTableView(model, "contracts")
        super().__init__(context, model, ContractForm(), view)
        self.model: ContractTableModel = model
        self.form: ContractForm
        self.action_dialog: ContractActionDialog | None = None
        self.bill_dialog: BillRecurringDialog | None = None
        self.search = QLineEdit()
        self.search.setObjectName("contract-search")
        self.search.setPlaceholderText("Search number or name")
        self.search.setClearButtonEnabled(True)
        self.customer_filter = CustomerPicker(any_text="All customers")
        self.customer_filter.setObjectName("contract-customer-filter")
        self.end_button = QPushButton("End C&ontract…")
        self.end_button.setToolTip("Set the contract's last day")
        self.skip_button = QPushButton("Skip &Period…")
        self.skip_button.setToolTip("Leave one of its coming periods unbilled, with a reason")
        self.bill_button = QPushButton("B&ill Recurring Charges…")
        self.bill_button.setToolTip(f"Preview and bill what is due ({BILL_SHORTCUT})")
        self.bill_action = QAction("&Bill Recurring Charges…", self)
        self.bill_action.setShortcut(QKeySequence(BILL_SHORTCUT))
        self.bill_action.setStatusTip("Preview and bill every contract period due through a date")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._lay_out()
        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.refresh)
        self.search.returnPressed.connect(self._search_now)
        self.customer_filter.activated.connect(lambda _row: self.refresh())
        self.customer_filter.editor.editingFinished.connect(self._customer_typed)
        self.end_button.clicked.connect(self.end_contract)
        self.skip_button.clicked.connect(self.skip_period)
        self.bill_button.clicked.connect(lambda _checked=False: self.bill_recurring())
        self.bill_action.triggered.connect(lambda _checked=False: self.bill_recurring())
        self._shown_customer = ""
        self.refresh()
        self._update_buttons()

    def _lay_out(self) -> None:
        self.buttons.insertWidget(3, self.end_button)
        self.buttons.insertWidget(4, self.skip_button)
        self.buttons.addWidget(self.bill_button)
        filters = QHBoxLayout()
        for text, field in (("&Search", self.search), ("&Customer", self.customer_filter)):
            label = QLabel(text)
            label.setBuddy(field)
            filters.addWidget(label)
            filters.addWidget(field, 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
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
            self.search,
            self.customer_filter,
            self.view,
            *self.form.fields_in_order(),
            self.new_button,
            self.save_button,
            self.delete_button,
            self.end_button,
            self.skip_button,
            self.bill_button,
        )
        self.setFocusProxy(self.search)  # where the page's shortcut puts the keyboard

    def menu_actions(self) -> list[QAction]:
        """What the main window lists under this page in its Go menu."""
        return [self.bill_action]

    # The list.
    def refresh(self) -> None:
        """Read the customers and the contracts again, as the filters narrow them."""
        self._search_timer.stop()
        loaded = attempt(self, "Contracts", self._load)
        if loaded is None:
            return
        customers, contracts = loaded
        self.customer_filter.set_customers(customers)
        self.form.set_customers(customers)
        self.model.set_rows(c for c in contracts if matches(c, self.search.text()))
        self.show_count()

    def _load(self) -> tuple[list[CustomerRecord], list[ContractRecord]]:
        self._shown_customer = self.customer_filter.number()
        with self.context.read() as session:
            customers = billing.list_customers(session)
            contracts = billing.list_contracts(session, self._shown_customer or None)
        return customers, contracts

    def _customer_typed(self) -> None:
        if self.customer_filter.number() != self._shown_customer:
            self.refresh()

    def _search_now(self) -> None:
        self.refresh()
        self.view.focus_first_row()

    # The form.
    def blank(self) -> None:
        # A new contract is for the customer the list shows, when it shows one.
        self.form.start_new(self.customer_filter.number())

    def store(self, session: Session, draft: ContractDraft) -> ContractRecord:
        if self.form.record is None:
            return billing.create_contract(session, draft)
        return billing.update_contract(session, self.form.record.id, draft)

    def remove(self, session: Session, record: ContractRecord) -> None:
        billing.delete_contract(session, record.id)

    def named(self, record: ContractRecord | None) -> str:
        return "The new contract" if record is None else f"Contract {record.number}"

    def delete_question(self, record: ContractRecord) -> str:
        return (
            f"Delete contract {record.number} {record.name} of {record.customer_name}? "
            "This cannot be undone."
        )

    def _update_buttons(self) -> None:
        super()._update_buttons()
        chosen = self.form.record is not None
        self.end_button.setEnabled(chosen)
        self.skip_button.setEnabled(chosen)

    # End Contract…, Skip Period…
    def end_contract(self) -> None:
        self._open_action(EndContractDialog)

    def skip_period(self) -> None:
        self._open_action(SkipPeriodDialog)

    def _open_action(self, kind: type[ContractActionDialog]) -> None:
        record = self.form.record
        if record is None or not self.may_leave_form():
            return
        self.form.revert()
        dialog = kind(self, self.context, record)
        dialog.accepted.connect(lambda: self._acted(dialog))
        self.action_dialog = dialog
        dialog.open()

    def _acted(self, dialog: ContractActionDialog) -> None:
        if dialog.changed is not None:
            self.open(dialog.changed)
            say(self, dialog.done_text())
        self.context.sig_data_changed.emit()

    # Bill Recurring Charges…
    def bill_recurring(self) -> BillRecurringDialog:
        """Show the Bill Recurring Charges dialog (the one already open, if any)."""
        dialog = self.bill_dialog
        if dialog is None:
            dialog = BillRecurringDialog(self, self.context)
            self.bill_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
