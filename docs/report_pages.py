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


# An invoice typed with its lines, and a credit memo with one, as a statement prints them
# under each (the setting "show invoice lines", on by default); docs/screenshots.py shows the
# same invoice in the A/R form.
LINES_CUSTOMER, LINES_TAX_RATE = "C009", Decimal("8.9")
SERVICE_TYPES = (
    ("SVC-CALL", "Copier service call", Decimal("95.00")),
    ("LABOUR", "Repair labour (hours)", Decimal("85.00")),
)
VISIT = dt.date(2026, 11, 17)
SERVICE_VISIT = (
    ("Service call: bizhub C300i, finisher grinding", "SVC-CALL", "1", "95.00", True),
    ("Repair labour", "LABOUR", "2.5", "85.00", True),
    ("Finisher stapler unit (part 4062-0417)", "", "1", "148.40", True),
    ("Travel, Spokane Valley", "", "0.5", "60.00", False),
)
RETURN = (("Toner cartridge TN-328K, unopened", "", "1", "89.00", True),)


def _lines(rows: tuple[tuple[str, str, str, str, bool], ...]) -> tuple[billing.LineDraft, ...]:
    return tuple(
        billing.LineDraft(text, Decimal(quantity), Decimal(rate), taxable, VISIT, code)
        for text, code, quantity, rate, taxable in rows
    )


def _with_lines(kind: TransactionType, number: str, day: dt.date, description: str,
                lines: tuple[billing.LineDraft, ...]) -> TransactionDraft:  # fmt: skip
    amount, tax = billing.line_totals(lines, LINES_TAX_RATE)
    return TransactionDraft(
        customer_number=LINES_CUSTOMER,
        type=kind,
        number=number,
        invoice_date=day,
        due_date=day + dt.timedelta(days=30),
        amount=amount,
        tax=tax,
        description=description,
        lines=lines,
    )


def invoice_with_lines(db: Database) -> None:
    """Ironwood Architects, taxed at 8.9 %, gets INV-29001 of four lines for a copier repair
    and CM-29002 of one for a returned cartridge; neither is in a batch yet."""
    with db.transaction() as session:
        known = {kind.code for kind in billing.list_service_types(session)}
        for code, name, rate in SERVICE_TYPES:
            if code not in known:
                billing.create_service_type(session, billing.ServiceTypeDraft(code, name, rate))
        customer = billing.customer_by_number(session, LINES_CUSTOMER)
        fields = {f: getattr(customer, f) for f in billing.CustomerDraft.__dataclass_fields__}
        fields["tax_rate"] = LINES_TAX_RATE
        billing.update_customer(session, customer.id, billing.CustomerDraft(**fields))
        for draft in (
            _with_lines(TransactionType.INVOICE, "INV-29001", VISIT + dt.timedelta(days=1),
                        "Copier repair visit, 17 November", _lines(SERVICE_VISIT)),
            _with_lines(TransactionType.CREDIT_MEMO, "CM-29002", VISIT + dt.timedelta(days=2),
                        "Returned goods", _lines(RETURN)),
        ):  # fmt: skip
            billing.create_transaction(session, draft)


def invoice_lines_page(folder: Path) -> None:
    """The statement page of a batch holding those two, after the runs up to November's
    (so the customer's balance carries over as it would): report-invoice-lines.png."""
    db = open_database(f"sqlite:///{folder}/lines.sqlite3", backup_to=None)
    load_sample_company(db, lambda *_: None)
    run_and_print(db)
    invoice_with_lines(db)
    with db.transaction() as session:
        number = billing.create_manual_batch(session, dt.date(2026, 11, 30), "Service visits")
        billing.add_transactions(session, number.number, ["INV-29001", "CM-29002"])
        statement = billing.statement_of(session, number.number)
        settings = billing.load_settings(session)
    db.dispose()
    report = render_report(statement, settings, reprint=False, printed_on=dt.date(2026, 12, 1))
    source = folder / "lines.pdf"
    source.write_bytes(report.pdf)
    target = DOCS / "report-invoice-lines"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", "-singlefile", str(source),
         str(target)],
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
        invoice_lines_page(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
