"""The tear-off part at the foot of a statement's last page, returned with the payment."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.billing import BatchRecord, CompanySettings, CustomerStatement
from app.reports.fonts import BOLD, REGULAR
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
        canvas.setFillColor(MUTED)
        canvas.setFont(SMALL.font, SMALL.size)
        canvas.drawCentredString(self.width / 2, top - SMALL.leading - 2, DETACH)
        body_top = top - SMALL.leading - 2 - PAD
        self._draw_payee(body_top)
        self._draw_figures(body_top)

    def _draw_payee(self, top: float) -> None:
        canvas = self.canv
        room = self.width * 0.45
        canvas.setFillColor(INK)
        canvas.setFont(HEADING.font, HEADING.size)
        baseline = top - HEADING.size
        canvas.drawString(0, baseline, "Remittance")
        baseline -= HEADING.leading + 2
        canvas.setFillColor(MUTED)
        canvas.setFont(SMALL.font, SMALL.size)
        canvas.drawString(0, baseline, "Please make your payment to")
        baseline -= BODY.leading
        canvas.setFillColor(INK)
        canvas.setFont(BODY_BOLD.font, BODY_BOLD.size)
        canvas.drawString(
            0, baseline, truncate(self.settings.company_name, room, BOLD, BODY_BOLD.size)
        )
        canvas.setFont(BODY.font, BODY.size)
        for line in self.settings.address_lines:
            baseline -= BODY.leading
            canvas.drawString(0, baseline, truncate(line, room, REGULAR, BODY.size))

    def _draw_figures(self, top: float) -> None:
        canvas = self.canv
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
            canvas.setFillColor(MUTED)
            canvas.setFont(BODY.font, BODY.size)
            canvas.drawString(left, baseline, label)
            canvas.setFillColor(INK)
            canvas.setFont(BODY_BOLD.font, BODY_BOLD.size)
            canvas.drawRightString(right, baseline, value)
            baseline -= BODY.leading + 2
        baseline -= 4
        canvas.setFont(AMOUNT_DUE.font, AMOUNT_DUE.size)
        canvas.drawString(left, baseline, "Amount due")
        canvas.drawRightString(right, baseline, amount(self.statement.figures.invoice_amount))
        baseline -= AMOUNT_DUE.leading + 10
        canvas.setFillColor(MUTED)
        canvas.setFont(BODY.font, BODY.size)
        canvas.drawString(left, baseline, "Amount enclosed")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left + (right - left) * 0.45, baseline - 2, right, baseline - 2)
