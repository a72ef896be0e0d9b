"""Bill Recurring Charges (R16): a date to bill through, one invoice per customer or per
contract; Preview shows every invoice with its lines, the part-period credits and the contracts
not ready with billing's reasons; Bill asks, naming the invoices, credits and total as they are
in the database at that moment, then bills off the GUI thread, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import (
    ZERO,
    BillingError,
    ContractRecord,
    FieldProblem,
    PartPeriodCredit,
    RecurringInvoice,
    RecurringRequest,
    RecurringRun,
)
from app.ui import messages
from app.ui.context import UiContext
from app.ui.contracts.recurring_preview_models import (
    MoneyTableModel,
    NotReadyTableModel,
    credit_rows,
    invoice_rows,
    not_ready_rows,
)
from app.ui.operations import Operation, Progress, run_in_background
from app.ui.widgets.banner import Banner, BannerKind
from app.ui.widgets.captioned import captioned
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.display import amount_text, counted, date_text
from app.ui.widgets.field_errors import FieldErrors
from app.ui.widgets.record_table_view import RecordTableView
from app.ui.widgets.status_line import say

TITLE = "Bill Recurring Charges"
BILL_KEY = "bill-recurring"  # one billing run at a time, app-wide
PREVIEW_KEY = "bill-recurring-preview"
BUSY = "Recurring charges are being billed. Wait for that run to finish before starting another."
# Room for the invoices' descriptions beside the customers' names, when the screen has it.
LARGEST = QSize(1120, 700)
FRAME_ALLOWANCE = QSize(16, 48)  # the frame and title bar lie outside a dialog's size
STALE = "The fields changed since this preview. Press Preview again to see what Bill would make."


@dataclass(frozen=True)
class RecurringPreview:
    """What a run would bill, with the contracts it names (for their customers and names)."""

    request: RecurringRequest
    run: RecurringRun
    contracts: dict[str, ContractRecord]


def _sums(documents: Sequence[RecurringInvoice | PartPeriodCredit]) -> str:
    amount = sum((d.amount for d in documents), ZERO)
    tax = sum((d.tax for d in documents), ZERO)
    return f"{amount_text(amount + tax)} ({amount_text(amount)} + tax {amount_text(tax)})"


def _numbers(documents: Sequence[RecurringInvoice | PartPeriodCredit]) -> str:
    numbers = [d.number or "" for d in documents]
    return ", ".join(numbers) if len(numbers) <= 3 else f"{numbers[0]} to {numbers[-1]}"


def nothing_due(through: dt.date) -> str:
    return (
        f"Nothing is due through {date_text(through)}: no contract has a period to bill or a "
        "part of a period to credit. No invoice or credit memo was made."
    )


def made_in_words(run: RecurringRun) -> str:
    """The invoices and credits a run makes, counted, with their totals."""
    periods = sum(len(invoice.lines) for invoice in run.invoices)
    parts = [
        f"{counted(len(run.invoices), 'invoice')} of "
        f"{counted(periods, 'period')} for {_sums(run.invoices)}"
    ]
    if run.credits:
        parts.append(
            f"{counted(len(run.credits), 'part-period credit memo')} for {_sums(run.credits)}"
        )
    return " and ".join(parts)


def preview_summary(preview: RecurringPreview) -> str:
    run = preview.run
    waiting = f" {counted(len(run.not_ready), 'contract')} not ready." if run.not_ready else ""
    if run.empty:
        return f"Nothing is due through {date_text(run.through)}.{waiting}"
    return (
        f"Bill would make {made_in_words(run)}, dated {date_text(run.through)}.{waiting} "
        "Nothing has been billed yet."
    )


def bill_question(run: RecurringRun) -> str:
    return (
        f"Bill recurring charges through {date_text(run.through)}: {made_in_words(run)}? "
        "Each goes into its customer's next invoice batch."
    )


def billed_text(run: RecurringRun) -> str:
    """What a run made, by number, for the banner and the status line."""
    parts = [f"{counted(len(run.invoices), 'invoice')} {_numbers(run.invoices)}, "
             f"{_sums(run.invoices)}"] if run.invoices else []  # fmt: skip
    if run.credits:
        parts.append(
            f"{counted(len(run.credits), 'part-period credit memo')} {_numbers(run.credits)}, "
            f"{_sums(run.credits)}"
        )
    return f"Billed recurring charges through {date_text(run.through)}: {'; '.join(parts)}."


def dialog_size(available: QSize) -> QSize:
    """As large as LARGEST, but never past the screen's free area, frame included."""
    return LARGEST.boundedTo(available - FRAME_ALLOWANCE)


