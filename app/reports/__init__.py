"""The ReportLab Invoice Batch Report: reads what app.billing computes, never the database."""

from app.reports.document import RenderedReport
from app.reports.envelope import DIN5008, US10, Box, EnvelopeLayout, layout_for
from app.reports.invoice_batch_report import render_batch_report, render_report
from app.reports.print_part import DeliveryLine, render_print_part
from app.reports.statement_section import render_statement_section, statement_file_name

__all__ = [
    "DIN5008",
    "US10",
    "Box",
    "DeliveryLine",
    "EnvelopeLayout",
    "RenderedReport",
    "layout_for",
    "render_batch_report",
    "render_print_part",
    "render_report",
    "render_statement_section",
    "statement_file_name",
]
