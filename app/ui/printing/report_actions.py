"""Preview, Print, Save PDF and Show original for one invoice batch.

Printing and saving go through the print job (app/jobs/printing.py), whose `deliver` step
prints or writes the PDF: the batch is marked printed only when that step really succeeded, and a
cancelled print dialog never gets that far. A first print locks the batch (R7), so it is asked
about first, naming what it locks, as a reprint is. Rendering and printing run off the GUI
thread, with no transaction open while the printer or the disk takes the report.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QWidget

from app import billing
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import Operation, Progress, attempt, run_in_background

if TYPE_CHECKING:
    from app.jobs.printing import PrintedReport
    from app.ui.printing.preview_dialog import ReportPreviewDialog

# The print job (and ReportLab behind it) is imported by the work that renders, off the GUI
# thread and only once a report is asked for: at start it would cost more than the window.
# The preview and the printing of pages (QtPdf, QtPdfWidgets) are imported when first used,
# on the GUI thread: the Report menu is built at start, and they added 0.01 s to it.

PDF_FILTER = "PDF files (*.pdf)"
REPORT_WORK = "report"  # the Operation key: one report rendered or printed at a time
BUSY = "A report is being prepared or printed. Try again when it is done."


def counted(count: int, thing: str) -> str:
    return f"{count} {thing}" if count == 1 else f"{count} {thing}s"


def lock_question(batch: billing.BatchRecord, doing: str, action: str) -> str:
    """Before a first print or save, which locks the batch (R7): say what it locks."""
    transactions = counted(batch.transaction_count, "transaction")
    customers = counted(batch.customer_count, "customer")
    return (
        f"{doing} locks invoice batch {batch.number}: from then on no customer or transaction "
        f"can be added to it or removed from it, its {transactions} of {customers} can no "
        "longer be edited, and the batch "
        "cannot be deleted. Only its description and notes stay editable; a correction is a new "
        f"credit or debit memo, which goes into a later batch. {action}?"
    )


def preview_title(number: int, printed: bool) -> str:
    what = "preview of a reprint" if printed else "preview"
    return f"Invoice Batch Report — batch {number} ({what})"


def printed_title(printed: PrintedReport) -> str:
    what = "reprint" if printed.reprint else "first print"
    return f"Invoice Batch Report — batch {printed.batch_number} ({what})"


def printed_note(printed: PrintedReport, done: str) -> str:
    if printed.reprint:
        return f"This reprint ({printed.pages} pages) was {done}."
    return (
        f"This is the first print ({printed.pages} pages), {done}: invoice batch "
        f"{printed.batch_number} is now locked. Printing or saving again makes a reprint."
    )


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
        self.previewed: int | None = None  # the batch whose preview is on screen, if one is

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

    def _may_print(self, number: int, title: str, doing: str) -> bool:
        """A first print locks the batch, and a reprint says "Reprint": both are asked first."""

        def load() -> billing.BatchRecord:
            with self.context.read() as session:
                return billing.batch_row(session, number)

        batch = attempt(self.parent_widget, title, load)
        if batch is None:
            return False
        if batch.printed_at is None:
            return messages.confirm(
                self.parent_widget, title, lock_question(batch, doing, title), title
            )
        question = reprint_question(number, f"{batch.printed_at:%Y-%m-%d}", batch.print_count)
        return messages.confirm(self.parent_widget, title, question, "Reprint")

    def preview(self) -> None:
        number = self._chosen("Preview")
        if number is None:
            return

        def render(_progress: Progress) -> tuple[bytes, bool]:
            from app.jobs import printing

            pdf = printing.preview(self.context.db, number)
            with self.context.read() as session:
                return pdf, billing.batch_row(session, number).printed

        run_in_background(
            self.parent_widget,
            f"Preparing the report of invoice batch {number}…",
            render,
            lambda shown: self._show_preview(number, *shown),
            key=REPORT_WORK,
        )

    def _show_preview(self, number: int, pdf: bytes, printed: bool) -> None:
        from app.ui.printing.preview_dialog import ReportPreviewDialog

        dialog = ReportPreviewDialog(self.parent_widget, preview_title(number, printed), pdf)
        # The preview's buttons act on the batch it shows, whatever is selected meanwhile.
        dialog.add_action("print", "&Print…", lambda: self._print(number))
        dialog.add_action("save", "&Save PDF…", lambda: self._save(number))
        if printed:
            self._name_reprints(dialog)
        self._open(dialog)
        self.previewed = number

    def _name_reprints(self, dialog: ReportPreviewDialog) -> None:
        dialog.action_buttons["print"].setText("&Reprint…")
        dialog.action_buttons["save"].setText("&Save Reprint…")

    def _show_printed(self, printed: PrintedReport, done: str) -> None:
        """The preview of a batch just printed shows what was printed, and offers reprints."""
        dialog = self.preview_dialog
        if dialog is None or self.previewed != printed.batch_number:
            return
        dialog.show_report(printed_title(printed), printed.pdf, printed_note(printed, done))
        self._name_reprints(dialog)

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
        from app.ui.printing.preview_dialog import ReportPreviewDialog

        dialog = ReportPreviewDialog(
            self.parent_widget,
            f"Invoice Batch Report — batch {number} (original print)",
            pdf,
            "This is the first print of the batch, exactly as it was mailed. Copies printed or "
            "saved from here are not recorded as prints.",
        )
        dialog.add_action("print", "Print &Copy…", lambda: self.print_copy(number, pdf))
        dialog.add_action("save", "Save C&opy…", lambda: self.save_copy(number, pdf))
        self._open(dialog)

    def _open(self, dialog: ReportPreviewDialog) -> None:
        self.preview_dialog = dialog
        self.previewed = None
        dialog.destroyed.connect(lambda: self._closed(dialog))
        dialog.show()
        self.sig_preview_shown.emit()

    def _closed(self, dialog: ReportPreviewDialog) -> None:
        if self.preview_dialog is dialog:  # not one opened since
            self.preview_dialog = None
            self.previewed = None

    def print_report(self) -> None:
        number = self._chosen("Print")
        if number is not None:
            self._print(number)

    def _print(self, number: int) -> None:
        if self._busy("Print") or not self._may_print(number, "Print", "Printing"):
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Invoice Batch Report {number}")
        if not messages.ask_print(self.parent_widget, printer):
            return  # cancelled: nothing printed, nothing recorded
        from app.ui.printing.pdf_printing import print_pdf

        def work(progress: Progress) -> PrintedReport:
            from app.jobs import printing

            def deliver(pdf: bytes) -> None:
                print_pdf(pdf, printer, progress)

            return printing.print_report(self.context.db, number, deliver)

        self._record(number, f"Printing invoice batch {number}…", work, "printed")

    def save_pdf(self) -> None:
        number = self._chosen("Save PDF")
        if number is not None:
            self._save(number)

    def _save(self, number: int) -> None:
        doing = "Saving the report as a PDF counts as its first print and"
        if self._busy("Save PDF") or not self._may_print(number, "Save PDF", doing):
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
            from app.jobs import printing

            return printing.print_report(self.context.db, number, lambda pdf: write_file(path, pdf))

        self._record(number, f"Saving invoice batch {number}…", work, f"saved to {path}")

    def _record(
        self, number: int, label: str, work: Callable[[Progress], PrintedReport], done: str
    ) -> None:
        def finished(printed: PrintedReport) -> None:
            what = "A reprint" if printed.reprint else "The first print"
            self._say(f"{what} of invoice batch {number} ({printed.pages} pages) {done}.")
            self._show_printed(printed, done)
            self.context.sig_data_changed.emit()
            self.sig_printed.emit(printed)

        run_in_background(self.parent_widget, label, work, finished, key=REPORT_WORK)

    def print_copy(self, number: int, pdf: bytes) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Invoice Batch Report {number} (copy of the original)")
        if self._busy("Print Copy") or not messages.ask_print(self.parent_widget, printer):
            return
        from app.ui.printing.pdf_printing import print_pdf

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
