"""One customer's statement section alone, for email (R13): the same pages, numbered the same,
as that customer's section of the Invoice Batch Report, with no control page."""

from __future__ import annotations

import datetime as dt

from app.billing import BatchRecord, CompanySettings, CustomerStatement
from app.reports.customer_section import customer_section
from app.reports.document import RenderedReport, build_pdf
from app.reports.fonts import register_fonts
from app.reports.report_context import ReportContext


def render_statement_section(
    batch: BatchRecord,
    customer: CustomerStatement,
    settings: CompanySettings,
    *,
    reprint: bool,
    printed_on: dt.date | None = None,
) -> RenderedReport:
    """The customer's section as PDF bytes with its page count."""
    register_fonts()
    ctx = ReportContext(batch, settings, reprint, printed_on)
    title = f"Statement for {customer.customer.name}, batch {batch.number}"
    flowables = customer_section(ctx, customer)
    return build_pdf(ctx, title + (" (reprint)" if reprint else ""), [flowables], alone=customer)


def statement_file_name(batch: BatchRecord, customer: CustomerStatement) -> str:
    """The attachment's name: plain ASCII, so every mail program shows it."""
    safe = "".join(
        c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in customer.customer.number
    )
    return f"statement-{safe}-batch-{batch.number}-{batch.close_date.isoformat()}.pdf"
