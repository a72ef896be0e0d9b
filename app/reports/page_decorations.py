"""What is drawn on every page around the flowing content: headers, the window address, marks.

Each page also tells the numbered canvas which section it counts in and where its
"Page x of y" goes; the canvas writes the numbers once the whole report is laid out.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from app.billing import CustomerStatement
from app.reports.address_block import draw_lines, fit_lines
from app.reports.envelope import Box, EnvelopeLayout
from app.reports.fonts import BOLD, REGULAR, text_width
from app.reports.numbered_canvas import NumberedCanvas, PageLabel
from app.reports.page_text import PageText, page_text, recorded, same_block
from app.reports.report_context import ReportContext
from app.reports.styles import (
    BODY,
    BODY_BOLD,
    COMPANY,
    INK,
    MUTED,
    REPRINT,
    RULE,
    SMALL,
    TITLE,
    figure_baselines,
)
from app.reports.text_fit import truncate

CONTROL_SECTION = "control"
STRIP_HEIGHT = 30.0  # the header strip of control and continuation pages
REPRINT_WORD = "Reprint"
SENDER_SIZE, SENDER_MIN = 6.0, 5.0  # a long return address is set smaller before it is cut


def section_key(statement: CustomerStatement) -> str:
    return f"customer {statement.customer.number}"


def strip_baseline(layout: EnvelopeLayout) -> float:
    return layout.page_height - layout.margins.top - 10


def draw_control_page(canvas: NumberedCanvas, ctx: ReportContext) -> None:
    layout = ctx.layout
    text = PageText(canvas)
    _draw_strip(
        canvas,
        text,
        layout,
        left=f"{ctx.settings.company_name} · Invoice Batch Report · Batch {ctx.batch.number}",
        right_note="For the clerk, not to be mailed",
    )
    text.end()
    _label(canvas, layout, CONTROL_SECTION, "Control page {page} of {pages}")
    _draw_reprint(canvas, ctx)


def draw_first_page(canvas: NumberedCanvas, ctx: ReportContext, section: CustomerStatement) -> None:
    layout = ctx.layout
    # The heading and the info block's labels and batch figures are the same on every first
    # page of a report; the customer's number and address are not.
    settings, batch = ctx.settings, ctx.batch
    heading = (settings.company_name, settings.address_lines, settings.phone, settings.email)
    key = (draw_first_page, layout, *heading, batch.number, batch.close_date)
    same_block(canvas, key, lambda text: _draw_heading(text, ctx))
    text = PageText(canvas)
    _draw_customer_number(canvas, text, ctx, section)
    _draw_window(text, ctx, section)
    text.end()
    if layout.sender is not None:
        _draw_sender(canvas, ctx, layout.sender)
    _draw_marks(canvas, layout)
    _draw_reprint(canvas, ctx)


def draw_later_page(canvas: NumberedCanvas, ctx: ReportContext, section: CustomerStatement) -> None:
    layout = ctx.layout
    customer = section.customer
    text = PageText(canvas)
    _draw_strip(
        canvas,
        text,
        layout,
        left=f"{ctx.settings.company_name} · Statement for {customer.name}",
        right_note=(
            f"Customer {customer.number} · Batch {ctx.batch.number} · "
            f"{ctx.batch.close_date.isoformat()}"
        ),
    )
    text.end()
    _label(canvas, layout, section_key(section), "Page {page} of {pages}")
    _draw_marks(canvas, layout)
    _draw_reprint(canvas, ctx)


def _label(canvas: NumberedCanvas, layout: EnvelopeLayout, section: str, wording: str) -> None:
    right = layout.page_width - layout.margins.right
    canvas.label_page(
        PageLabel(section, right, strip_baseline(layout), BODY_BOLD.font, BODY_BOLD.size, wording)
    )


def _draw_strip(
    canvas: Canvas, text: PageText, layout: EnvelopeLayout, left: str, right_note: str
) -> None:
    """One line of who and what at the top, a note under it, and a rule."""
    x0, x1 = layout.margins.left, layout.page_width - layout.margins.right
    baseline = strip_baseline(layout)
    text.style(BODY_BOLD.font, BODY_BOLD.size, INK)
    text.left(x0, baseline, truncate(left, (x1 - x0) * 0.7, BOLD, BODY_BOLD.size))
    text.style(SMALL.font, SMALL.size, MUTED)
    text.left(x0, baseline - SMALL.leading - 1, right_note)
    canvas._code.append(_strip_rule(layout))


@lru_cache(maxsize=4)
def _strip_rule(layout: EnvelopeLayout) -> str:
    def draw(canvas: Canvas) -> None:
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        rule = layout.page_height - layout.margins.top - STRIP_HEIGHT + 4
        canvas.line(layout.margins.left, rule, layout.page_width - layout.margins.right, rule)

    return recorded(draw)


def _draw_company(text: PageText, ctx: ReportContext) -> None:
    layout, settings = ctx.layout, ctx.settings
    x = layout.margins.left
    room = layout.text_width * 0.55
    y = layout.page_height - layout.margins.top - COMPANY.size
    text.style(COMPANY.font, COMPANY.size, INK)
    text.left(x, y, truncate(settings.company_name, room, BOLD, COMPANY.size))
    y -= COMPANY.leading - 2
    text.style(BODY.font, BODY.size, MUTED)
    contact = " · ".join(part for part in (settings.phone, settings.email) if part)
    for line in (*settings.address_lines, contact):
        if line:
            text.left(x, y, truncate(line, room, REGULAR, BODY.size))
            y -= BODY.leading


def _draw_heading(text: PageText, ctx: ReportContext) -> None:
    """The company, the title, and the info block but for the customer's number."""
    layout = ctx.layout
    _draw_company(text, ctx)
    text.style(TITLE.font, TITLE.size, INK)
    title_baseline = layout.page_height - layout.margins.top - TITLE.size
    text.right(layout.page_width - layout.margins.right, title_baseline, "Statement")
    rows = (ctx.batch.close_date.isoformat(), str(ctx.batch.number), None, None)
    for label, value, baseline in zip(INFO_LABELS, rows, _info_baselines(ctx), strict=True):
        text.style(BODY.font, BODY.size, MUTED)
        text.left(layout.info_block.left, baseline, label)
        if value is not None:
            text.style(BODY_BOLD.font, BODY_BOLD.size, INK)
            text.right(layout.info_block.right, baseline, value)


