"""The recipient's address, sized and placed so that all of it shows in the envelope window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.reports.envelope import Box
from app.reports.fonts import REGULAR, ascent, descent
from app.reports.page_text import PageText
from app.reports.text_fit import truncate, wrap

# Tried largest first; five lines of 7 pt fit the smallest window, cut if they must be.
SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
LINE_SPACING = 1.2


@dataclass(frozen=True)
class PlacedLine:
    """One line of text at its baseline start, in PDF coordinates."""

    text: str
    x: float
    y: float
    font: str
    size: float


def block_height(lines: int, size: float) -> float:
    """From the top of the first line's tallest glyph to the bottom of the last line's."""
    return ascent(size) + (lines - 1) * size * LINE_SPACING + descent(size)


def fit_lines(lines: Sequence[str], box: Box, page_height: float) -> tuple[PlacedLine, ...]:
    """The lines at the largest size at which, wrapped, they fit the box; else cut at 7 pt."""
    for size in SIZES:
        wrapped = [piece for line in lines for piece in wrap(line, box.width, REGULAR, size)]
        if block_height(len(wrapped), size) <= box.height:
            return _placed(wrapped, box, page_height, size)
    size = SIZES[-1]
    fitting = max(1, int((box.height - ascent(size) - descent(size)) / (size * LINE_SPACING)) + 1)
    cut = [truncate(line, box.width, REGULAR, size) for line in lines[:fitting]]
    return _placed(cut, box, page_height, size)


def _placed(
    lines: Sequence[str], box: Box, page_height: float, size: float
) -> tuple[PlacedLine, ...]:
    first = box.top + ascent(size)
    return tuple(
        PlacedLine(line, box.left, page_height - (first + i * size * LINE_SPACING), REGULAR, size)
        for i, line in enumerate(lines)
    )


def draw_lines(text: PageText, lines: Sequence[PlacedLine]) -> None:
    for line in lines:
        text.style(line.font, line.size)
        text.left(line.x, line.y, line.text)
