"""Preview, Print, Save PDF and Show original for one invoice batch.

Printing and saving go through the print job (app/jobs/printing.py), whose `deliver` step
prints or writes the PDF: the batch is marked printed only when that step really succeeded, and a
cancelled print dialog never gets that far. Rendering and printing run off the GUI thread, with no
transaction open while the printer or the disk takes the report.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QWidget

from app import billing
from app.jobs import printing
from app.jobs.printing import PrintedReport
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import Operation, Progress, attempt, run_in_background
from app.ui.printing.pdf_printing import print_pdf
from app.ui.printing.preview_dialog import ReportPreviewDialog

PDF_FILTER = "PDF files (*.pdf)"
REPORT_WORK = "report"  # the Operation key: one report rendered or printed at a time
BUSY = "A report is being prepared or printed. Try again when it is done."


def reprint_question(number: int, printed_on: str, count: int) -> str:
    times = "once" if count == 1 else f"{count} times"
    return (
        f"Invoice batch {number} was first printed on {printed_on} and has been printed "
        f"{times}. Print it again? The new print recalculates from today's data and says "
        '"Reprint" on every page; the original print stays kept as mailed.'
    )


def write_file(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failed save never leaves half a PDF."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise OSError(error.errno, f"Cannot save {path}: {error.strerror}") from error


class ReportActions(QObject):
    """The report's actions for whichever batch `batch_number()` names when one is triggered."""

    sig_printed = Signal(object)  # PrintedReport, after a print or save was recorded
    sig_preview_shown = Signal()  # a preview (or the original print) is on screen

    def __init__(
        self, parent: QWidget, context: UiContext, batch_number: Callable[[], int | None]
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.batch_number = batch_number
        self.preview_dialog: ReportPreviewDialog | None = None

    def _busy(self, title: str) -> bool:
        """One report at a time: asked before any dialog, so no answer is given for nothing."""
        if Operation.is_running(REPORT_WORK):
            messages.show_info(self.parent_widget, title, BUSY)
            return True
        return False

    def _chosen(self, title: str) -> int | None:
        if self._busy(title):
            return None
        number = self.batch_number()
        if number is None:
            messages.show_info(self.parent_widget, title, "Select an invoice batch first.")
        return number

    def _may_print(self, number: int, title: str) -> bool:
        """Nothing to ask for a first print; a reprint is confirmed first."""

        def load() -> billing.BatchRecord:
            with self.context.read() as session:
                return billing.batch_row(session, number)

        batch = attempt(self.parent_widget, title, load)
        if batch is None:
            return False
        if batch.printed_at is None:
            return True
        question = reprint_question(number, f"{batch.printed_at:%Y-%m-%d}", batch.print_count)
        return messages.confirm(self.parent_widget, title, question, "Reprint")

    def preview(self) -> None:
        number = self._chosen("Preview")
        if number is None:
            return

        def render(_progress: Progress) -> bytes:
            return printing.preview(self.context.db, number)

        run_in_background(
            self.parent_widget,
            f"Preparing the report of invoice batch {number}…",
            render,
            lambda pdf: self._show_preview(number, pdf),
            key=REPORT_WORK,
        )

    def _show_preview(self, number: int, pdf: bytes) -> None:
        dialog = ReportPreviewDialog(
            self.parent_widget, f"Invoice Batch Report — batch {number} (preview)", pdf
        )
        dialog.add_action("&Print…", self.print_report)
        dialog.add_action("&Save PDF…", self.save_pdf)
        self._open(dialog)

    def show_original(self) -> None:
        number = self._chosen("Show Original")
        if number is None:
            return

        def load() -> bytes:
            with self.context.read() as session:
                return billing.original_print(session, number)

        pdf = attempt(self.parent_widget, "Show Original", load)
        if pdf is None:
            return
        dialog = ReportPreviewDialog(
            self.parent_widget,
            f"Invoice Batch Report — batch {number} (original print)",
            pdf,
            "This is the first print of the batch, exactly as it was mailed. Copies printed or "
            "saved from here are not recorded as prints.",
        )
        dialog.add_action("Print &Copy…", lambda: self.print_copy(number, pdf))
        dialog.add_action("Save C&opy…", lambda: self.save_copy(number, pdf))
        self._open(dialog)

    def _open(self, dialog: ReportPreviewDialog) -> None:
        self.preview_dialog = dialog
        dialog.destroyed.connect(lambda: setattr(self, "preview_dialog", None))
        dialog.show()
        self.sig_preview_shown.emit()

    def print_report(self) -> None:
        number = self._chosen("Print")
        if number is None or not self._may_print(number, "Print"):
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Invoice Batch Report {number}")
        if not messages.ask_print(self.parent_widget, printer):
            return  # cancelled: nothing printed, nothing recorded

        def work(progress: Progress) -> PrintedReport:
            def deliver(pdf: bytes) -> None:
                print_pdf(pdf, printer, progress)

            return printing.print_report(self.context.db, number, deliver)

        self._record(number, f"Printing invoice batch {number}…", work, "printed")

    def save_pdf(self) -> None:
        number = self._chosen("Save PDF")
        if number is None or not self._may_print(number, "Save PDF"):
            return
        path = messages.ask_save_file(
            self.parent_widget,
            "Save the Invoice Batch Report",
            PDF_FILTER,
            f"invoice-batch-{number}.pdf",
        )
        if path is None:
            return

        def work(_progress: Progress) -> PrintedReport:
            return printing.print_report(self.context.db, number, lambda pdf: write_file(path, pdf))

        self._record(number, f"Saving invoice batch {number}…", work, f"saved to {path}")

    def _record(
        self, number: int, label: str, work: Callable[[Progress], PrintedReport], done: str
    ) -> None:
        def finished(printed: PrintedReport) -> None:
            what = "A reprint" if printed.reprint else "The first print"
            self._say(f"{what} of invoice batch {number} ({printed.pages} pages) {done}.")
            self.context.sig_data_changed.emit()
            self.sig_printed.emit(printed)

        run_in_background(self.parent_widget, label, work, finished, key=REPORT_WORK)

    def print_copy(self, number: int, pdf: bytes) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Invoice Batch Report {number} (copy of the original)")
        if self._busy("Print Copy") or not messages.ask_print(self.parent_widget, printer):
            return
        run_in_background(
            self.parent_widget,
            f"Printing a copy of invoice batch {number}…",
            lambda progress: print_pdf(pdf, printer, progress),
            lambda pages: self._say(f"A copy of the original print ({pages} pages) printed."),
            key=REPORT_WORK,
        )

    def save_copy(self, number: int, pdf: bytes) -> None:
        path = messages.ask_save_file(
            self.parent_widget,
            "Save a copy of the original print",
            PDF_FILTER,
            f"invoice-batch-{number}-original.pdf",
        )
        if path is None:
            return

        def save() -> Path:
            write_file(path, pdf)
            return path

        if attempt(self.parent_widget, "Save Copy", save) is not None:
            self._say(f"A copy of the original print of invoice batch {number} saved to {path}.")

    def _say(self, text: str) -> None:
        window = self.parent_widget.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)
