"""The Unbilled tab of Unbilled Work: the unbilled billable entries that pass the filters,
grouped by customer, ticked customer by customer and made into invoices (R15).

Create Invoices previews first, off the GUI thread, so its question names the invoices and the
total as they are in the database at that moment; the preview dialog's own button makes the
invoices it shows. Either way billing makes them all or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import (
    ZERO,
    FieldProblem,
    UnbilledCustomer,
    WorkInvoice,
    WorkInvoiceRequest,
    WorkQuery,
    WorkRecord,
    WorkSort,
)
from app.ui import layout_memory, messages
from app.ui.context import UiContext
from app.ui.operations import Operation, Progress, attempt, run_in_background
from app.ui.widgets.banner import Banner, BannerKind
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.display import amount_text, counted, date_text
from app.ui.widgets.field_errors import FieldErrors
from app.ui.widgets.record_table_model import RECORD_ROLE
from app.ui.widgets.status_line import say
from app.ui.work.invoice_preview_dialog import WorkInvoicePreviewDialog
from app.ui.work.unbilled_tree_model import UnbilledTreeModel

AnyIndex = QModelIndex | QPersistentModelIndex
AfterPreview = Callable[[WorkInvoiceRequest, list[WorkInvoice]], None]
CREATE_KEY = "invoice-work"  # one invoicing run at a time, app-wide
PREVIEW_KEY = "invoice-work-preview"
TITLE = "Create Invoices"
BUSY = "Invoices are being made from work. Wait for that run to finish before starting another."
NOTHING_SHOWN = "Nothing to invoice: no unbilled billable work passes these filters."
NONE_TICKED = "Tick the customers to invoice."
# The customers' column takes the room of their names, up to this share of the tree, so the
# figures beside it stay in sight on a small screen; a longer name is cut short with "…".
CUSTOMER_SHARE = 0.36
NARROWEST_CUSTOMER = 200


def made_text(invoices: Sequence[WorkInvoice]) -> str:
    """What a run made, for the status line: how many, their numbers, the total."""
    numbers = invoices[0].number or ""
    if len(invoices) > 1:
        numbers += f" to {invoices[-1].number}"
    amount = sum((i.amount for i in invoices), ZERO)
    tax = sum((i.tax for i in invoices), ZERO)
    return (
        f"Made {counted(len(invoices), 'invoice')} from work, {numbers}, dated "
        f"{date_text(invoices[0].invoice_date)}: {amount_text(amount + tax)} "
        f"({amount_text(amount)} + tax {amount_text(tax)})."
    )


def create_question(request: WorkInvoiceRequest, invoices: Sequence[WorkInvoice]) -> str:
    amount = sum((i.amount for i in invoices), ZERO)
    tax = sum((i.tax for i in invoices), ZERO)
    entries = sum(len(i.lines) for i in invoices)
    return (
        f"Create {counted(len(invoices), 'invoice')} dated {date_text(request.invoice_date)} "
        f"for a total of {amount_text(amount + tax)} ({amount_text(amount)} + tax "
        f"{amount_text(tax)}), from {counted(entries, 'work entry', 'work entries')}? An "
        "invoice in no batch yet can still be deleted, which returns its work to unbilled."
    )


class RowHeight(QStyledItemDelegate):
    """Rows as tall as the tables' rows on the other forms."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 8))


