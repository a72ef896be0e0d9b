"""Short ways to put customers and transactions in a test database, through billing itself."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import CustomerDraft, CustomerRecord, TransactionDraft, TransactionRecord
from app.models import TransactionType


def customer(
    session: Session, number: str, cutoff_day: int | None = 15, **fields: object
) -> CustomerRecord:
    values: dict[str, object] = {"name": f"Customer {number}", "cutoff_day": cutoff_day}
    if cutoff_day is not None:
        # A customer in the batch process is mailed: billing asks for what the envelope needs.
        values.update(address1=f"{number} Main Street", city="Springfield")
    values.update(fields)
    return billing.create_customer(session, CustomerDraft(number=number, **values))  # type: ignore[arg-type]


def transaction(
    session: Session,
    customer_number: str,
    kind: TransactionType | str,
    number: str,
    invoice_date: str,
    amount: str,
    tax: str = "0.00",
    due_date: str | None = None,
    description: str = "",
) -> TransactionRecord:
    """`due_date` defaults to the invoice date; for a payment it is the paid date."""
    return billing.create_transaction(
        session,
        TransactionDraft(
            customer_number=customer_number,
            type=TransactionType(kind),
            number=number,
            invoice_date=dt.date.fromisoformat(invoice_date),
            due_date=dt.date.fromisoformat(due_date or invoice_date),
            amount=Decimal(amount),
            tax=Decimal(tax),
            description=description,
        ),
    )
