"""The band of R8 figures at the top of a statement, in the words a customer reads, with
R17's aging row under it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from reportlab.pdfgen.canvas import Canvas

from app.billing import Aging, StatementFigures
from app.reports.fonts import text_width
from app.reports.page_text import PageText, operators, page_text, same_block
from app.reports.plain_flowable import PlainFlowable
from app.reports.styles import (
    AMOUNT_DUE,
    BODY,
    CELL_PAD,
    HEADING,
    INK,
    MUTED,
    RULE,
    SHADE,
    SMALL,
    TextStyle,
    amount,
)
from app.reports.text_fit import wrap

CAPTION = "Account summary"
AGING_CAPTION = "Amount due by age"
LABEL_LINES = 2
AMOUNT_DUE_WEIGHT = 1.5  # the last cell is wider: its amount is printed larger
AGING_CAPTION_CELLS = 2  # the aging row's caption takes the room of two summary cells

Item = tuple[str, Decimal]


def summary_items(figures: StatementFigures) -> tuple[Item, ...]:
    """R8's fields, from the previous balance down to what is owed now."""
    return (
        ("Previous balance", figures.former_amount),
        ("Payments received", figures.payments),
        ("Balance carried over", figures.carry_over),
        ("New invoices", figures.invoiced),
        ("Charges", figures.charges),
        ("Tax", figures.taxes),
        ("Amount due", figures.invoice_amount),
    )


def aging_items(aging: Aging) -> tuple[Item, ...]:
    """R17's buckets: how long what is owed has been past its due date."""
    return (
        ("Current", aging.current),
        ("1–30 days", aging.days_1_30),
        ("31–60 days", aging.days_31_60),
        ("61–90 days", aging.days_61_90),
        ("Over 90 days", aging.over_90),
    )


class _Strip(NamedTuple):
    """One row of cells: where it lies on the flowable, and how many lines its labels get."""

    bottom: float
    top: float
    label_lines: int


class SummaryBand(PlainFlowable):
    """Seven cells side by side, a label over an amount, the amount due standing out; under
    them the aging row, which splits the amount due by age. One flowable: never parted."""

    def __init__(self, figures: StatementFigures, aging: Aging, width: float) -> None:
        super().__init__()
        self.items = summary_items(figures)
        self.aging = aging_items(aging)
        self.width = width
        cell = width / (len(self.items) - 1 + AMOUNT_DUE_WEIGHT)
        self.widths = [cell] * (len(self.items) - 1) + [cell * AMOUNT_DUE_WEIGHT]
        self.caption_width = cell * AGING_CAPTION_CELLS
        self.aging_width = (width - self.caption_width) / len(self.aging)
        aging_height = 2 * CELL_PAD + SMALL.leading + BODY.leading + 2
        band_height = 2 * CELL_PAD + LABEL_LINES * SMALL.leading + AMOUNT_DUE.leading + 2
        self.aging_strip = _Strip(0, aging_height, 1)
        self.band_strip = _Strip(aging_height, aging_height + band_height, LABEL_LINES)
        self.height = HEADING.leading + 4 + self.band_strip.top

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas._code.append(_frame(self.width, self.band_strip, self.widths[-1]))
        # The caption and the labels are the same on every statement; the amounts are not.
        same_block(canvas, (SummaryBand, self.width), self._draw_labels)
        with page_text(canvas) as text:
            for cell in self._cells():
                _draw_amount(text, cell)

    def _cells(self) -> Iterator[_Cell]:
        """The summary's cells, then the aging row's."""
        left = 0.0
        for index, (item, width) in enumerate(zip(self.items, self.widths, strict=True)):
            style = AMOUNT_DUE if index == len(self.items) - 1 else BODY
            yield _Cell(self.band_strip, left, width, item, style)
            left += width
        left = self.caption_width
        for item in self.aging:
            yield _Cell(self.aging_strip, left, self.aging_width, item, BODY)
            left += self.aging_width

    def _draw_labels(self, text: PageText) -> None:
        text.style(HEADING.font, HEADING.size, INK)
        text.left(0, self.height - HEADING.size - 1, CAPTION)
        strip = self.aging_strip
        text.style(SMALL.font, SMALL.size, MUTED)
        text.left(CELL_PAD, strip.top - CELL_PAD - SMALL.size, AGING_CAPTION)
        for cell in self._cells():
            _draw_label(text, cell)


@lru_cache(maxsize=4)
def _frame(width: float, band: _Strip, last_width: float) -> str:
    """The band's shaded last cell, its border and the rule above the aging row: the same on
    every statement, so their operators are made once."""

    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(SHADE)
        last_left, height = width - last_width, band.top - band.bottom
        canvas.rect(last_left, band.bottom, last_width, height, stroke=0, fill=1)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, width, band.top, stroke=1, fill=0)
        canvas.line(0, band.bottom, width, band.bottom)

    return operators(draw)


@lru_cache(maxsize=64)
def _label_lines(label: str, room: float, most: int) -> tuple[str, ...]:
    """A cell's label wrapped into at most `most` lines: the same few labels on every page."""
    return tuple(wrap(label, room, SMALL.font, SMALL.size)[:most])


class _Cell(NamedTuple):
    """One cell: a label over a right-aligned amount."""

    strip: _Strip
    left: float
    width: float
    item: Item
    style: TextStyle  # the amount's

    @property
    def room(self) -> float:
        return self.width - 2 * CELL_PAD

    @property
    def right(self) -> float:
        return self.left + self.width - CELL_PAD


def _draw_label(text: PageText, cell: _Cell) -> None:
    strip = cell.strip
    baseline = strip.top - CELL_PAD - SMALL.size
    text.style(SMALL.font, SMALL.size, MUTED)
    for line in _label_lines(cell.item[0], cell.room, strip.label_lines):
        text.right(cell.right, baseline, line)
        baseline -= SMALL.leading


def _draw_amount(text: PageText, cell: _Cell) -> None:
    style, room = cell.style, cell.room
    figure = amount(cell.item[1])
    # A very large amount is printed smaller rather than cut: every digit counts.
    size = min(style.size, style.size * room / text_width(figure, style.font, style.size))
    text.style(style.font, size, INK)
    text.right(cell.right, cell.strip.bottom + CELL_PAD + 2, figure)
