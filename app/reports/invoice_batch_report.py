"""The Invoice Batch Report of DESIGN.md §4, and R9's printing: first print, reprint, preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchStatement, CompanySettings
from app.reports.control_page import control_page
from app.reports.customer_section import customer_section
from app.reports.document import RenderedReport, build_pdf, start_section
from app.reports.fonts import register_fonts
from app.reports.report_context import ReportContext


@dataclass(frozen=True)
class PrintedReport:
    batch_number: int
    reprint: bool
    pages: int
    pdf: bytes


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
    """The report's PDF bytes, without touching the batch's print state."""
    return render_report(statement, settings, reprint=reprint, printed_on=printed_on).pdf


def preview_batch_report(session: Session, number: int) -> bytes:
    """What printing would give now; a printed batch previews as a reprint. Marks nothing."""
    statement = billing.statement_of(session, number)
    settings = billing.load_settings(session)
    return render_batch_report(
        statement, settings, reprint=statement.batch.printed, printed_on=dt.date.today()
    )


def print_batch_report(
    session: Session, number: int, deliver: Callable[[bytes], None]
) -> PrintedReport:
    """R9: render, hand the PDF to `deliver`, then record the print (first print keeps its bytes).

    If `deliver` raises, nothing is recorded and the error propagates, so the caller's
    transaction rolls back and the batch stays as it was.
    """
    job = billing.begin_print(session, number)
    statement = billing.statement_of(session, number)
    settings = billing.load_settings(session)
    rendered = render_report(statement, settings, reprint=job.reprint, printed_on=dt.date.today())
    deliver(rendered.pdf)
    billing.record_print(session, job, rendered.pdf)
    return PrintedReport(number, job.reprint, rendered.pages, rendered.pdf)
