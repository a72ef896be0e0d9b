"""Pictures of the Invoice Batch Report for the README: the control page and a two-page section.

    .venv/bin/python docs/report_pages.py

Loads the sample company into a throwaway SQLite database, gives Bluebird Dental Group a busy
October (so its statement takes two pages), generates and prints the runs from September on,
then renders the 1 November run as first printed and turns three of its pages into PNGs
beside this file with `pdftoppm -png -r 60`.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import billing
from app.billing import GenerationRequest, NothingToInclude, TransactionDraft, TransactionType
from app.reports import render_report
from app.store import Database, open_database
from app.ui.first_run import load_sample_company

DOCS = Path(__file__).resolve().parent
FIRST_RUN, PICTURED_RUN = dt.date(2026, 9, 1), dt.date(2026, 11, 1)
BUSY_CUSTOMER, BUSY_NAME = "C002", "Bluebird Dental Group"
CLINICS = ["Capitol Hill", "Ballard", "Fremont", "Queen Anne", "Bellevue", "Kirkland", "Renton"]
SUPPLIES = ["Nitrile gloves, 10 boxes", "Patient bibs, 500", "Copy paper, 5 cases",
            "Toner cartridges", "Appointment cards", "Sterilization pouches"]  # fmt: skip


def busy_october(db: Database) -> None:
    """Standing orders for each clinic: enough lines to run a statement onto a second page."""
    with db.transaction() as session:
        for i in range(28):
            day = dt.date(2026, 10, 1 + i)
            billing.create_transaction(
                session,
                TransactionDraft(
                    customer_number=BUSY_CUSTOMER,
                    type=TransactionType.INVOICE,
                    number=f"INV-27{i:03d}",
                    invoice_date=day,
                    due_date=day + dt.timedelta(days=30),
                    amount=Decimal(f"{48 + (i * 37) % 260}.{(i * 29) % 100:02d}"),
                    tax=Decimal(f"{4 + (i * 3) % 20}.{(i * 7) % 100:02d}"),
                    description=f"{CLINICS[i % len(CLINICS)]}: {SUPPLIES[i % len(SUPPLIES)]}",
                ),
            )


def run_and_print(db: Database) -> int:
    """Every run from September up to the pictured one; all but that one are printed."""
    day, pictured = FIRST_RUN, 0
    while day <= PICTURED_RUN:
        with db.transaction() as session:
            try:
                number = billing.generate_batch(session, GenerationRequest(day)).number
            except NothingToInclude:
                number = 0
            if number and day < PICTURED_RUN:
                billing.record_print(session, billing.begin_print(session, number), b"%PDF")
            pictured = number or pictured
        day += dt.timedelta(days=1)
    return pictured


def write_pngs(pdf: bytes, folder: Path) -> None:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    first_pages = [i for i, text in enumerate(pages) if "Page 1 of 2" in text]
    busy = next(i for i in first_pages if BUSY_NAME in pages[i])
    if "Page 2 of 2" not in pages[busy + 1]:
        raise SystemExit(f"{BUSY_NAME}'s statement is not two pages long")
    source = folder / "report.pdf"
    source.write_bytes(pdf)
    for page, name in (
        (0, "control-page"),
        (busy, "customer-page-1"),
        (busy + 1, "customer-page-2"),
    ):
        target = DOCS / f"report-{name}"
        number = str(page + 1)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", number, "-l", number, "-singlefile",
             str(source), str(target)],
            check=True,
        )  # fmt: skip
        print(f"wrote {target}.png")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{folder}/sample.sqlite3", backup_to=None)
        load_sample_company(db, lambda *_: None)
        busy_october(db)
        number = run_and_print(db)
        with db.transaction() as session:
            statement = billing.statement_of(session, number)
            settings = billing.load_settings(session)
        db.dispose()
        report = render_report(statement, settings, reprint=False, printed_on=dt.date(2026, 11, 2))
        print(f"batch {number}: {len(statement.customers)} customers, {report.pages} pages")
        write_pngs(report.pdf, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
