"""R8 and R17 as the database works them out for a whole batch at once: each customer's own
payment period (its own S), and aging whose credits reach past the items over 90 days."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app import billing
from app.billing import Aging, CustomerStatement
from app.billing.batches import find_batch
from app.billing.statements import batch_statement
from app.store import Database
from tests.billing.helpers import generate
from tests.factories import customer, transaction


def _three_periods(s: Session) -> int:
    """A batch of three customers with three different S: A's previous batch closed 15 Jan,
    B's 10 Jan, and C has none."""
    customer(s, "A", 15)
    customer(s, "B", 10)
    customer(s, "C", 20)
    transaction(s, "A", "invoice", "INV-A1", "2027-01-02", "100.00")
    transaction(s, "B", "invoice", "INV-B1", "2027-01-02", "200.00")
    generate(s, "2027-01-10")
    generate(s, "2027-01-15")
    transaction(s, "A", "payment", "P-A-BEFORE", "2027-01-12", "10.00")  # on or before S
    transaction(s, "A", "payment", "P-A-IN", "2027-01-20", "20.00")
    transaction(s, "B", "payment", "P-B-BEFORE", "2027-01-08", "30.00")
    transaction(s, "B", "payment", "P-B-IN", "2027-01-12", "40.00")  # after B's S, before A's
    transaction(s, "C", "payment", "P-C-OLD", "2026-06-01", "50.00")  # no S: any date counts
    for who in "ABC":
        transaction(s, who, "invoice", f"INV-{who}2", "2027-02-01", "60.00", "6.00")
        transaction(s, who, "payment", f"P-{who}-LATE", "2027-02-16", "1.00")  # after D
    return generate(s, "2027-02-15", override=True).number


def _by_customer(statements: tuple[CustomerStatement, ...]) -> dict[str, CustomerStatement]:
    return {c.customer.number: c for c in statements}


def test_each_customer_lists_the_payments_of_its_own_period(db: Database) -> None:
    with db.transaction() as s:
        number = _three_periods(s)
    with db.read() as s:
        customers = _by_customer(billing.statement_of(s, number).customers)
    listed = {who: [p.number for p in c.payments] for who, c in customers.items()}
    assert listed == {"A": ["P-A-IN"], "B": ["P-B-IN"], "C": ["P-C-OLD"]}
    for c in customers.values():
        assert c.figures.payments == sum((p.amount for p in c.payments), Decimal("0.00"))
    assert customers["A"].figures.former_amount == Decimal("90.00")
    assert customers["B"].figures.former_amount == Decimal("170.00")
    assert customers["C"].figures.former_amount == Decimal("0.00")
    assert str(customers["A"].previous_close_date) == "2027-01-15"
    assert str(customers["B"].previous_close_date) == "2027-01-10"
    assert customers["C"].previous_close_date is None


def test_one_customer_alone_reads_as_in_the_whole_batch(db: Database) -> None:
    with db.transaction() as s:
        number = _three_periods(s)
    with db.read() as s:
        batch = find_batch(s, number)
        whole = _by_customer(batch_statement(s, batch).customers)
        for who, c in whole.items():
            (alone,) = batch_statement(s, batch, [c.customer.id]).customers
            assert alone == whole[who]


@pytest.mark.parametrize(
    ("paid", "aging"),
    [
        # Credit within the item over 90 days: it keeps the rest, the new item is untouched.
        ("30.00", Aging(current=Decimal("50.00"), over_90=Decimal("70.00"))),
        # Credit past it: the old item is settled and the rest comes off the new one.
        ("130.00", Aging(current=Decimal("20.00"))),
        # Credit past every item: what is left over lowers "current" below zero.
        ("160.00", Aging(current=Decimal("-10.00"))),
    ],
)
def test_aging_applies_credit_past_the_items_over_90_days(
    db: Database, paid: str, aging: Aging
) -> None:
    with db.transaction() as s:
        customer(s, "K", 15)
        transaction(s, "K", "invoice", "OLD", "2026-09-01", "100.00", due_date="2026-10-01")
        generate(s, "2026-09-15")
        transaction(s, "K", "invoice", "NEW", "2027-01-05", "50.00", due_date="2027-02-04")
        transaction(s, "K", "payment", "P-1", "2026-12-01", paid)
        number = generate(s, "2027-01-15").number
    with db.read() as s:
        (k,) = billing.statement_of(s, number).customers
    assert k.aging == aging
    assert k.aging.total == k.figures.invoice_amount
