"""The top of a statement's first page as the report prints it with the settings being
edited: the company header, and the address block with the envelope window drawn around it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.billing import CompanySettings
from app.reports import layout_for, render_batch_report
from app.ui.company_settings.sample_statement import SAMPLE_DAY, sample_statement
from app.ui.printing.pdf_document import load_pdf

FIRST_CUSTOMER_PAGE = 1  # the control page comes first
WIDTH_PX = 560
WINDOW_PEN = QColor(0, 120, 215)
# Below the window and the info block, a strip of the summary shows where the body starts.
SHOWN_BELOW_BODY_TOP = 20.0


def render_header(settings: CompanySettings, width: int = WIDTH_PX) -> tuple[bytes, QImage]:
    """The sample report's PDF, and the top of its first customer page with the window drawn."""
    pdf = render_batch_report(sample_statement(), settings, reprint=False, printed_on=SAMPLE_DAY)
    owner = QObject()
    document = load_pdf(pdf, owner)
    points = document.pagePointSize(FIRST_CUSTOMER_PAGE)
    scale = width / points.width()
    page = document.render(FIRST_CUSTOMER_PAGE, QSize(width, round(points.height() * scale)))
    layout = layout_for(settings.envelope)
    shown = round((layout.body_top + SHOWN_BELOW_BODY_TOP) * scale)
    image = page.copy(0, 0, width, shown)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(WINDOW_PEN, 1.5, Qt.PenStyle.DashLine))
    window = layout.window
    frame = QRectF(window.left, window.top, window.width, window.height)
    # Drawn just outside the window edge, so the frame never covers the first letters.
    outline = QRectF(frame.topLeft() * scale, frame.size() * scale).adjusted(-2, -2, 2, 2)
    painter.drawRoundedRect(outline, 6, 6)
    painter.setFont(QFont(painter.font().family(), 7))
    painter.drawText(
        QPointF(window.left * scale, (window.bottom + 10) * scale),
        f"{settings.envelope.label}: only what is inside the dashed frame shows",
    )
    painter.end()
    return pdf, image


class HeaderPreview(QLabel):
    """Shows `render_header` for the settings given to `show_settings`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header-preview")
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("QLabel#header-preview { background: white; border: 1px solid #bbb; }")
        self.pdf = b""

    def show_settings(self, settings: CompanySettings) -> None:
        self.pdf, image = render_header(settings)
        self.setPixmap(QPixmap.fromImage(image))
        self.setFixedSize(image.size().grownBy(self.contentsMargins()) + QSize(2, 2))
