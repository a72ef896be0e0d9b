"""PageText: strings written straight into a page show as drawString would show them."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from app.reports import page_text as page_text_module
from app.reports.fonts import BOLD, REGULAR, register_fonts, text_width
from app.reports.page_text import PageText, page_text
from tests.reports.pdf_reading import page_runs

NAME = "Łódź Müller & Søn (Ørsted Café Ζωή)"


def _pdf(draw: Callable[[Canvas], None]) -> bytes:
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_strings_show_in_their_font_at_their_place() -> None:
    def draw(canvas: Canvas) -> None:
        with page_text(canvas) as text:
            text.style(REGULAR, 9, Color(0, 0, 0))
            text.left(50, 700, NAME)
            text.style(BOLD, 12)
            text.right(500, 680, "1,234.50")
            text.centred(300, 660, NAME)

    runs = page_runs(_pdf(draw))[0]
    shown = [(r.text, r.font, r.size, round(r.x, 2), round(r.y, 2)) for r in runs]
    centred = round(300 - text_width(NAME, BOLD, 12) / 2, 2)
    assert shown == [
        (NAME, REGULAR, 9, 50, 700),
        ("1,234.50", BOLD, 12, round(500 - text_width("1,234.50", BOLD, 12), 2), 680),
        (NAME, BOLD, 12, centred, 660),
    ]


def test_a_text_block_leaves_the_canvas_font_and_colour_as_they_were() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont(REGULAR, 7)
        with page_text(canvas) as text:
            text.style(BOLD, 20, Color(1, 0, 0))
            text.left(50, 700, "inside")
        canvas.drawString(50, 650, "after")

    runs = page_runs(_pdf(draw))[0]
    assert [(r.text, r.font, r.size) for r in runs] == [("inside", BOLD, 20), ("after", REGULAR, 7)]


def test_the_kept_encodings_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_text_module, "KEPT_STRINGS", 50)

    def draw(canvas: Canvas) -> None:
        text = PageText(canvas)
        text.style(REGULAR, 8)
        for number in range(500):
            text.left(50, 50 + number, f"{number:,}.00")
        text.end()
        assert len(page_text_module._documents[canvas._doc]) <= 2 * 50

    runs = page_runs(_pdf(draw))[0]
    assert [r.text for r in runs] == [f"{number:,}.00" for number in range(500)]
