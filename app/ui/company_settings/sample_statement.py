"""A made-up one-customer batch, so the settings preview shows a real report page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.billing import (
    Aging,
    BatchKind,
    BatchRecord,
    BatchStatement,
    CustomerRecord,
    CustomerStatement,
    StatementFigures,
    TransactionRecord,
    TransactionType,
)

SAMPLE_DAY = dt.date(2026, 11, 15)


def sample_statement() -> BatchStatement:
    customer = CustomerRecord(
        id=1,
        number="C001",
        name="Łódź Müller & Søn",
        address1="1200 Harbor Boulevard, Suite 4",
        address2="",
        city="Springfield",
        region="IL",
        postal_code="62701",
        country="",
        email="",
        phone="",
        cutoff_day=15,
        active=True,
        notes="",
    )
    invoice = TransactionRecord(
        id=1,
        customer_id=1,
        customer_number="C001",
        customer_name=customer.name,
        type=TransactionType.INVOICE,
        number="INV-1001",
        invoice_date=dt.date(2026, 11, 2),
        due_date=dt.date(2026, 12, 2),
        amount=Decimal("1000.00"),
        tax=Decimal("100.00"),
        description="Sample invoice",
        batch_number=1,
        batch_locked=False,
    )
    figures = StatementFigures(invoiced=Decimal("1000.00"), taxes=Decimal("100.00"))
    aging = Aging(current=Decimal("1100.00"))  # the sample invoice is due after the close date
    batch = BatchRecord(
        id=1,
        number=1,
        close_date=SAMPLE_DAY,
        description="Sample",
        kind=BatchKind.GENERATED,
        created_at=dt.datetime.combine(SAMPLE_DAY, dt.time(9)),
        printed_at=None,
        print_count=0,
        customer_count=1,
        transaction_count=1,
        totals=figures,
        aging=aging,
    )
    section = CustomerStatement(customer, figures, aging, None, (invoice,), ())
    return BatchStatement(batch, (section,))
