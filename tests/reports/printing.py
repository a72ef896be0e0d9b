"""Printing a batch for the report tests: the bytes delivered, and the pages read back."""

from __future__ import annotations

from dataclasses import dataclass

from app.jobs.printing import PrintedReport, print_report
from app.store import Database
from tests.reports.pdf_reading import TextRun, page_runs


@dataclass(frozen=True)
class Printout:
    report: PrintedReport
    delivered: bytes
    pages: list[list[TextRun]]


def print_batch(db: Database, number: int) -> Printout:
    """Print the batch through the print job, as the command line does."""
    delivered: list[bytes] = []
    report = print_report(db, number, delivered.append)
    return Printout(report, delivered[0], page_runs(delivered[0]))
