"""The embedded Unicode font of the report: DejaVu Sans, shipped in resources/fonts/."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()
# Advance widths per character, in thousandths of the size, for each registered font.
_widths: dict[str, dict[str, float]] = {}


def register_fonts() -> None:
    """Make the report fonts known to ReportLab (once per process; safe from any thread)."""
    with _lock:
        known = set(pdfmetrics.getRegisteredFontNames())
        for name, file in FILES.items():
            if name not in known:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
            face = pdfmetrics.getFont(name).face
            _widths[name] = {chr(code): width for code, width in face.charWidths.items()}
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)


# DejaVu Sans's hhea ascender and descender, per unit of font size. ReportLab's own face metrics
# are the typographic ones (0.76), which stop short of the accents on capitals such as "Ó" or "Å".
ASCENT = 0.929
DESCENT = 0.236


def ascent(size: float) -> float:
    """How far any glyph reaches above the baseline at `size`, accented capitals included."""
    return ASCENT * size


def descent(size: float) -> float:
    """How far any glyph reaches below the baseline at `size` (a positive number)."""
    return DESCENT * size


def text_width(text: str, font: str, size: float) -> float:
    """The text's width in points, as ReportLab measures it (its own function is slower)."""
    try:
        return sum(map(_widths[font].__getitem__, text)) * size / 1000
    except KeyError:  # a character the font lacks: ReportLab knows its fallback width
        return float(pdfmetrics.stringWidth(text, font, size))
