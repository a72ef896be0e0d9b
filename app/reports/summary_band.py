"""The band of R8 figures at the top of a statement, in the words a customer reads."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable

from app.billing import StatementFigures
from app.reports.fonts import text_width
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
    amount,
)
from app.reports.text_fit import wrap

CAPTION = "Account summary"
LABEL_LINES = 2
AMOUNT_DUE_WEIGHT = 1.5  # the last cell is wider: its amount is printed larger


def summary_items(figures: StatementFigures) -> tuple[tuple[str, Decimal], ...]:
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


class SummaryBand(Flowable):  # type: ignore[misc]
    """Seven cells side by side: a label over an amount; the amount due stands out."""

    def __init__(self, figures: StatementFigures, width: float) -> None:
        super().__init__()
        self.items = summary_items(figures)
        self.width = width
        cell = width / (len(self.items) - 1 + AMOUNT_DUE_WEIGHT)
        self.widths = [cell] * (len(self.items) - 1) + [cell * AMOUNT_DUE_WEIGHT]
        self.band_height = 2 * CELL_PAD + LABEL_LINES * SMALL.leading + AMOUNT_DUE.leading + 2
        self.height = HEADING.leading + 4 + self.band_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(INK)
        canvas.setFont(HEADING.font, HEADING.size)
        canvas.drawString(0, self.height - HEADING.size - 1, CAPTION)
        last_left = self.width - self.widths[-1]
        canvas.setFillColor(SHADE)
        canvas.rect(last_left, 0, self.widths[-1], self.band_height, stroke=0, fill=1)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, self.width, self.band_height, stroke=1, fill=0)
        left = 0.0
        for index, ((label, value), width) in enumerate(zip(self.items, self.widths, strict=True)):
            self._draw_cell(left, width, label, value, emphasis=index == len(self.items) - 1)
            left += width

    def _draw_cell(
        self, left: float, width: float, label: str, value: Decimal, emphasis: bool
    ) -> None:
        canvas = self.canv
        room = width - 2 * CELL_PAD
        baseline = self.band_height - CELL_PAD - SMALL.size
        canvas.setFillColor(MUTED)
        canvas.setFont(SMALL.font, SMALL.size)
        for line in wrap(label, room, SMALL.font, SMALL.size)[:LABEL_LINES]:
            canvas.drawRightString(left + width - CELL_PAD, baseline, line)
            baseline -= SMALL.leading
        style = AMOUNT_DUE if emphasis else BODY
        text = amount(value)
        # A very large amount is printed smaller rather than cut: every digit counts.
        size = min(style.size, style.size * room / text_width(text, style.font, style.size))
        canvas.setFillColor(INK)
        canvas.setFont(style.font, size)
        canvas.drawRightString(left + width - CELL_PAD, CELL_PAD + 2, text)
