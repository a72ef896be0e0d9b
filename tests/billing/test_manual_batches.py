"""R6: an empty manual batch, then customers and single transactions added and removed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchKind, InvalidInput, NotEligible, NotFound, NothingToInclude
from app.store import Database
from tests.billing.helpers import counter, day, generate, numbers_in, unbatched
from tests.factories import customer, transaction


def _ledger(s: Session) -> int:
    """Customers A (cutoff 15), B (cutoff 20), C (inactive, 15); a manual batch closing 15 Mar."""
    customer(s, "A", 15)
    customer(s, "B", 20)
    customer(s, "C", 15, active=False)
    transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "100.00", "10.00")
    transaction(s, "A", "invoice", "INV-A2", "2027-03-20", "7.00")
    transaction(s, "A", "payment", "CHK-A", "2027-03-05", "40.00")
    transaction(s, "B", "invoice", "INV-B1", "2027-03-01", "200.00")
    transaction(s, "B", "debit_memo", "DM-B1", "2027-04-01", "3.00")
    transaction(s, "C", "invoice", "INV-C1", "2027-03-01", "9.00")
    return billing.create_manual_batch(s, day("2027-03-15"), "  Corrections  ").number


def test_manual_batch_starts_empty_with_its_own_number(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        record = billing.batch_row(s, number)
        assert counter(s) == 1
    assert (record.number, record.kind, record.description) == (1, BatchKind.MANUAL, "Corrections")
    assert (record.customer_count, record.transaction_count) == (0, 0)
    assert record.totals == billing.StatementFigures()


def test_add_customer_brings_its_eligible_transactions(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        assert billing.add_customer(s, number, "A") == 1
        assert numbers_in(s, number) == ["INV-A1"]
        record = billing.batch_row(s, number)
    assert record.totals.payments == Decimal("40.00")
    assert record.totals.invoice_amount == Decimal("70.00")


def test_add_customer_with_another_cutoff_is_refused_without_override(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
    with pytest.raises(NotEligible) as refused, db.transaction() as s:
        billing.add_customer(s, number, "B")
    assert str(refused.value) == (
        "Customer B's cutoff day (20) does not fit the close date 2027-03-15. "
        "Add it with override to include it anyway."
    )
    with db.transaction() as s:
        assert numbers_in(s, number) == []


def test_add_customer_with_override_takes_everything_unbatched(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        assert billing.add_customer(s, number, "B", override=True) == 2
        assert billing.add_customer(s, number, "C", override=True) == 1
        assert numbers_in(s, number) == ["DM-B1", "INV-B1", "INV-C1"]


def test_add_inactive_customer_is_refused_without_override(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
    with pytest.raises(NotEligible, match="Customer C is inactive"), db.transaction() as s:
        billing.add_customer(s, number, "C")


def test_add_customer_with_nothing_eligible_is_refused(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        billing.add_customer(s, number, "A")
    with pytest.raises(NothingToInclude) as refused, db.transaction() as s:
        billing.add_customer(s, number, "A")
    assert str(refused.value) == (
        "Customer A has no unbatched invoice or memo dated on or before 2027-03-15."
    )


def test_add_unknown_customer_is_refused(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
    with pytest.raises(NotFound, match="There is no customer Z"), db.transaction() as s:
        billing.add_customer(s, number, "Z")


def test_remove_customer_releases_its_transactions(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        billing.add_customer(s, number, "A")
        billing.add_customer(s, number, "B", override=True)
        assert billing.remove_customer(s, number, "B") == 2
        assert numbers_in(s, number) == ["INV-A1"]
        assert unbatched(s) == ["CHK-A", "DM-B1", "INV-A2", "INV-B1", "INV-C1"]
    with pytest.raises(NotFound) as refused, db.transaction() as s:
        billing.remove_customer(s, number, "B")
    assert str(refused.value) == "Customer B is not in invoice batch 1."


def test_add_and_remove_single_transactions(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        assert billing.add_transactions(s, number, ["INV-A2", " DM-B1", "INV-A2"]) == 2
        assert numbers_in(s, number) == ["DM-B1", "INV-A2"]
        assert billing.remove_transactions(s, number, ["DM-B1"]) == 1
        assert numbers_in(s, number) == ["INV-A2"]
        record = billing.batch_row(s, number)
    assert (record.customer_count, record.transaction_count) == (1, 1)


def test_add_transactions_refuses_batched_unknown_and_payments(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        other = generate(s, "2027-03-15").number
    with pytest.raises(NotEligible) as taken, db.transaction() as s:
        billing.add_transactions(s, number, ["INV-A2", "INV-A1"])
    assert str(taken.value) == f"Already in a batch: INV-A1 is in batch {other}."
    with pytest.raises(NotFound) as missing, db.transaction() as s:
        billing.add_transactions(s, number, ["INV-A2", "CHK-A", "NOPE"])
    assert str(missing.value) == "There is no invoice or memo numbered CHK-A, NOPE."
    with pytest.raises(InvalidInput, match="name at least one"), db.transaction() as s:
        billing.add_transactions(s, number, [" ", ""])
    with db.transaction() as s:
        assert numbers_in(s, number) == []  # all or none


def test_remove_transactions_not_in_the_batch_is_refused(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        billing.add_transactions(s, number, ["INV-A2"])
    with pytest.raises(NotFound) as refused, db.transaction() as s:
        billing.remove_transactions(s, number, ["INV-A2", "INV-B1"])
    assert str(refused.value) == "Not in invoice batch 1: INV-B1."
    with db.transaction() as s:
        assert numbers_in(s, number) == ["INV-A2"]


def test_candidates_are_what_the_batch_could_take(db: Database) -> None:
    with db.transaction() as s:
        number = _ledger(s)
        plain = [t.number for t in billing.candidates(s, number)]
        overridden = [t.number for t in billing.candidates(s, number, "A", override=True)]
    assert plain == ["INV-A1", "INV-B1", "INV-C1"]
    assert overridden == ["INV-A1", "INV-A2"]


def test_unknown_batch_is_refused(db: Database) -> None:
    with pytest.raises(NotFound, match="There is no invoice batch 9"), db.transaction() as s:
        billing.add_customer(s, 9, "A")
