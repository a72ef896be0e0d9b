"""The ReportLab Invoice Batch Report: reads what app.billing computes, never the database."""

from app.reports.document import RenderedReport
from app.reports.envelope import DIN5008, US10, Box, EnvelopeLayout, layout_for
from app.reports.invoice_batch_report import (
    PrintedReport,
    preview_batch_report,
    print_batch_report,
    render_batch_report,
    render_report,
)

__all__ = [
    "DIN5008",
    "US10",
    "Box",
    "EnvelopeLayout",
    "PrintedReport",
    "RenderedReport",
    "layout_for",
    "preview_batch_report",
    "print_batch_report",
    "render_batch_report",
    "render_report",
]
