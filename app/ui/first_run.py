"""First run: on an empty database, offer to load a sample company so a new clerk sees the
product at work (customers, four months of transactions, service types and two months of
unbilled work, contracts with recurring charges, company settings). Taking the offer is its
default answer; declined, it stays in the File menu while the database is empty."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app import billing
from app.billing import CompanySettings, CustomerDraft
from app.billing.periods import add_months
from app.resources import resource_path
from app.store import Database
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import Operation, Progress, run_in_background

SAMPLE_COMPANY = CompanySettings(
    company_name="Northwind Office Supply",
    address1="1420 NW Lovejoy Street",
    address2="Suite 300",
    city_line="Portland, OR 97209",
    country="United States",
    phone="+1 503 555 0142",
    email="billing@northwind-office.example",
    footer="Thank you for your business. Questions about this statement? Call +1 503 555 0142.",
)


@dataclass(frozen=True)
class SampleLoaded:
    customers: int
    transactions: int
    work_entries: int
    contracts: int


def sample_folder() -> Path:
    return resource_path("sample")


def load_sample_company(
    db: Database, progress: Progress, today: dt.date | None = None
) -> SampleLoaded:
    """Import the sample's customers, transactions, service types and work in one transaction:
    all or nothing. The work is moved to end in the week before `today` (default: today)."""
    folder = sample_folder()
    importers = billing.IMPORTERS
    with db.transaction() as session, tempfile.TemporaryDirectory() as scratch:
        progress(0, 5, "Customers…")
        customers = importers["customers"](session, folder / "customers.csv")
        _apply_status(session, folder / "customer_status.csv")
        progress(1, 5, "Transactions…")
        transactions = importers["transactions"](session, folder / "transactions.csv")
        progress(2, 5, "Work…")
        importers["service-types"](session, folder / "service_types.csv")
        day = today or dt.date.today()
        recent = work_dated_for(folder / "work.csv", day, Path(scratch))
        work = importers["work"](session, recent)
        progress(3, 5, "Contracts…")
        running = contracts_dated_for(folder / "contracts.csv", day, Path(scratch))
        contracts = importers["contracts"](session, running)
        progress(4, 5, "Company settings…")
        if billing.load_settings(session) == CompanySettings():
            billing.save_settings(session, SAMPLE_COMPANY)
    progress(5, 5, "")
    return SampleLoaded(customers.rows, transactions.rows, work.rows, contracts.rows)


def work_dated_for(source: Path, today: dt.date, folder: Path) -> Path:
    """A copy of the sample's work file in `folder`, every date moved by the same whole number
    of weeks so that the last falls in the week before `today`: the clerk finds recent work
    waiting to be invoiced, on the weekdays it was done."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or ()), list(reader)
    last = max(dt.date.fromisoformat(row["date"]) for row in rows)
    shift = dt.timedelta(weeks=(today - dt.timedelta(days=1) - last).days // 7)
    for row in rows:
        row["date"] = (dt.date.fromisoformat(row["date"]) + shift).isoformat()
    moved = folder / source.name
    with moved.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return moved


# The month the sample's contracts are written for: loaded in a later month, their dates move
# by whole months (day numbers kept, so month-end starts stay month-end starts, R16).
CONTRACTS_WRITTEN_FOR = dt.date(2026, 12, 1)


def contracts_dated_for(source: Path, today: dt.date, folder: Path) -> Path:
    """A copy of the sample's contracts in `folder`, moved by whole months so that a first run
    of Bill Recurring Charges through `today` bills months of periods, one contract not yet
    started, and one ended part way through a period billed in advance: a credit memo."""
    written = CONTRACTS_WRITTEN_FOR
    months = (today.year - written.year) * 12 + today.month - written.month
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or ()), list(reader)
    for row in rows:
        for key in ("start_date", "end_date"):
            if row[key]:
                row[key] = add_months(dt.date.fromisoformat(row[key]), months).isoformat()
    moved = folder / source.name
    with moved.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return moved


def _apply_status(session: Session, path: Path) -> None:
    """The sample's notes and its inactive customer, which the import format does not carry."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            customer = billing.customer_by_number(session, row["number"])
            fields = {f: getattr(customer, f) for f in CustomerDraft.__dataclass_fields__}
            draft = replace(
                CustomerDraft(**fields), active=row["active"] == "yes", notes=row["notes"]
            )
            billing.update_customer(session, customer.id, draft)


SAMPLE_TITLE = "Load Sample Company"
SAMPLE_OFFER = (
    "Load a sample company (Northwind Office Supply: 36 customers, four months of invoices, "
    "memos and payments, two months of work to invoice and eight contracts) to try the "
    "product? Use a new database for your own company's data."
)
LATER = "While the database is empty, File ▸ Load Sample Company… offers it again."
# The offer's answers: taking it is the default (Enter), since it changes nothing of the clerk's.
ANSWERS = ("Load the sample", "Start empty")


def _declined_key(context: UiContext) -> str:
    return f"first_run/declined/{context.db.display_name}"


def is_empty(context: UiContext) -> bool:
    """No customers, so nothing of the clerk's: the sample may go in. The sample's numbers
    would clash with any customer already there."""
    with context.read() as session:
        return billing.count_customers(session) == 0


def offer_sample_company(parent: QWidget, context: UiContext) -> Operation[SampleLoaded] | None:
    """On a database with no customers, ask once whether to load the sample company."""
    if not is_empty(context):
        return None
    settings = QSettings()
    if settings.value(_declined_key(context), False, type=bool):
        return None
    text = f"This database has no customers yet.\n\n{SAMPLE_OFFER}\n\n{LATER}"
    if not messages.offer(parent, "Welcome to Invoice Batches", text, *ANSWERS):
        settings.setValue(_declined_key(context), True)
        return None
    return load_in_background(parent, context)


def load_in_background(parent: QWidget, context: UiContext) -> Operation[SampleLoaded] | None:
    """Load the sample off the GUI thread; say what was loaded, and let the windows refresh."""

    def loaded(result: SampleLoaded) -> None:
        context.sig_data_changed.emit()
        messages.show_info(
            parent,
            "Sample company loaded",
            f"Loaded {result.customers} customers, {result.transactions} transactions and "
            f"{result.work_entries} work entries.",
        )

    return run_in_background(
        parent,
        "Loading the sample company…",
        lambda progress: load_sample_company(context.db, progress),
        loaded,
        key="sample-company",
    )
