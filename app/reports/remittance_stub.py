"""The tear-off part at the foot of a statement's last page, returned with the payment."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.billing import BatchRecord, CompanySettings, CustomerStatement
from app.reports.fonts import BOLD, REGULAR
from app.reports.page_text import PageText, page_text
from app.reports.styles import (
    AMOUNT_DUE,
    BODY,
    BODY_BOLD,
    HEADING,
    INK,
    MUTED,
    RULE,
    SMALL,
    amount,
)
from app.reports.text_fit import truncate

DETACH = "✂  Please detach and return this part with your payment"
HEIGHT = 150.0
PAD = 8.0


class RemittanceStub(Flowable):  # type: ignore[misc]
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
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.setDash(4, 3)
        canvas.line(0, top, self.width, top)
        canvas.setDash()
        body_top = top - SMALL.leading - 2 - PAD
        with page_text(canvas) as text:
            text.style(SMALL.font, SMALL.size, MUTED)
            text.centred(self.width / 2, top - SMALL.leading - 2, DETACH)
            self._draw_payee(text, body_top)
            enclosed = self._draw_figures(text, body_top)
        canvas.setLineWidth(0.6)
        left, right = self.width * 0.5, self.width
        canvas.line(left + (right - left) * 0.45, enclosed - 2, right, enclosed - 2)

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

    def _draw_figures(self, text: PageText, top: float) -> float:
        """The stub's figures; where the "Amount enclosed" line goes."""
        customer = self.statement.customer
        left, right = self.width * 0.5, self.width
        rows = (
            ("Customer number", customer.number),
            ("Customer", truncate(customer.name, (right - left) * 0.6, BOLD, BODY_BOLD.size)),
            ("Batch number", str(self.batch.number)),
            ("Statement date", self.batch.close_date.isoformat()),
        )
        baseline = top - BODY.size
        for label, value in rows:
            text.style(BODY.font, BODY.size, MUTED)
            text.left(left, baseline, label)
            text.style(BODY_BOLD.font, BODY_BOLD.size, INK)
            text.right(right, baseline, value)
            baseline -= BODY.leading + 2
        baseline -= 4
        text.style(AMOUNT_DUE.font, AMOUNT_DUE.size)
        text.left(left, baseline, "Amount due")
        text.right(right, baseline, amount(self.statement.figures.invoice_amount))
        baseline -= AMOUNT_DUE.leading + 10
        text.style(BODY.font, BODY.size, MUTED)
        text.left(left, baseline, "Amount enclosed")
        return baseline
