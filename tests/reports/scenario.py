"""Batches for the report tests, made through billing, with their R8 figures worked out by hand."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app import billing
from app.billing import GenerationRequest, TransactionDraft, TransactionQuery, TransactionType
from tests.factories import customer, transaction

COMPANY = "Nordlicht Bürobedarf GmbH"
PREVIOUS_CLOSE = dt.date(2026, 10, 15)
CLOSE = dt.date(2026, 11, 15)

# Summary band of each customer in the November batch, as printed (R8, worked out by hand):
# previous balance, payments received, carried over, new invoices, charges, tax, amount due.
SUMMARIES = {
    "C001": ("390.00", "300.00", "90.00", "950.00", "12.50", "100.00", "1,152.50"),
    "C002": ("100.00", "0.00", "100.00", "200.00", "0.00", "20.00", "320.00"),
    "C003": ("0.00", "0.00", "0.00", "99.99", "0.00", "7.00", "106.99"),
}
TOTALS = ("490.00", "300.00", "190.00", "1,249.99", "12.50", "127.00", "1,579.49")
NAMES = {"C001": "Łódź Müller & Søn", "C002": "Acme Hardware Supply", "C003": "Ørsted Café Ζωή"}


def company(session: Session, envelope: str = "us10") -> None:
    for key, value in (
        ("company_name", COMPANY),
        ("address1", "Große Straße 5"),
        ("city_line", "20095 Hamburg"),
        ("country", "Germany"),
        ("phone", "+49 40 123 456"),
        ("email", "billing@nordlicht.example"),
        ("footer", "Thank you for your business."),
        ("envelope", envelope),
    ):
        billing.set_setting(session, key, value)


def customers(session: Session) -> None:
    customer(session, "C001", 15, name=NAMES["C001"], address1="ul. Żeromskiego 12",
             city="Łódź", postal_code="90-001", country="Poland")  # fmt: skip
    customer(session, "C002", 15, name=NAMES["C002"], address1="1200 Industrial Parkway",
             address2="Suite 400", city="Springfield", region="IL", postal_code="62704",
             country="USA")  # fmt: skip
    customer(session, "C003", 15, name=NAMES["C003"], address1="Nørrebrogade 7",
             city="København", postal_code="2200", country="Denmark")  # fmt: skip


def two_batches(session: Session, envelope: str = "us10") -> int:
    """October's batch and November's; returns November's number (2)."""
    company(session, envelope)
    customers(session)
    transaction(session, "C001", "invoice", "INV-0900", "2026-10-02", "400.00", "40.00")
    transaction(session, "C002", "invoice", "INV-0901", "2026-10-02", "100.00")
    transaction(session, "C001", "payment", "CHK-0", "2026-10-10", "50.00")
    billing.generate_batch(session, GenerationRequest(PREVIOUS_CLOSE))
    transaction(session, "C001", "payment", "CHK-1", "2026-10-20", "300.00",
                description="Check 1182, thank you")  # fmt: skip
    transaction(session, "C001", "invoice", "INV-1001", "2026-11-02", "1000.00", "100.00",
                due_date="2026-12-02", description="Consulting, October")  # fmt: skip
    transaction(session, "C001", "credit_memo", "CM-17", "2026-11-10", "50.00",
                description="Returned goods")  # fmt: skip
    transaction(session, "C001", "debit_memo", "DM-3", "2026-11-11", "12.50",
                description="Late fee")  # fmt: skip
    transaction(session, "C002", "invoice", "INV-1002", "2026-11-03", "200.00", "20.00",
                due_date="2026-12-03", description="Shelving")  # fmt: skip
    transaction(session, "C003", "invoice", "INV-1003", "2026-11-04", "99.99", "7.00",
                due_date="2026-12-04", description="Kaffe og kage")  # fmt: skip
    return billing.generate_batch(session, GenerationRequest(CLOSE)).number


LONG_COUNT = 100


def long_batch(session: Session) -> int:
    """One customer with 100 invoices, one with a single invoice; returns the batch number."""
    company(session)
    customer(session, "L001", 15, name="Łódź Müller & Søn", city="Łódź", country="Poland")
    customer(session, "L002", 15, name="Short Statement Ltd")
    for i in range(LONG_COUNT):
        transaction(session, "L001", "invoice", f"LONG-{i:03d}", f"2026-11-{1 + i % 14:02d}",
                    f"{i + 1}.01", "1.00", description=f"Delivery {i}")  # fmt: skip
    transaction(session, "L002", "invoice", "SHORT-1", "2026-11-05", "10.00")
    return billing.generate_batch(session, GenerationRequest(CLOSE)).number


def move_payment(session: Session, number: str, paid: dt.date) -> None:
    """Change the paid date of the payment with this number."""
    query = TransactionQuery(types=frozenset({TransactionType.PAYMENT}))
    (payment,) = [t for t in billing.list_transactions(session, query) if t.number == number]
    draft = TransactionDraft(
        customer_number=payment.customer_number,
        type=payment.type,
        number=payment.number,
        invoice_date=payment.invoice_date,
        due_date=paid,
        amount=payment.amount,
        tax=payment.tax,
        description=payment.description,
    )
    billing.update_transaction(session, payment.id, draft)
