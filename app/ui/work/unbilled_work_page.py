"""The Unbilled Work page (R15): one filter bar over two tabs. *Unbilled* groups the unbilled
billable work by customer and makes the ticked customers' invoices; *Work Entries* lists all
work, billed or not, with the form to type and correct it.

One page rather than two: the clerk types the work and invoices it in one sitting, and the same
filters (a month, a worker, a customer) narrow both what is typed and what is invoiced."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from app import billing
from app.billing import CustomerRecord, ServiceTypeRecord, WorkQuery, WorkRecord
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.widgets.data_changes import DataChangeFollower
from app.ui.widgets.tab_order import chain_tab_order
from app.ui.work.service_types_dialog import ServiceTypesDialog
from app.ui.work.unbilled_tab import UnbilledTab
from app.ui.work.work_entries_tab import WorkEntriesTab
from app.ui.work.work_filters import WorkFilters


class UnbilledWorkPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.service_types_dialog: ServiceTypesDialog | None = None
        self.query = WorkQuery()  # the filters as last applied
        self.filters = WorkFilters()
        self.unbilled = UnbilledTab(context)
        self.entries = WorkEntriesTab(context)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.unbilled, "Un&billed")
        self.tabs.addTab(self.entries, "Work Entr&ies")
        self.service_types_button = QPushButton("Service T&ypes…")
        self.service_types_button.setToolTip("The kinds of work, with their rates and taxes")
        self.tabs.setCornerWidget(self.service_types_button)
        self.data_changes = DataChangeFollower(self, context, self._follow_changes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs, 1)
        chain_tab_order(
            self.filters.tag,
            self.tabs.tabBar(),
            self.service_types_button,
            self.unbilled.tick_all_button,
            self.unbilled.untick_all_button,
            self.unbilled.tree,
            self.unbilled.invoice_date,
            self.unbilled.preview_button,
            self.unbilled.create_button,
        )
        chain_tab_order(self.service_types_button, *self.entries.tab_stops())
        self.setFocusProxy(self.filters.date_from)  # where Ctrl+7 puts the keyboard
        self.filters.sig_changed.connect(self.apply_filters)
        self.service_types_button.clicked.connect(self.edit_service_types)
        self.unbilled.sig_created.connect(lambda _invoices: self.data_changes.announce())
        self.unbilled.tree.sig_entry_chosen.connect(self.open_entry)
        self._load_choices()
        self.apply_filters()

    def refresh(self) -> None:
        """Read the choices and both tabs again (another page or clerk may have changed them)."""
        self._load_choices()
        self.apply_filters()

    def _follow_changes(self) -> None:
        # The Work Entries tab follows changes by itself (a list-and-form page does).
        self._load_choices()
        self.unbilled.reload()

    def _load_choices(self) -> None:
        def read() -> tuple[list[CustomerRecord], list[ServiceTypeRecord]]:
            with self.context.read() as session:
                return billing.list_customers(session), billing.list_service_types(session)

        choices = attempt(self, "Unbilled Work", read)
        if choices is None:
            return
        customers, service_types = choices
        self.filters.set_choices(customers, service_types)
        self.entries.form.set_customers(customers)
        self.entries.form.set_service_types(service_types)

    def apply_filters(self) -> None:
        self.query = self.filters.apply_to(self.query)
        self.unbilled.load(self.query)
        self.entries.set_filters(self.query)

    def open_entry(self, record: WorkRecord) -> None:
        """An entry chosen in the Unbilled tree opens in the work-entry form."""
        self.tabs.setCurrentWidget(self.entries)
        self.entries.open_entry(record)
        self.entries.form.first_field().setFocus()

    def edit_service_types(self) -> None:
        dialog = ServiceTypesDialog(self, self.context)
        # Gone once closed: its list would otherwise go on reading at every change.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.service_types_dialog = dialog
        dialog.open()
