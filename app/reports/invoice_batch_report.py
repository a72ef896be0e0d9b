"""The Invoice Batch Report of DESIGN.md §4: a batch's statement and the settings in, PDF out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import chain

from reportlab.platypus import Flowable

from app.billing import BatchStatement, CompanySettings, CustomerStatement
from app.reports.control_page import control_page
from app.reports.customer_section import customer_section
from app.reports.document import RenderedReport, build_pdf, start_section
from app.reports.fonts import register_fonts
from app.reports.report_context import ReportContext


def customer_sections(
    ctx: ReportContext, customers: Iterable[CustomerStatement]
) -> Iterator[list[Flowable]]:
    """Each customer's section, from its new page on, made only when the layout reaches it."""
    for customer in customers:
        yield [*start_section(customer), *customer_section(ctx, customer)]


def render_report(
    statement: BatchStatement,
    settings: CompanySettings,
    *,
    reprint: bool,
    printed_on: dt.date | None = None,
    sections: Iterable[CustomerStatement] | None = None,
) -> RenderedReport:
    """The report as PDF bytes with its page count; the same input gives the same bytes.

    `sections`, when given, are the customers' statements to print, taken one at a time as
    the layout reaches them (`statement` then needs of each customer only what the control
    page shows); without it, `statement.customers` are printed."""
    register_fonts()
    ctx = ReportContext(statement.batch, settings, reprint, printed_on)
    customers = statement.customers if sections is None else sections
    parts = chain([control_page(ctx, statement)], customer_sections(ctx, customers))
    title = f"Invoice Batch Report, batch {statement.batch.number}"
    return build_pdf(ctx, title + (" (reprint)" if reprint else ""), parts)


def render_batch_report(
    statement: BatchStatement,
    settings: CompanySettings,
    *,
    reprint: bool,
    printed_on: dt.date | None = None,
) -> bytes:
    """The report's PDF bytes alone, without the page count."""
    return render_report(statement, settings, reprint=reprint, printed_on=printed_on).pdf
