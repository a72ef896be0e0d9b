"""Export… on the pages that show batches (R18): the format, then the file, then the export
job off the GUI thread. Exporting locks the batch (R12), and exporting again in a format asks
first, naming when the batch was last exported in it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.jobs.exporting import ExportedFiles, export_batch, exported_before
from app.models import ExportFormat
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import Progress, attempt, run_in_background
from app.ui.widgets.status_line import say

TITLE = "Export Invoice Batch"
EXPORT_WORK = "export"  # the Operation key: one export at a time
# (label, file filter, extension) of each format, in the order the dialog offers them
FORMATS: dict[ExportFormat, tuple[str, str, str]] = {
    ExportFormat.IIF: ("QuickBooks Desktop (IIF)", "IIF files (*.iif)", "iif"),
    ExportFormat.QBO: ("QuickBooks Online (invoice import CSV)", "CSV files (*.csv)", "csv"),
    ExportFormat.XERO: ("Xero (sales invoice import CSV)", "CSV files (*.csv)", "csv"),
    ExportFormat.CSV: ("Plain CSV (one row per line)", "CSV files (*.csv)", "csv"),
}


class ExportFormatDialog(QDialog):
    """Which format to export a batch in."""

    def __init__(self, parent: QWidget | None, number: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.format_box = QComboBox()
        for format, (label, _filter, _ext) in FORMATS.items():
            self.format_box.addItem(label, format.value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(QLabel(f"Export invoice batch {number} for the accounting package."))
        layout.addRow("&Format:", self.format_box)
        layout.addRow(buttons)

    def chosen(self) -> ExportFormat:
        return ExportFormat(self.format_box.currentData())


def ask_format(parent: QWidget | None, number: int) -> ExportFormat | None:
    """The format the clerk chose; None when cancelled."""
    dialog = ExportFormatDialog(parent, number)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ExportActions(QObject):
    """Export… for whichever batch `batch_number()` names when it is triggered."""

    sig_exported = Signal(object)  # ExportedFiles, once written and recorded

    def __init__(
        self, parent: QWidget, context: UiContext, batch_number: Callable[[], int | None]
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.batch_number = batch_number

    def export(self) -> None:
        parent = self.parent_widget
        number = self.batch_number()
        if number is None:
            messages.show_info(parent, TITLE, "Select an invoice batch first.")
            return
        format = ask_format(parent, number)
        if format is None:
            return
        checked = attempt(
            parent, TITLE, lambda: (exported_before(self.context.db, number, format),)
        )
        if checked is None:
            return
        previous = checked[0]
        if previous is not None:
            question = (
                f"Invoice batch {number} was exported as {FORMATS[format][0]} "
                f"{previous.sentence}. Export it again? Do so only if the accounting package has "
                "not imported that file."
            )
            if not messages.confirm(parent, TITLE, question, "Export Again"):
                return
        _label, filters, ext = FORMATS[format]
        suggested = f"invoice-batch-{number}-{format.value}.{ext}"
        path = messages.ask_save_file(parent, TITLE, filters, suggested)
        if path is None:
            return

        def work(_progress: Progress) -> ExportedFiles:
            return export_batch(self.context.db, number, format, path, again=previous is not None)

        run_in_background(
            parent, f"Exporting invoice batch {number}…", work, self._done, key=EXPORT_WORK
        )

    def _done(self, done: ExportedFiles) -> None:
        also = f" and its credit memos to {done.credit_memos.name}" if done.credit_memos else ""
        say(
            self.parent_widget,
            f"Invoice batch {done.batch_number} exported to {done.path.name}{also}; it is locked.",
        )
        self.context.sig_data_changed.emit()
        self.sig_exported.emit(done)


def attach_export_button(page: QWidget, context: UiContext) -> ExportActions | None:
    """Add Export… to the page's `report_actions` row, acting on its `selected_batch_number`."""
    row = getattr(page, "report_actions", None)
    chosen = getattr(page, "selected_batch_number", None)
    if row is None or not callable(chosen):
        return None
    actions = ExportActions(page, context, chosen)
    button = QPushButton("E&xport…")
    button.setObjectName("export-batch")
    button.setToolTip(
        "Export the selected batch for the accounting package (IIF, QuickBooks Online, Xero or "
        "CSV); exporting locks the batch."
    )
    button.clicked.connect(actions.export)
    row.addWidget(button)
    return actions