def _draw_customer_number(
    canvas: NumberedCanvas, text: PageText, ctx: ReportContext, section: CustomerStatement
) -> None:
    """The info block's customer number; its page number is drawn when the section is done."""
    box = ctx.layout.info_block
    _date, _batch, number_at, page_at = _info_baselines(ctx)
    text.style(BODY_BOLD.font, BODY_BOLD.size, INK)
    text.right(box.right, number_at, section.customer.number)
    canvas.label_page(
        PageLabel(section_key(section), box.right, page_at, BODY_BOLD.font, BODY_BOLD.size)
    )


INFO_LABELS = ("Statement date", "Batch number", "Customer number", "Page")


def _info_baselines(ctx: ReportContext) -> tuple[float, ...]:
    """The info block's rows, beside the window."""
    return figure_baselines(ctx.layout.page_height - ctx.layout.info_block.top, len(INFO_LABELS))


def _draw_window(text: PageText, ctx: ReportContext, section: CustomerStatement) -> None:
    layout = ctx.layout
    text.color(INK)
    draw_lines(text, fit_lines(section.customer.address_lines, layout.address, layout.page_height))


def _draw_sender(canvas: Canvas, ctx: ReportContext, box: Box) -> None:
    """DIN 5008's return address: one small line at the foot of the zone above the recipient."""
    sender = " · ".join((ctx.settings.company_name, *ctx.settings.address_lines))
    size = max(
        SENDER_MIN,
        min(SENDER_SIZE, SENDER_SIZE * box.width / text_width(sender, REGULAR, SENDER_SIZE)),
    )
    baseline = ctx.layout.page_height - box.bottom + 3
    with page_text(canvas) as text:
        text.style(REGULAR, size, MUTED)
        text.left(box.left, baseline, truncate(sender, box.width, REGULAR, size))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    canvas.line(box.left, baseline - 1.5, box.right, baseline - 1.5)


def _draw_marks(canvas: Canvas, layout: EnvelopeLayout) -> None:
    canvas._code.append(_marks(layout))


@lru_cache(maxsize=4)
def _marks(layout: EnvelopeLayout) -> str:
    return recorded(lambda canvas: _draw_fold_marks(canvas, layout))


def _draw_fold_marks(canvas: Canvas, layout: EnvelopeLayout) -> None:
    """Short ticks at the left edge where the sheet is folded (and punched, for DIN 5008)."""
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    marks = [(y, 14.0) for y in layout.fold_marks]
    if layout.hole_mark is not None:
        marks.append((layout.hole_mark, 20.0))
    for from_top, length in marks:
        y = layout.page_height - from_top
        canvas.line(8, y, 8 + length, y)


def _draw_reprint(canvas: Canvas, ctx: ReportContext) -> None:
    if not ctx.reprint:
        return
    x, y = _reprint_place(ctx.layout)
    with page_text(canvas) as text:
        text.style(BOLD, 11, REPRINT)
        text.centred(x, y, REPRINT_WORD)
    canvas._code.append(_reprint_frame(ctx.layout))


def _reprint_place(layout: EnvelopeLayout) -> tuple[float, float]:
    """Where the word's baseline is centred."""
    return layout.page_width / 2, layout.page_height - layout.margins.top / 2 - 5


@lru_cache(maxsize=4)
def _reprint_frame(layout: EnvelopeLayout) -> str:
    x, y = _reprint_place(layout)
    width = text_width(REPRINT_WORD, BOLD, 11)

    def draw(canvas: Canvas) -> None:
        canvas.setStrokeColor(REPRINT)
        canvas.setLineWidth(0.8)
        canvas.roundRect(x - width / 2 - 6, y - 4, width + 12, 16, 3, stroke=1, fill=0)

    return recorded(draw)
