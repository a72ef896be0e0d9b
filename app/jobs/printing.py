"""R9 as a job: read the batch, render its report, deliver it, then record the print.

Each database step is short and none is open while the report renders or while the printer or
the disk takes it, so other clerks go on reading and writing meanwhile. The print is recorded
only if the batch is still as it was rendered; otherwise nothing is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app import billing
from app.reports import render_batch_report, render_report
from app.store import Database


@dataclass(frozen=True)
class PrintedReport:
    """A print that went out and was recorded."""

    batch_number: int
    reprint: bool
    pages: int
    pdf: bytes


def preview(db: Database, number: int) -> bytes:
    """What printing would give now; a printed batch previews as a reprint. Marks nothing."""
    with db.read() as session:
        statement = billing.statement_of(session, number)
        settings = billing.load_settings(session)
    return render_batch_report(
        statement, settings, reprint=statement.batch.printed, printed_on=dt.date.today()
    )


def print_report(db: Database, number: int, deliver: Callable[[bytes], None]) -> PrintedReport:
    """Render the report, hand the PDF to `deliver` (a printer, a file), then record the print;
    a first print keeps its bytes as mailed.

    If `deliver` raises, nothing is recorded and the error propagates. If the batch was printed
    by someone else or (before its first print) changed meanwhile, `ChangedWhilePrinting` is
    raised and nothing is recorded.
    """
    with db.read() as session:
        job = billing.begin_print(session, number)
        settings = billing.load_settings(session)
    rendered = render_report(
        job.statement, settings, reprint=job.reprint, printed_on=dt.date.today()
    )
    deliver(rendered.pdf)
    with db.transaction() as session:
        billing.record_print(session, job, rendered.pdf)
    return PrintedReport(number, job.reprint, rendered.pages, rendered.pdf)
