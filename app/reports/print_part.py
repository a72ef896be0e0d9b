"""The print part of sending a batch (R13): the control page, a table of who is mailed and who
is emailed, then the statements of the customers mailed by post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from reportlab.platypus import Flowable, Spacer

from app.billing import BatchStatement, CompanySettings
from app.reports.control_page import GAP, control_page
from app.reports.document import RenderedReport, build_pdf
from app.reports.fonts import register_fonts
from app.reports.invoice_batch_report import customer_sections
from app.reports.report_context import ReportContext
from app.reports.rows_table import Row, rows_table, text_column

DELIVERY_COLUMNS = (
    text_column("Customer", 46),
    text_column("Name", 150, wraps=True),
    text_column("Goes by", 70),
    text_column("State", wraps=True),
)


@dataclass(frozen=True)
class DeliveryLine:
    """One row of the control page's delivery table, in the clerk's words."""

    customer_number: str
    customer_name: str
    goes_by: str  # "Post", "Email", "Post and email"
    state: str  # "In this print", "Emailed to a@b.example", "Not sent: no valid address", ...


def render_print_part(
    statement: BatchStatement,
    post: Sequence[str],
    lines: Sequence[DeliveryLine],
    settings: CompanySettings,
    *,
    reprint: bool,
    printed_on: dt.date | None = None,
) -> RenderedReport:
    """The control page of the whole batch with its delivery table, then the sections of the
    customers numbered in `post`, in the batch's order."""
    register_fonts()
    ctx = ReportContext(statement.batch, settings, reprint, printed_on)
    width = ctx.layout.text_width
    flowables: list[Flowable] = control_page(ctx, statement)
    rows = [Row((x.customer_number, x.customer_name, x.goes_by, x.state)) for x in lines]
    flowables += [
        Spacer(width, GAP),
        rows_table("Delivery of the statements", DELIVERY_COLUMNS, rows, width),
    ]
    wanted = set(post)
    mailed = (customer for customer in statement.customers if customer.customer.number in wanted)
    parts = chain([flowables], customer_sections(ctx, mailed))
    title = f"Invoice Batch Report, batch {statement.batch.number}, statements by post"
    return build_pdf(ctx, title + (" (reprint)" if reprint else ""), parts)
