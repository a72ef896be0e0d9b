"""The report on screen: every page in a QPdfView, the page count, and what can be done next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
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
# Room for a letter page at a readable size, when the screen has it.
LARGEST = QSize(900, 1000)
# The window frame and title bar lie outside the size a dialog is given; a taskbar-less
# screen's edge must still leave the buttons in sight.
FRAME_ALLOWANCE = QSize(16, 48)


def preview_size(available: QRect) -> QSize:
    """As large as LARGEST, but never past the screen's free area, frame included."""
    room = available.size() - FRAME_ALLOWANCE
    return LARGEST.boundedTo(room)


class ReportPreviewDialog(QDialog):
    """Shows a PDF; `add_action` puts a button (Print…, Save PDF…) beside Close."""

    def __init__(self, parent: QWidget | None, title: str, pdf: bytes, note: str = "") -> None:
        super().__init__(parent)
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
        self.note_label = QLabel()
        self.note_label.setObjectName("note")
        self.note_label.setWordWrap(True)
        self.action_buttons: dict[str, QPushButton] = {}
        self.buttons = QHBoxLayout()
        self.close_button = QPushButton("Close")
        self.close_button.setShortcut(QKeySequence.StandardKey.Close)
        self.close_button.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.page_label)
        bottom.addWidget(self.zoom)
        bottom.addStretch(1)
        bottom.addLayout(self.buttons)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self._describe(title, note)
        self._show_page(0)
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        self.resize(preview_size(screen.availableGeometry()))

    def _describe(self, title: str, note: str) -> None:
        self.setWindowTitle(title)
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def show_report(self, title: str, pdf: bytes, note: str = "") -> None:
        """Show another PDF of the same report (what was printed, in place of the preview)."""
        old = self.document
        self.pdf = pdf
        self.document = load_pdf(pdf, self)
        self.view.setDocument(self.document)
        old.deleteLater()
        self._describe(title, note)
        self._show_page(self.view.pageNavigator().currentPage())

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

    def add_action(self, key: str, text: str, action: Callable[[], None]) -> QPushButton:
        """A button beside Close, found again by `key` in `action_buttons`."""
        button = QPushButton(text)
        button.setObjectName(f"preview-{key}")
        button.clicked.connect(lambda: action())
        self.buttons.addWidget(button)
        self.action_buttons[key] = button
        return button
