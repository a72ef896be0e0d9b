"""Draw the application icon: a stack of invoices with a batch-number badge.

    .venv/bin/python packaging/make_icon.py [--iconset DIR]

Writes resources/icons/invoice-batches-{16..1024}.png (the window icon and the Linux icon),
invoice-batches.ico (Windows: executable, installer, Start menu) and invoice-batches.icns (macOS,
written by Pillow). With --iconset it also writes a macOS .iconset folder, for Apple's own
`iconutil -c icns DIR` (see packaging/README.md). Each size is drawn from the vector shapes, not
scaled from a large bitmap, and the smallest sizes leave out the lines of text that would blur.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPen,
)

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"
PNG_SIZES = (16, 32, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
# Apple's iconset names: each point size at 1x and 2x.
ICONSET = {
    f"icon_{p}x{p}{'@2x' if s == 2 else ''}.png": p * s
    for p in (16, 32, 128, 256, 512)
    for s in (1, 2)
}

BLUE_TOP, BLUE_BOTTOM = QColor("#2B6CB8"), QColor("#143F75")
SHEET_BACK, SHEET_MIDDLE, SHEET_FRONT = QColor("#B8C9E2"), QColor("#DCE5F2"), QColor("#FFFFFF")
INK, RULE, ACCENT = QColor("#1F4E8C"), QColor("#B4BFCE"), QColor("#F08C2E")


def draw_background(painter: QPainter) -> None:
    gradient = QLinearGradient(QPointF(0, 64), QPointF(0, 960))
    gradient.setColorAt(0, BLUE_TOP)
    gradient.setColorAt(1, BLUE_BOTTOM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(QRectF(64, 64, 896, 896), 200, 200)


def draw_sheet(painter: QPainter, left: float, top: float, colour: QColor) -> QRectF:
    sheet = QRectF(left, top, 480, 600)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 60))
    painter.drawRoundedRect(sheet.translated(10, 14), 30, 30)
    painter.setBrush(colour)
    painter.drawRoundedRect(sheet, 30, 30)
    return sheet


def draw_invoice_lines(painter: QPainter, sheet: QRectF) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawRoundedRect(QRectF(sheet.left() + 50, sheet.top() + 60, 200, 44), 10, 10)
    painter.setBrush(RULE)
    for row in range(5):
        width = 380 if row % 2 == 0 else 300
        painter.drawRoundedRect(
            QRectF(sheet.left() + 50, sheet.top() + 160 + row * 62, width, 26), 8, 8
        )
    # The amount due, under the lines.
    painter.setBrush(INK)
    painter.drawRoundedRect(QRectF(sheet.left() + 50, sheet.top() + 490, 170, 40), 10, 10)


def draw_badge(painter: QPainter, label: str) -> None:
    centre, radius = QPointF(730, 730), 190.0
    painter.setPen(QPen(QColor("#FFFFFF"), 28))
    painter.setBrush(ACCENT)
    painter.drawEllipse(centre, radius, radius)
    font = QFont(QFontDatabase.applicationFontFamilies(load_font())[0])
    font.setPixelSize(200)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#FFFFFF"))
    box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


@functools.cache
def load_font() -> int:
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    if font_id < 0:
        raise SystemExit(f"Cannot load {FONT}")
    return font_id


def render(size: int) -> QImage:
    """The icon at `size` pixels, drawn on a 1024-unit canvas."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(size / 1024, size / 1024)
    draw_background(painter)
    draw_sheet(painter, 300, 170, SHEET_BACK)
    draw_sheet(painter, 250, 215, SHEET_MIDDLE)
    front = draw_sheet(painter, 200, 260, SHEET_FRONT)
    if size >= 48:
        draw_invoice_lines(painter, front)
    draw_badge(painter, "#7" if size >= 48 else "7" if size >= 24 else "")
    painter.end()
    return image


def to_pillow(image: QImage) -> Image.Image:
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    size = (rgba.width(), rgba.height())
    data = bytes(rgba.constBits())
    return Image.frombuffer("RGBA", size, data, "raw", "RGBA", rgba.bytesPerLine(), 1)


def write_multi_size(path: Path, sizes: tuple[int, ...], fmt: str) -> None:
    images = [to_pillow(render(size)) for size in sizes]
    largest = images[-1]
    largest.save(path, format=fmt, sizes=[(s, s) for s in sizes], append_images=images[:-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iconset", type=Path, help="also write a macOS .iconset folder here")
    args = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        to_pillow(render(size)).save(ICONS / f"invoice-batches-{size}.png")
    write_multi_size(ICONS / "invoice-batches.ico", ICO_SIZES, "ICO")
    write_multi_size(ICONS / "invoice-batches.icns", ICNS_SIZES, "ICNS")
    if args.iconset:
        args.iconset.mkdir(parents=True, exist_ok=True)
        for name, size in ICONSET.items():
            to_pillow(render(size)).save(args.iconset / name)
    print(f"Wrote the icons to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