class UnbilledTree(QTreeView):
    """Space ticks or unticks the customer of the current row; Enter or a double-click on an
    entry emits `sig_entry_chosen` with it."""

    sig_entry_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_height = RowHeight(self)
        self.setItemDelegate(self.row_height)

    def fit_customer_column(self) -> None:
        header = self.header()
        wanted = max(self.sizeHintForColumn(0), header.sectionSizeHint(0))
        room = max(NARROWEST_CUSTOMER, int(self.viewport().width() * CUSTOMER_SHARE))
        header.resizeSection(0, min(wanted, room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_customer_column()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        model = self.model()
        if event.key() == Qt.Key.Key_Space and isinstance(model, UnbilledTreeModel):
            group = index.data(RECORD_ROLE) if index.isValid() else None
            if isinstance(group, UnbilledCustomer):
                ticked = group.customer_number in model.ticked_numbers()
                model.set_ticked(group.customer_number, not ticked)
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.choose_current():
            return
        super().keyPressEvent(event)

    def choose_current(self) -> bool:
        """Emit the current row's entry, if it is an entry; whether it was one."""
        record = self.currentIndex().data(RECORD_ROLE)
        if isinstance(record, WorkRecord):
            self.sig_entry_chosen.emit(record)
            return True
        return False


class UnbilledTab(QWidget):
    sig_created = Signal(object)  # the invoices made (list[WorkInvoice])
    sig_preview_shown = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.query = WorkQuery(unbilled_only=True)
        self.preview_dialog: WorkInvoicePreviewDialog | None = None
        self.operation: Operation[list[WorkInvoice]] | None = None
        self.model = UnbilledTreeModel(self._entries)
        self.tree = UnbilledTree()
        self.tree.setModel(self.model)
        self.tick_all_button = QPushButton("Tick &all")
        self.untick_all_button = QPushButton("U&ntick all")
        self.ticked_label = QLabel()
        self.ticked_label.setObjectName("unbilled-ticked")
        self.ticked_label.setWordWrap(True)  # a narrow page wraps it rather than widening
        self.invoice_date = DateEdit()
        self.errors = FieldErrors()
        self.preview_button = QPushButton("&Preview…")
        self.create_button = QPushButton("&Create Invoices…")
        self.reason_label = QLabel()
        self.reason_label.setObjectName("unbilled-reason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: palette(placeholder-text);")
        self.banner = Banner()
        self.banner.setObjectName("unbilled-banner")
        self._set_up_tree()
        self._lay_out()
        self.tick_all_button.clicked.connect(lambda: self.model.set_all_ticked(True))
        self.untick_all_button.clicked.connect(lambda: self.model.set_all_ticked(False))
        self.model.sig_ticks_changed.connect(self._ticks_changed)
        self.model.modelReset.connect(self._ticks_changed)
        self.preview_button.clicked.connect(self.preview)
        self.create_button.clicked.connect(self.create_invoices)
        self._ticks_changed()

    def _set_up_tree(self) -> None:
        tree = self.tree
        tree.setObjectName("unbilled-tree")
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setExpandsOnDoubleClick(True)
        tree.doubleClicked.connect(lambda _index: tree.choose_current())
        header = tree.header()
        header.setStretchLastSection(True)
        metrics = tree.fontMetrics()
        widths = {
            UnbilledTreeModel.COL_ENTRIES: metrics.horizontalAdvance("Entries") + 20,
            UnbilledTreeModel.COL_SERVICE_TYPE: metrics.horizontalAdvance("Service type") + 16,
            UnbilledTreeModel.COL_WORKER: metrics.horizontalAdvance("Maria Gonzalez") + 16,
            UnbilledTreeModel.COL_QUANTITY: metrics.horizontalAdvance("Quantity") + 16,
            UnbilledTreeModel.COL_RATE: metrics.horizontalAdvance("0,000.00") + 16,
            UnbilledTreeModel.COL_AMOUNT: metrics.horizontalAdvance("000,000.00") + 16,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout_memory.remember_columns(header, "unbilled-work")

    def _lay_out(self) -> None:
        ticks = QHBoxLayout()
        ticks.addWidget(self.tick_all_button)
        ticks.addWidget(self.untick_all_button)
        ticks.addWidget(self.ticked_label, 1)
        run = QHBoxLayout()
        caption = QLabel("Invoice dat&e")
        caption.setBuddy(self.invoice_date)
        run.addWidget(caption)
        run.addWidget(self.errors.attach("invoice_date", self.invoice_date))
        run.addWidget(self.preview_button)
        run.addWidget(self.create_button)
        run.addWidget(self.reason_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(ticks)
        layout.addWidget(self.tree, 1)
        layout.addLayout(run)
        layout.addWidget(self.banner)
        self.invoice_date.setMaximumWidth(self.invoice_date.minimumSizeHint().width() + 24)

    # The groups.
    def load(self, query: WorkQuery) -> None:
        """Show the unbilled billable work that passes `query`, grouped by customer; the ticks
        of customers still shown stay."""
        query = replace(query, unbilled_only=True)

        def read() -> list[UnbilledCustomer]:
            with self.context.read() as session:
                return billing.unbilled_by_customer(session, query)

        groups = attempt(self, "Unbilled Work", read)
        self.query = query
        self.model.set_groups(groups or [])
        self.tree.fit_customer_column()

    def reload(self) -> None:
        self.load(self.query)

    def _entries(self, group: UnbilledCustomer, offset: int, limit: int) -> list[WorkRecord]:
        query = replace(self.query, customer_numbers=(group.customer_number,), sort=WorkSort.DATE)
        with self.context.read() as session:
            return billing.list_work(session, query, offset, limit)

    def expand_customer(self, customer_number: str) -> None:
        row = self.model.row_of(customer_number)
        if row is not None:
            self.tree.expand(self.model.index(row, 0))

    # Ticks and the buttons' reasons.
    def _ticks_changed(self) -> None:
        groups = self.model.groups()
        entries, amount = self.model.ticked_total()
        if groups:
            self.ticked_label.setText(
                f"Ticked {len(self.model.ticked_numbers())} of "
                f"{counted(len(groups), 'customer')}: "
                f"{counted(entries, 'entry', 'entries')}, {amount_text(amount)} before tax"
            )
        else:
            self.ticked_label.setText("")
        self.tick_all_button.setEnabled(bool(groups))
        self.untick_all_button.setEnabled(bool(self.model.ticked_numbers()))
        self.update_buttons()

    def why_not(self) -> str:
        """Why Preview and Create Invoices cannot run now; "" when they can."""
        if Operation.is_running(CREATE_KEY):
            return BUSY
        if not self.model.groups():
            return NOTHING_SHOWN
        if not self.model.ticked_numbers():
            return NONE_TICKED
        return ""

    def update_buttons(self) -> None:
        reason = self.why_not()
        for button, tip in (
            (self.preview_button, "Show the invoices the ticked customers would get"),
            (self.create_button, "Make one invoice per ticked customer"),
        ):
            button.setEnabled(not reason)
            button.setToolTip(reason or tip)
        self.reason_label.setText(reason)

    # Preview and create.
    def request(self) -> WorkInvoiceRequest | None:
        """The run for the ticked customers of the work shown; None when the invoice date is
        not a date, which its field then says."""
        try:
            invoice_date: dt.date = self.invoice_date.value()
        except ValueError as reason:
            self.errors.show([FieldProblem("invoice_date", str(reason))])
            return None
        self.errors.clear()
        filters = replace(self.query, customer_numbers=self.model.ticked_numbers())
        return WorkInvoiceRequest(invoice_date=invoice_date, filters=filters)

    def _start_preview(
        self, request: WorkInvoiceRequest, then: AfterPreview
    ) -> Operation[list[WorkInvoice]] | None:
        def work(progress: Progress) -> list[WorkInvoice]:
            progress(0, 0, "Working out the invoices…")
            with self.context.read() as session:
                return billing.preview_work_invoices(session, request)

        def shown(invoices: list[WorkInvoice]) -> None:
            if not invoices:
                messages.show_info(self, TITLE, str(billing.nothing_to_invoice(request)))
                self.reload()
                return
            then(request, invoices)

        operation = run_in_background(self, "Preview of the Invoices", work, shown, key=PREVIEW_KEY)
        if operation is None:
            messages.show_info(self, TITLE, "The invoices are being worked out already.")
        return operation

    def preview(self) -> None:
        """Show every invoice the run would make; the dialog's button makes them."""
        request = self.request() if not self.why_not() else None
        if request is not None:
            self._start_preview(request, self._show_preview)

    def _show_preview(self, request: WorkInvoiceRequest, invoices: list[WorkInvoice]) -> None:
        dialog = WorkInvoicePreviewDialog(self, request, invoices)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._create(request))
        self.preview_dialog = dialog
        dialog.open()
        self.sig_preview_shown.emit()

    def create_invoices(self) -> None:
        """Ask, naming the invoices and their total, then make them in the background."""
        if Operation.is_running(CREATE_KEY):
            messages.show_info(self, TITLE, BUSY)
            return
        request = self.request() if not self.why_not() else None
        if request is not None:
            self._start_preview(request, self._confirm)

    def _confirm(self, request: WorkInvoiceRequest, invoices: list[WorkInvoice]) -> None:
        question = create_question(request, invoices)
        if messages.confirm(self, TITLE, question, "Create Invoices"):
            self._create(request)

    def _create(self, request: WorkInvoiceRequest) -> None:
        def work(progress: Progress) -> list[WorkInvoice]:
            progress(0, 0, "Making the invoices…")
            with self.context.transaction() as session:
                return billing.invoice_work(session, request, progress)

        operation = run_in_background(
            self, TITLE, work, self._created, key=CREATE_KEY, on_failure=self._not_created
        )
        if operation is None:
            messages.show_info(self, TITLE, BUSY)
            return
        self.operation = operation
        operation.sig_finished.connect(self.update_buttons)
        self.banner.clear_message()
        self.update_buttons()

    def _created(self, invoices: list[WorkInvoice]) -> None:
        text = made_text(invoices)
        self.banner.show_message(text, BannerKind.INFO)
        say(self, text)
        self.reload()
        self.sig_created.emit(invoices)

    def _not_created(self, _error: BaseException) -> None:
        # The error itself is shown once, by the operation; what is left to invoice may have
        # changed (another clerk's run), so show it as it is now.
        self.reload()