def _needed(box: QWidget, table: RecordTableView) -> int:
    """The height of a captioned table that shows all its rows, and one to spare."""
    caption = box.height() - table.height()
    rows = table.model().rowCount() + 1
    return (
        caption
        + table.horizontalHeader().sizeHint().height()
        + rows * table.verticalHeader().defaultSectionSize()
        + table.horizontalScrollBar().sizeHint().height()
        + 2 * table.frameWidth()
    )


class BillRecurringDialog(QDialog):
    sig_preview_shown = Signal()
    sig_billed = Signal(object)  # the RecurringRun made (empty when nothing was due)

    def __init__(self, parent: QWidget | None, context: UiContext) -> None:
        super().__init__(parent)
        self.context = context
        self.preview: RecurringPreview | None = None
        self.operation: Operation[RecurringRun] | None = None
        self.preview_operation: Operation[RecurringPreview] | None = None
        self.setWindowTitle(TITLE)
        self.errors = FieldErrors()
        self.through = DateEdit()
        self.through.setObjectName("bill-through")
        self.through.setToolTip("Bill what is due on or before this day; the invoices are dated it")
        self.per_contract = QCheckBox("One invoice per &contract")
        self.per_contract.setToolTip("Unticked: one invoice per customer, with a line per period")
        self.preview_button = QPushButton("&Preview")
        self.bill_button = QPushButton("&Bill…")
        self.banner = Banner()
        self.banner.setObjectName("bill-banner")
        self.summary = QLabel()
        self.summary.setObjectName("bill-summary")
        self.summary.setWordWrap(True)
        self.invoices_model = MoneyTableModel(self)
        self.invoices_table = RecordTableView(self.invoices_model, "recurring-invoices")
        self.credits_model = MoneyTableModel(self)
        self.credits_table = RecordTableView(self.credits_model, "recurring-credits")
        self.credits_table.hideColumn(MoneyTableModel.COL_DUE)  # a credit memo is not due
        self.not_ready_model = NotReadyTableModel(self)
        self.not_ready_table = RecordTableView(self.not_ready_model, "recurring-not-ready")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.through.dateChanged.connect(self._fields_changed)
        self.per_contract.toggled.connect(self._fields_changed)
        self.preview_button.clicked.connect(lambda _checked=False: self.start_preview())
        self.bill_button.clicked.connect(self.bill)
        self.update_buttons()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        self.resize(dialog_size(screen.availableGeometry().size()))

    def _lay_out(self) -> None:
        fields = QHBoxLayout()
        caption = QLabel("&Through")
        caption.setBuddy(self.through)
        fields.addWidget(caption)
        fields.addWidget(self.errors.attach("through", self.through))
        fields.addWidget(self.per_contract)
        fields.addWidget(self.preview_button)
        fields.addWidget(self.bill_button)
        fields.addStretch(1)
        self.through.setMaximumWidth(self.through.minimumSizeHint().width() + 24)
        # Enter in the date previews; billing is a choice of its own, and Close is Esc.
        self.bill_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.preview_button.setDefault(True)
        self.tables = QSplitter(Qt.Orientation.Vertical)
        self.table_boxes: list[QWidget] = []
        self.credits_caption = QLabel("Part-period credits")
        self.not_ready_caption = QLabel("Not ready")
        for caption_label, table in (
            (QLabel("Invoices, with a line per period"), self.invoices_table),
            (self.credits_caption, self.credits_table),
            (self.not_ready_caption, self.not_ready_table),
        ):
            box = captioned(caption_label, table)
            self.table_boxes.append(box)
            self.tables.addWidget(box)
        for index, stretch in enumerate((3, 1, 2)):
            self.tables.setStretchFactor(index, stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.tables, 1)
        layout.addWidget(self.buttons)

    def request(self) -> RecurringRequest | None:
        """The run the fields ask for; None when the date is not one, which its field says."""
        try:
            through = self.through.value()
        except ValueError as reason:
            self.errors.show([FieldProblem("through", str(reason))])
            return None
        self.errors.clear()
        return RecurringRequest(through, per_contract=self.per_contract.isChecked())

    def update_buttons(self) -> None:
        billing_now = Operation.is_running(BILL_KEY)
        self.bill_button.setEnabled(not billing_now)
        self.bill_button.setToolTip(BUSY if billing_now else "Ask, then bill what is due")
        self.preview_button.setEnabled(not Operation.is_running(PREVIEW_KEY))

    def _fields_changed(self) -> None:
        if self.preview is not None:
            self.banner.show_message(STALE, BannerKind.INFO)

    # The preview.
    def start_preview(self, then: Callable[[RecurringPreview], None] | None = None) -> None:
        """Work out what a run would make, off the GUI thread; show it, then call `then`."""
        request = self.request()
        if request is None:
            return

        def work(progress: Progress) -> RecurringPreview:
            progress(0, 0, f"Working out what is due through {date_text(request.through)}…")
            with self.context.read() as session:
                run = billing.plan_recurring(session, request)
                contracts = {c.number: c for c in billing.list_contracts(session)}
            return RecurringPreview(request, run, contracts)

        def shown(preview: RecurringPreview) -> None:
            self.show_preview(preview)
            if then is not None:
                then(preview)

        operation = run_in_background(
            self, "Preview of Recurring Charges", work, shown, key=PREVIEW_KEY
        )
        if operation is None:
            messages.show_info(self, TITLE, "The preview is being worked out already.")
            return
        self.preview_operation = operation
        operation.sig_finished.connect(self.update_buttons)
        self.update_buttons()

    def show_preview(self, preview: RecurringPreview) -> None:
        self.preview = preview
        run = preview.run
        self.invoices_model.set_rows(invoice_rows(run.invoices))
        self.credits_model.set_rows(credit_rows(run.credits, preview.contracts))
        self.not_ready_model.set_rows(not_ready_rows(run.not_ready, preview.contracts))
        self.credits_caption.setText(
            f"Part-period credits ({counted(len(run.credits), 'credit memo')})"
        )
        self.not_ready_caption.setText(
            f"Not ready, and why ({counted(len(run.not_ready), 'contract')})"
        )
        self.summary.setText(preview_summary(preview))
        self.banner.clear_message()
        self._share_height()
        self.sig_preview_shown.emit()

    def _share_height(self) -> None:
        """Each table as tall as its rows, the invoices taking what is left; when the room is
        short, each a share of it as large as its need."""
        tables = (self.invoices_table, self.credits_table, self.not_ready_table)
        needs = [_needed(box, table) for box, table in zip(self.table_boxes, tables, strict=True)]
        room = sum(self.tables.sizes())
        if room <= 0:  # not laid out yet
            return
        spare = room - sum(needs)
        if spare >= 0:
            self.tables.setSizes([needs[0] + spare, *needs[1:]])
        else:
            self.tables.setSizes([room * need // sum(needs) for need in needs])

    def clear_preview(self) -> None:
        self.preview = None
        for model in (self.invoices_model, self.credits_model, self.not_ready_model):
            model.set_rows([])
        self.summary.setText("")

    # Billing.
    def bill(self) -> None:
        """Preview what is due now, ask, naming it, then bill it in the background."""
        if Operation.is_running(BILL_KEY):
            messages.show_info(self, TITLE, BUSY)
            return
        self.start_preview(self._confirm)

    def _confirm(self, preview: RecurringPreview) -> None:
        if preview.run.empty:
            messages.show_info(self, TITLE, nothing_due(preview.request.through))
            return
        if messages.confirm(self, TITLE, bill_question(preview.run), "Bill"):
            self._bill(preview.request)

    def _bill(self, request: RecurringRequest) -> None:
        def work(progress: Progress) -> RecurringRun:
            progress(0, 0, f"Billing recurring charges through {date_text(request.through)}…")
            with self.context.transaction() as session:
                return billing.bill_recurring(session, request, progress)

        operation = run_in_background(
            self, TITLE, work, self._billed, key=BILL_KEY, on_failure=self._not_billed
        )
        if operation is None:
            messages.show_info(self, TITLE, BUSY)
            return
        self.operation = operation
        operation.sig_finished.connect(self.update_buttons)
        self.update_buttons()

    def _billed(self, run: RecurringRun) -> None:
        # Another clerk may have billed the same periods between the question and the run.
        text = nothing_due(run.through) if run.empty else billed_text(run)
        self.clear_preview()
        self.banner.show_message(text, BannerKind.INFO)
        say(self.parentWidget() or self, text)
        self.context.sig_data_changed.emit()
        self.sig_billed.emit(run)

    def _not_billed(self, error: BaseException) -> None:
        # The operation shows the error once; the preview on screen may be out of date now.
        self.clear_preview()
        if isinstance(error, BillingError):
            self.banner.show_message(str(error), BannerKind.WARNING)
