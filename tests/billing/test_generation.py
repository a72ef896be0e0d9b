"""R1–R4: which customers and transactions a run takes, the override, the range, one batch."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.billing import BatchKind, InvalidInput, NothingToInclude
from app.models import InvoiceBatch
from app.store import Database
from tests.billing.helpers import count, counter, customers_in, generate, numbers_in, unbatched
from tests.factories import customer, transaction


def _mixed_ledger(s: Session) -> None:
    """Customer A (cutoff 15) with documents before, on and after the 15th, and a payment."""
    customer(s, "A", 15)
    transaction(s, "A", "invoice", "INV-1", "2027-03-01", "100.00", "8.00")
    transaction(s, "A", "credit_memo", "CM-1", "2027-03-10", "20.00", "1.60")
    transaction(s, "A", "debit_memo", "DM-1", "2027-03-15", "5.00")
    transaction(s, "A", "invoice", "INV-2", "2027-03-16", "70.00")
    transaction(s, "A", "payment", "CHK-1", "2027-03-02", "50.00")


def test_r2_takes_documents_dated_on_or_before_the_close_date(db: Database) -> None:
    with db.transaction() as s:
        _mixed_ledger(s)
    with db.transaction() as s:
        record = generate(s, "2027-03-15", description="March")
    with db.transaction() as s:
        assert numbers_in(s, record.number) == ["CM-1", "DM-1", "INV-1"]
        assert unbatched(s) == ["CHK-1", "INV-2"]  # payments never go into a batch
    assert record.kind == BatchKind.GENERATED
    assert record.description == "March"
    assert not record.printed
    totals = record.totals
    assert totals.invoiced == Decimal("80.00")
    assert totals.charges == Decimal("5.00")
    assert totals.taxes == Decimal("6.40")
    assert totals.payments == Decimal("50.00")
    assert totals.invoice_amount == Decimal("41.40")


def test_r2_exclude_closing_date_leaves_documents_dated_on_it(db: Database) -> None:
    with db.transaction() as s:
        _mixed_ledger(s)
    with db.transaction() as s:
        record = generate(s, "2027-03-15", exclude_closing_date=True)
    with db.transaction() as s:
        assert numbers_in(s, record.number) == ["CM-1", "INV-1"]
        assert unbatched(s) == ["CHK-1", "DM-1", "INV-2"]
    assert record.totals.charges == Decimal("0.00")
    assert record.totals.invoice_amount == Decimal("36.40")


def test_r2_already_batched_documents_are_not_taken_again(db: Database) -> None:
    with db.transaction() as s:
        _mixed_ledger(s)
    with db.transaction() as s:
        first = generate(s, "2027-03-15")
        second = generate(s, "2027-04-15")
    with db.transaction() as s:
        assert numbers_in(s, first.number) == ["CM-1", "DM-1", "INV-1"]
        assert numbers_in(s, second.number) == ["INV-2"]


def test_r1_takes_only_active_customers_with_the_cutoff_day(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "A", 15)
        customer(s, "B", 16)
        customer(s, "C", None)
        customer(s, "D", 15, active=False)
        for number in "ABCD":
            transaction(s, number, "invoice", f"INV-{number}", "2027-03-01", "1.00")
    with db.transaction() as s:
        record = generate(s, "2027-03-15")
        assert customers_in(s, record.number) == ["A"]
        assert unbatched(s) == ["INV-B", "INV-C", "INV-D"]


def _range_ledger(s: Session) -> None:
    for number, cutoff in (("C001", 15), ("C002", 15), ("C003", 15), ("C004", 20), ("C005", None)):
        customer(s, number, cutoff)
        transaction(s, number, "invoice", f"INV-{number}", "2027-03-01", "10.00")
        transaction(s, number, "invoice", f"LATE-{number}", "2027-05-01", "1.00")


@pytest.mark.parametrize(
    ("start", "end", "taken"),
    [
        ("C002", "C003", ["C002", "C003"]),
        ("C002", None, ["C002", "C003"]),
        (None, "C002", ["C001", "C002"]),
        ("C002", "C002", ["C002"]),
        (None, None, ["C001", "C002", "C003"]),
    ],
)
def test_customer_range_narrows_the_run(
    db: Database, start: str | None, end: str | None, taken: list[str]
) -> None:
    with db.transaction() as s:
        _range_ledger(s)
    with db.transaction() as s:
        record = generate(s, "2027-03-15", from_customer=start, to_customer=end)
        assert customers_in(s, record.number) == taken
        assert numbers_in(s, record.number) == sorted(f"INV-{c}" for c in taken)


def test_range_ending_before_it_starts_is_refused(db: Database) -> None:
    with db.transaction() as s:
        _range_ledger(s)
    with pytest.raises(InvalidInput) as refused, db.transaction() as s:
        generate(s, "2027-03-15", from_customer="C003", to_customer="C001")
    assert str(refused.value) == "ending customer: comes before the starting customer"


def test_r3_override_ignores_cutoff_date_and_exclusion(db: Database) -> None:
    with db.transaction() as s:
        _range_ledger(s)
        transaction(s, "C001", "invoice", "ON-C001", "2027-03-15", "0.01")
        customer(s, "C006", 15, active=False)
        transaction(s, "C006", "invoice", "INV-C006", "2027-03-01", "10.00")
    with db.transaction() as s:
        record = generate(s, "2027-03-15", override=True, exclude_closing_date=True)
    with db.transaction() as s:
        assert customers_in(s, record.number) == ["C001", "C002", "C003", "C004", "C005"]
        assert unbatched(s) == ["INV-C006"]  # override does not take inactive customers
    assert record.transaction_count == 11
    assert record.totals.invoice_amount == Decimal("55.01")


def test_r3_override_with_a_range(db: Database) -> None:
    with db.transaction() as s:
        _range_ledger(s)
    with db.transaction() as s:
        record = generate(s, "2027-01-31", override=True, from_customer="C004")
        assert numbers_in(s, record.number) == ["INV-C004", "INV-C005", "LATE-C004", "LATE-C005"]


def test_r4_numbers_increase_one_batch_per_run(db: Database) -> None:
    with db.transaction() as s:
        _range_ledger(s)
    with db.transaction() as s:
        first = generate(s, "2027-03-15")
        second = generate(s, "2027-03-20")
        third = generate(s, "2027-05-15")
        assert (first.number, second.number, third.number) == (1, 2, 3)
        assert (first.customer_count, second.customer_count, third.customer_count) == (3, 1, 3)
        assert count(s, InvoiceBatch) == 3


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {},
            "No invoice batch was created for 2027-03-14: no active customer has cutoff day 14.",
        ),
        (
            {"from_customer": "C004"},
            "No invoice batch was created for 2027-03-15: "
            "no active customer has cutoff day 15 in the range.",
        ),
        (
            {"override": True, "from_customer": "D"},
            "No invoice batch was created for 2027-03-15: no active customer is in the range.",
        ),
        (
            {"exclude_closing_date": True, "to_customer": "C001"},
            "No invoice batch was created for 2027-03-15: the eligible customer has "
            "no unbatched invoice or memo dated before 2027-03-15.",
        ),
    ],
)
def test_r4_nothing_to_include_makes_no_batch_and_takes_no_number(
    db: Database, options: dict[str, object], message: str
) -> None:
    with db.transaction() as s:
        _range_ledger(s)
        generate(s, "2027-03-10", to_customer="C001", override=True)  # batch 1 takes C001's
    close = "2027-03-14" if not options else "2027-03-15"
    with pytest.raises(NothingToInclude) as refused, db.transaction() as s:
        generate(s, close, **options)
    assert str(refused.value) == message
    with db.transaction() as s:
        assert count(s, InvoiceBatch) == 1
        assert counter(s) == 1
        assert generate(s, "2027-03-15").number == 2


def test_r4_refusal_counts_the_eligible_customers(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "A", 15)
        customer(s, "B", 15)
        transaction(s, "A", "invoice", "INV-A", "2027-03-16", "1.00")
    with pytest.raises(NothingToInclude) as refused, db.transaction() as s:
        generate(s, "2027-03-15")
    assert str(refused.value) == (
        "No invoice batch was created for 2027-03-15: the 2 eligible customers have "
        "no unbatched invoice or memo dated on or before 2027-03-15."
    )


def test_refusal_inside_a_longer_transaction_keeps_the_other_work(db: Database) -> None:
    """The run's savepoint rolls back only the run, not the clerk's earlier work."""
    with db.transaction() as s:
        customer(s, "A", 15)
        with pytest.raises(NothingToInclude):
            generate(s, "2027-03-15")
        transaction(s, "A", "invoice", "INV-A", "2027-03-01", "3.00")
        record = generate(s, "2027-03-15")
    assert record.number == 1
    assert record.totals.invoice_amount == Decimal("3.00")
