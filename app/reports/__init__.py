"""The ReportLab Invoice Batch Report: reads what app.billing computes, never the database."""

from app.reports.document import RenderedReport
from app.reports.envelope import DIN5008, US10, Box, EnvelopeLayout, layout_for
from app.reports.invoice_batch_report import render_batch_report, render_report

__all__ = [
    "DIN5008",
    "US10",
    "Box",
    "EnvelopeLayout",
    "RenderedReport",
    "layout_for",
    "render_batch_report",
    "render_report",
]
