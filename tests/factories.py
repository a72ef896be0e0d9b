"""Short ways to put customers and transactions in a test database, through billing itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import (
    CustomerDraft,
    CustomerRecord,
    LineDraft,
    TransactionDraft,
    TransactionRecord,
)
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
    amount: str = "",
    tax: str | None = None,
    due_date: str | None = None,
    description: str = "",
    lines: Sequence[LineDraft] = (),
) -> TransactionRecord:
    """`due_date` defaults to the invoice date; for a payment it is the paid date. With
    `lines`, an amount or tax left out is what the lines add up to at the customer's rate."""
    if lines and (not amount or tax is None):
        rate = billing.customer_tax_rate(session, customer_number)
        assert rate is not None, f"there is no customer {customer_number}"
        added, taxed = billing.line_totals(lines, rate)
        amount, tax = amount or str(added), str(taxed) if tax is None else tax
    return billing.create_transaction(
        session,
        TransactionDraft(
            customer_number=customer_number,
            type=TransactionType(kind),
            number=number,
            invoice_date=dt.date.fromisoformat(invoice_date),
            due_date=dt.date.fromisoformat(due_date or invoice_date),
            amount=Decimal(amount),
            tax=Decimal("0.00" if tax is None else tax),
            description=description,
            lines=tuple(lines),
        ),
    )
