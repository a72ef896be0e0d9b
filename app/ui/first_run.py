"""First run: on an empty database, offer to load a sample company so a new clerk sees the
product at work (customers, four months of transactions, company settings)."""

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


def _declined_key(context: UiContext) -> str:
    return f"first_run/declined/{context.db.display_name}"


def offer_sample_company(parent: QWidget, context: UiContext) -> Operation[SampleLoaded] | None:
    """On a database with no customers, ask once whether to load the sample company."""
    with context.read() as session:
        if billing.count_customers(session):
            return None
    settings = QSettings()
    if settings.value(_declined_key(context), False, type=bool):
        return None
    if not messages.confirm(
        parent,
        "Welcome to Invoice Batches",
        "This database has no customers yet.\n\n"
        "Load a sample company (Northwind Office Supply: 36 customers and four months of "
        "invoices, memos and payments) to try the product? Use a new database for your own "
        "company's data.",
        "Load sample company",
    ):
        settings.setValue(_declined_key(context), True)
        return None

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
