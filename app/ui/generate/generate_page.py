"""Generate Invoice Batch: Preview shows what a run would make and who it leaves out, and
Process makes the batch off the GUI thread, one run at a time, then opens its details.

A batch cannot be taken back once others rely on it, so Process makes only what the clerk has
seen: without a preview of exactly the fields on screen, it shows that preview first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import BatchRecord, BillingError, CustomerRecord, GenerationPreview
from app.ui import messages
from app.ui.batch_details.statement_table_model import CustomerStatementTableModel
from app.ui.context import UiContext
from app.ui.generate.generation_form import GenerationForm
from app.ui.generate.left_out_table_model import LeftOutTableModel, expected_first
from app.ui.operations import Operation, Progress, attempt, run_in_background
from app.ui.widgets.banner import Banner, BannerKind
from app.ui.widgets.captioned import captioned
from app.ui.widgets.data_changes import DataChangeFollower
from app.ui.widgets.display import amount_text, counted, date_text
from app.ui.widgets.record_table_view import RecordTableView

GENERATE_KEY = "generate"  # one generation run at a time, app-wide
PREVIEW_KEY = "generate-preview"
TITLE = "Generate Invoice Batch"
BUSY = "An invoice batch is being generated. Wait for that run to finish before starting another."
STALE = "The fields changed since this preview. Press Preview again to see what a run would make."
PREVIEW_FIRST = (
    "Nothing was made yet: this is what Process would make with these fields. Check it, then "
    "press Process again to make the batch."
)


def preview_summary(preview: GenerationPreview) -> str:
    request = preview.request
    return (
        f"A run with close date {date_text(request.close_date)} would make one invoice batch of "
        f"{counted(preview.transaction_count, 'transaction')} for "
        f"{counted(len(preview.customers), 'customer')}; invoice amount "
        f"{amount_text(preview.totals.invoice_amount)}. Nothing has been saved yet."
    )


class GenerateInvoiceBatchPage(QWidget):
    sig_preview_shown = Signal()
    sig_generated = Signal(int)  # the new batch's number

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.operation: Operation[BatchRecord] | None = None
        self.preview_operation: Operation[GenerationPreview] | None = None
        self.preview: GenerationPreview | None = None
        self.process_asked = False  # Process was pressed and waits for its preview to be seen
        self.form = GenerationForm()
        self.preview_button = QPushButton("&Preview")
        self.process_button = QPushButton("Proce&ss")
        self.banner = Banner()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.hide()
        self.customers_model = CustomerStatementTableModel(self)
        self.customers_table = RecordTableView(self.customers_model, "generate-customers")
        self.left_out_model = LeftOutTableModel(self)
        self.left_out_table = RecordTableView(self.left_out_model, "generate-left-out")
        self.left_out_caption = QLabel("Customers left out, and why")
        self.data_changes = DataChangeFollower(self, context, self.refresh)
        self._lay_out()
        self.form.sig_changed.connect(self._fields_changed)
        self.preview_button.clicked.connect(self.start_preview)
        self.process_button.clicked.connect(self.process)
        self._update_buttons()

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.process_button)
        actions.addStretch(1)
        self.tables = QSplitter(Qt.Orientation.Vertical)
        self.customers_box = captioned(QLabel("Customers in the batch"), self.customers_table)
        self.tables.addWidget(self.customers_box)
        self.tables.addWidget(captioned(self.left_out_caption, self.left_out_table))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Generate Invoice Batch</h2>"))
        layout.addWidget(self.form)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tables, 1)

    def refresh(self) -> None:
        """Reload the customer lists of the range fields."""
        customers = attempt(self, TITLE, self._customers)
        if customers is not None:
            self.form.set_customers(customers)
        self._update_buttons()

    def _customers(self) -> list[CustomerRecord]:
        with self.context.read() as session:
            return billing.list_customers(session)

    def _update_buttons(self) -> None:
        self.process_button.setEnabled(not Operation.is_running(GENERATE_KEY))
        self.preview_button.setEnabled(not Operation.is_running(PREVIEW_KEY))

    def _fields_changed(self) -> None:
        if self.preview is not None:
            self.banner.show_message(STALE, BannerKind.INFO)

    def start_preview(self) -> None:
        request = self.form.request()
        if request is None:
            return

        def work(progress: Progress) -> GenerationPreview:
            progress(0, 0, f"Previewing the run for {date_text(request.close_date)}…")
            with self.context.transaction() as session:
                return billing.preview_generation(session, request)

        operation = run_in_background(
            self, "Preview Invoice Batch", work, self._show_preview, key=PREVIEW_KEY
        )
        if operation is not None:
            self.preview_operation = operation
            operation.sig_finished.connect(self._update_buttons)
        self._update_buttons()

    def _show_preview(self, preview: GenerationPreview) -> None:
        self.preview = preview
        self.customers_model.set_statements(preview.customers, preview.totals, preview.aging)
        self.left_out_model.set_rows(expected_first(preview.left_out))
        self.left_out_caption.setText(
            f"Customers left out, and why ({counted(len(preview.left_out), 'customer')})"
        )
        self._share_height(len(preview.customers) + 1)
        if preview.refusal:
            self.banner.show_message(preview.refusal, BannerKind.WARNING)
            self._summarise("")
        else:
            if self.process_asked:
                self.banner.show_message(PREVIEW_FIRST, BannerKind.INFO)
            else:
                self.banner.clear_message()
            self._summarise(preview_summary(preview))
        self.process_asked = False
        self.sig_preview_shown.emit()

    def _summarise(self, text: str) -> None:
        self.summary_label.setText(text)
        self.summary_label.setVisible(bool(text))

    def _share_height(self, included_rows: int) -> None:
        """The customers the run makes come first: room for all their rows and the total, if
        two thirds of the height hold them; the left-out ones keep at least a third."""
        total = sum(self.tables.sizes()) or 1
        view = self.customers_table
        chrome = self.customers_box.height() - view.height()  # the caption above the table
        # A row to spare: header and rows may end up a few pixels taller once drawn.
        needed = (
            chrome
            + view.horizontalHeader().sizeHint().height()
            + (included_rows + 1)
            * (view.rowHeight(0) or view.verticalHeader().defaultSectionSize())
            + view.horizontalScrollBar().sizeHint().height()
            + 2 * view.frameWidth()
            + self.tables.handleWidth()
        )
        first = min(max(needed, total // 3), total * 2 // 3)
        self.tables.setSizes([first, total - first])

    def process(self) -> None:
        """Make the batch previewed on screen, in the background; without a current preview of
        these fields, show one first. Refused while another run is going."""
        if Operation.is_running(GENERATE_KEY):
            messages.show_info(self, TITLE, BUSY)
            return
        request = self.form.request()
        if request is None:
            return
        if self.preview is None or self.preview.request != request:
            self.process_asked = True
            self.start_preview()
            return

        def work(progress: Progress) -> BatchRecord:
            progress(0, 0, f"Generating the invoice batch for {date_text(request.close_date)}…")
            with self.context.transaction() as session:
                return billing.generate_batch(session, request)

        operation = run_in_background(
            self, TITLE, work, self._generated, key=GENERATE_KEY, on_failure=self._not_generated
        )
        if operation is not None:  # not running: checked above, on this same thread
            self.operation = operation
            operation.sig_finished.connect(self._update_buttons)
        self._update_buttons()

    def _generated(self, batch: BatchRecord) -> None:
        self.preview = None
        self.form.clear_after_run()
        self.customers_model.set_rows([])
        self.left_out_model.set_rows([])
        self._summarise("")
        self.banner.show_message(
            f"Invoice batch {batch.number} was created for {date_text(batch.close_date)}: "
            f"{counted(batch.transaction_count, 'transaction')} of "
            f"{counted(batch.customer_count, 'customer')}, invoice amount "
            f"{amount_text(batch.totals.invoice_amount)}.",
            BannerKind.INFO,
        )
        self.data_changes.announce()
        self.sig_generated.emit(batch.number)
        self.context.sig_open_batch.emit(batch.number)

    def _not_generated(self, error: BaseException) -> None:
        if isinstance(error, BillingError):
            self.banner.show_message(str(error), BannerKind.WARNING)
