"""The Invoice Batch Report of DESIGN.md §4: a batch's statement and the settings in, PDF out."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable

from app.billing import BatchStatement, CompanySettings
from app.reports.control_page import control_page
from app.reports.customer_section import customer_section
from app.reports.document import RenderedReport, build_pdf, start_section
from app.reports.fonts import register_fonts
from app.reports.report_context import ReportContext


def render_report(
    statement: BatchStatement,
    settings: CompanySettings,
    *,
    reprint: bool,
    printed_on: dt.date | None = None,
) -> RenderedReport:
    """The report as PDF bytes with its page count; the same input gives the same bytes."""
    register_fonts()
    ctx = ReportContext(statement.batch, settings, reprint, printed_on)
    flowables: list[Flowable] = control_page(ctx, statement)
    for customer in statement.customers:
        flowables += start_section(customer)
        flowables += customer_section(ctx, customer)
    title = f"Invoice Batch Report, batch {statement.batch.number}"
    return build_pdf(ctx, title + (" (reprint)" if reprint else ""), flowables)


def render_batch_report(
    statement: BatchStatement,
    settings: CompanySettings,
    *,
    reprint: bool,
    printed_on: dt.date | None = None,
) -> bytes:
    """The report's PDF bytes alone, without the page count."""
    return render_report(statement, settings, reprint=reprint, printed_on=printed_on).pdf
