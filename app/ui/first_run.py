"""First run: on an empty database, offer to load a sample company so a new clerk sees the
product at work (customers, four months of transactions, company settings). Taking the offer is
its default answer; declined, it stays in the File menu while the database is empty."""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app import billing
from app.billing import CompanySettings, CustomerDraft
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


def sample_folder() -> Path:
    return resource_path("sample")


def load_sample_company(db: Database, progress: Progress) -> SampleLoaded:
    """Import the sample customers and transactions in one transaction: all or nothing."""
    folder = sample_folder()
    with db.transaction() as session:
        progress(0, 3, "Customers…")
        customers = billing.import_customers(session, folder / "customers.csv")
        _apply_status(session, folder / "customer_status.csv")
        progress(1, 3, "Transactions…")
        transactions = billing.import_transactions(session, folder / "transactions.csv")
        progress(2, 3, "Company settings…")
        if billing.load_settings(session) == CompanySettings():
            billing.save_settings(session, SAMPLE_COMPANY)
    progress(3, 3, "")
    return SampleLoaded(customers.rows, transactions.rows)


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
    "Load a sample company (Northwind Office Supply: 36 customers and four months of invoices, "
    "memos and payments) to try the product? Use a new database for your own company's data."
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
            f"Loaded {result.customers} customers and {result.transactions} transactions.",
        )

    return run_in_background(
        parent,
        "Loading the sample company…",
        lambda progress: load_sample_company(context.db, progress),
        loaded,
        key="sample-company",
    )
