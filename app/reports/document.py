"""The page templates of the report and the build that turns its flowables into PDF bytes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
from app.reports.flowable_feed import FlowableFeed
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


class PdfOutput:
    """Where ReportLab writes the finished PDF: it hands over the whole file at once, and this
    keeps that very object, with no second copy of every page as a buffer would make."""

    def __init__(self) -> None:
        self.pdf = b""

    def write(self, data: bytes) -> None:
        self.pdf = self.pdf + data if self.pdf else data


class BatchReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """Knows whose section is being laid out, so that each page can draw its header."""

    def __init__(self, out: PdfOutput, ctx: ReportContext, title: str) -> None:
        layout = ctx.layout
        super().__init__(
            out,
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
    parts: Iterable[Sequence[Flowable]],
    *,
    alone: CustomerStatement | None = None,
) -> RenderedReport:
    """The PDF of the flowables of `parts`, laid out one part at a time; with `alone`, one
    customer's section that begins on page 1 with the section's first-page template (no
    control page)."""
    out = PdfOutput()
    canvases: list[NumberedCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        canvas = NumberedCanvas(*args, **kwargs)
        canvases.append(canvas)
        return canvas

    document = BatchReportDocument(out, ctx, title)
    if alone is not None:
        document.section = alone
        document._firstPageTemplateIndex = 1  # FIRST: ReportLab starts on that template
    document.build(FlowableFeed(parts), canvasmaker=make_canvas)
    return RenderedReport(out.pdf, canvases[-1].page_count)
