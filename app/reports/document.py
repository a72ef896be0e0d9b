"""The page templates of the report and the build that turns its flowables into PDF bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from app.billing import CustomerStatement
from app.reports.numbered_canvas import NumberedCanvas
from app.reports.page_decorations import (
    STRIP_HEIGHT,
    draw_control_page,
    draw_first_page,
    draw_later_page,
)
from app.reports.report_context import ReportContext

CONTROL, FIRST, LATER = "control", "first", "later"


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    pages: int


def start_section(statement: CustomerStatement) -> list[Flowable]:
    """What opens a customer's section: a new page, made with the first-page template."""
    return [ActionFlowable(("section", statement)), NextPageTemplate(FIRST), PageBreak()]


class BatchReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """Knows whose section is being laid out, so that each page can draw its header."""

    def __init__(self, buffer: io.BytesIO, ctx: ReportContext, title: str) -> None:
        layout = ctx.layout
        super().__init__(
            buffer,
            pagesize=layout.page_size,
            invariant=1,  # no timestamps or random ids: identical input gives identical bytes
            title=title,
            author=ctx.settings.company_name,
            creator="Invoice Batches",
            leftMargin=layout.margins.left,
            rightMargin=layout.margins.right,
            topMargin=layout.margins.top,
            bottomMargin=layout.margins.bottom,
        )
        self.context = ctx
        self.section: CustomerStatement | None = None
        self.addPageTemplates(
            [
                PageTemplate(CONTROL, [self._frame(STRIP_HEIGHT)], onPage=self._on_control),
                PageTemplate(
                    FIRST,
                    [self._frame(layout.body_top - layout.margins.top)],
                    onPage=self._on_first,
                    autoNextPageTemplate=LATER,
                ),
                PageTemplate(LATER, [self._frame(STRIP_HEIGHT)], onPage=self._on_later),
            ]
        )

    def _frame(self, below_top_margin: float) -> Frame:
        layout = self.context.layout
        height = layout.page_height - layout.margins.top - below_top_margin - layout.margins.bottom
        return Frame(
            layout.margins.left,
            layout.margins.bottom,
            layout.text_width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def handle_section(self, statement: CustomerStatement) -> None:
        self.section = statement

    def _current(self) -> CustomerStatement:
        if self.section is None:
            raise RuntimeError("a statement page began before its section")
        return self.section

    def _on_control(self, canvas: NumberedCanvas, _doc: Any) -> None:
        draw_control_page(canvas, self.context)

    def _on_first(self, canvas: NumberedCanvas, _doc: Any) -> None:
        draw_first_page(canvas, self.context, self._current())

    def _on_later(self, canvas: NumberedCanvas, _doc: Any) -> None:
        draw_later_page(canvas, self.context, self._current())


def build_pdf(
    ctx: ReportContext,
    title: str,
    flowables: Sequence[Flowable],
    *,
    alone: CustomerStatement | None = None,
) -> RenderedReport:
    """The PDF of `flowables`; with `alone`, one customer's section that begins on page 1 with
    the section's first-page template (no control page)."""
    buffer = io.BytesIO()
    canvases: list[NumberedCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        canvas = NumberedCanvas(*args, **kwargs)
        canvases.append(canvas)
        return canvas

    document = BatchReportDocument(buffer, ctx, title)
    if alone is not None:
        document.section = alone
        document._firstPageTemplateIndex = 1  # FIRST: ReportLab starts on that template
    document.build(list(flowables), canvasmaker=make_canvas)
    return RenderedReport(buffer.getvalue(), canvases[-1].page_count)
