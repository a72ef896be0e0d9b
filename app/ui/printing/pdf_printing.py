"""Send a PDF's pages to a QPrinter: each page rendered to an image at full size, so the
address block lands in the envelope window exactly where the report put it.

Safe to run off the GUI thread: Qt allows painting on a QPrinter from a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from app.ui.printing.pdf_document import load_pdf

# 300 dpi prints text crisply; a printer's own 600-1200 dpi would need images of 100 MB a page.
RENDER_DPI = 300
Progress = Callable[[int, int, str], None]


class PrintFailed(OSError):
    """The printer (or the PDF file it writes) did not take the job."""

    def __init__(self, message: str) -> None:
        super().__init__(None, message)


def _printer_name(printer: QPrinter) -> str:
    return printer.outputFileName() or printer.printerName() or "the printer"


def _fit_paper_to(printer: QPrinter, points: QSizeF) -> None:
    # The report decides its paper (Letter for US #10, A4 for DIN 5008) and margins: print at
    # 100 % from the sheet's corner, or the address misses the window.
    printer.setFullPage(True)
    printer.setPageSize(
        QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    )
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def _draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    points = document.pagePointSize(page)
    pixels = QSize(
        round(points.width() * RENDER_DPI / 72), round(points.height() * RENDER_DPI / 72)
    )
    image = document.render(page, pixels)
    if image.isNull():
        raise PrintFailed(f"Page {page + 1} of the report could not be drawn.")
    scale = printer.resolution() / 72
    painter.drawImage(QRectF(0, 0, points.width() * scale, points.height() * scale), image)


def print_pdf(data: bytes, printer: QPrinter, progress: Progress | None = None) -> int:
    """Print every page (and every copy the printer cannot make itself); returns the page count."""
    owner = QObject()  # created in the calling thread, which may be a worker
    document = load_pdf(data, owner)
    pages = document.pageCount()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    _fit_paper_to(printer, document.pagePointSize(0))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(f"Could not start printing on {_printer_name(printer)}.")
    try:
        for done in range(pages * copies):
            if done and not printer.newPage():
                raise PrintFailed(f"{_printer_name(printer)} refused page {done % pages + 1}.")
            _draw_page(painter, printer, document, done % pages)
            if progress is not None:
                progress(done + 1, pages * copies, f"Printing page {done % pages + 1} of {pages}…")
    except BaseException:
        printer.abort()
        painter.end()
        raise
    if not painter.end() or printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintFailed(
            f"{_printer_name(printer)} reported an error; the report was not printed."
        )
    return pages
