"""The tear-off part at the foot of a statement's last page, returned with the payment."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from app.billing import BatchRecord, CompanySettings, CustomerStatement
from app.reports.fonts import BOLD, REGULAR
from app.reports.page_text import PageText, operators, page_text, same_block
from app.reports.plain_flowable import PlainFlowable
from app.reports.styles import (
    AMOUNT_DUE,
    BODY,
    BODY_BOLD,
    FIGURE_ROW_STEP,
    HEADING,
    INK,
    MUTED,
    RULE,
    SMALL,
    amount,
    figure_baselines,
)
from app.reports.text_fit import truncate

DETACH = "✂  Please detach and return this part with your payment"
HEIGHT = 150.0
PAD = 8.0


class RemittanceStub(PlainFlowable):
    """Customer number, batch number and amount due, below a cut line."""

    def __init__(
        self,
        statement: CustomerStatement,
        batch: BatchRecord,
        settings: CompanySettings,
        width: float,
    ) -> None:
        super().__init__()
        self.statement = statement
        self.batch = batch
        self.settings = settings
        self.width = width
        self.height = HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height - 6
        canvas._code.append(_cut_line(self.width, top))
        places = _Places.below(top - SMALL.leading - 2 - PAD)
        # All but the customer's number, name and amount is the same on every stub of a batch.
        settings, batch = self.settings, self.batch
        key = (RemittanceStub, self.width, settings.company_name, settings.address_lines)
        same_block(canvas, (*key, batch.number, batch.close_date), self._draw_same)
        with page_text(canvas) as text:
            self._draw_customer(text, places)
        canvas._code.append(_enclosed_line(self.width, places.enclosed))

    def _draw_same(self, text: PageText) -> None:
        top = self.height - 6
        text.style(SMALL.font, SMALL.size, MUTED)
        text.centred(self.width / 2, top - SMALL.leading - 2, DETACH)
        body_top = top - SMALL.leading - 2 - PAD
        self._draw_payee(text, body_top)
        self._draw_labels(text, _Places.below(body_top))

    def _draw_payee(self, text: PageText, top: float) -> None:
        room = self.width * 0.45
        text.style(HEADING.font, HEADING.size, INK)
        baseline = top - HEADING.size
        text.left(0, baseline, "Remittance")
        baseline -= HEADING.leading + 2
        text.style(SMALL.font, SMALL.size, MUTED)
        text.left(0, baseline, "Please make your payment to")
        baseline -= BODY.leading
        text.style(BODY_BOLD.font, BODY_BOLD.size, INK)
        text.left(0, baseline, truncate(self.settings.company_name, room, BOLD, BODY_BOLD.size))
        text.style(BODY.font, BODY.size)
        for line in self.settings.address_lines:
            baseline -= BODY.leading
            text.left(0, baseline, truncate(line, room, REGULAR, BODY.size))

    def _draw_labels(self, text: PageText, places: _Places) -> None:
        """The figures' labels, the batch's number and date."""
        left, right = self.width * 0.5, self.width
        for label, baseline in zip(FIGURE_LABELS, places.rows, strict=True):
            text.style(BODY.font, BODY.size, MUTED)
            text.left(left, baseline, label)
        text.style(BODY_BOLD.font, BODY_BOLD.size, INK)
        text.right(right, places.rows[2], str(self.batch.number))
        text.right(right, places.rows[3], self.batch.close_date.isoformat())
        text.style(AMOUNT_DUE.font, AMOUNT_DUE.size)
        text.left(left, places.amount_due, "Amount due")
        text.style(BODY.font, BODY.size, MUTED)
        text.left(left, places.enclosed, "Amount enclosed")

    def _draw_customer(self, text: PageText, places: _Places) -> None:
        """The customer's number and name, and the amount due."""
        customer = self.statement.customer
        left, right = self.width * 0.5, self.width
        name = truncate(customer.name, (right - left) * 0.6, BOLD, BODY_BOLD.size)
        text.style(BODY_BOLD.font, BODY_BOLD.size, INK)
        text.right(right, places.rows[0], customer.number)
        text.right(right, places.rows[1], name)
        text.style(AMOUNT_DUE.font, AMOUNT_DUE.size)
        text.right(right, places.amount_due, amount(self.statement.figures.invoice_amount))


FIGURE_LABELS = ("Customer number", "Customer", "Batch number", "Statement date")


@dataclass(frozen=True)
class _Places:
    """The baselines of the stub's figures, and of the "Amount enclosed" line."""

    rows: tuple[float, ...]
    amount_due: float
    enclosed: float

    @classmethod
    def below(cls, top: float) -> _Places:
        rows = figure_baselines(top, len(FIGURE_LABELS))
        amount_due = rows[-1] - FIGURE_ROW_STEP - 4
        return cls(rows, amount_due, amount_due - (AMOUNT_DUE.leading + 10))


# Every stub of a report has the same lines at the same places: their operators are made once.
@lru_cache(maxsize=4)
def _cut_line(width: float, top: float) -> str:
    def draw(canvas: Canvas) -> None:
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.setDash(4, 3)
        canvas.line(0, top, width, top)
        canvas.setDash()

    return operators(draw)


@lru_cache(maxsize=4)
def _enclosed_line(width: float, enclosed: float) -> str:
    """The line to write the amount enclosed on."""

    def draw(canvas: Canvas) -> None:
        canvas.setLineWidth(0.6)
        left, right = width * 0.5, width
        canvas.line(left + (right - left) * 0.45, enclosed - 2, right, enclosed - 2)

    return operators(draw)
