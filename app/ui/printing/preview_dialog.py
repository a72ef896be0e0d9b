"""The report on screen: every page in a QPdfView, the page count, and what can be done next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.printing.pdf_document import load_pdf


def pages_text(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"


class ReportPreviewDialog(QDialog):
    """Shows a PDF; `add_action` puts a button (Print…, Save PDF…) beside Close."""

    def __init__(self, parent: QWidget | None, title: str, pdf: bytes, note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf = pdf
        self.document = load_pdf(pdf, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.page_label = QLabel()
        self.page_label.setObjectName("page-count")
        self.note_label = QLabel(note)
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(bool(note))
        self.buttons = QHBoxLayout()
        close = QPushButton("Close")
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.page_label)
        bottom.addStretch(1)
        bottom.addLayout(self.buttons)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self._show_page(0)
        self.resize(900, 1000)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _show_page(self, page: int) -> None:
        self.page_label.setText(f"Page {page + 1} of {self.page_count}")

    def add_action(self, text: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: action())
        self.buttons.addWidget(button)
        return button
