"""The report on screen: every page in a QPdfView, the page count, and what can be done next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.printing.pdf_document import load_pdf

ZOOMS = (
    ("Whole page", QPdfView.ZoomMode.FitInView, 1.0),
    ("Page width", QPdfView.ZoomMode.FitToWidth, 1.0),
    ("100 %", QPdfView.ZoomMode.Custom, 1.0),
    ("150 %", QPdfView.ZoomMode.Custom, 1.5),
)


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
        self.zoom = QComboBox()
        self.zoom.setObjectName("zoom")
        for text, mode, factor in ZOOMS:
            self.zoom.addItem(text, (mode, factor))
        self.zoom.currentIndexChanged.connect(self._zoom)
        self._zoom()
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
        bottom.addWidget(self.zoom)
        bottom.addStretch(1)
        bottom.addLayout(self.buttons)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self._show_page(0)
        self.resize(900, 1000)

    def _zoom(self) -> None:
        mode, factor = self.zoom.currentData()
        self.view.setZoomMode(mode)
        if mode == QPdfView.ZoomMode.Custom:
            self.view.setZoomFactor(factor)

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
