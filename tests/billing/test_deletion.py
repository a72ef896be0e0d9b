"""R7 and R4: deleting an unprinted batch releases its transactions; numbers are never reused."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from app import billing
from app.billing import NotFound
from app.models import InvoiceBatch
from app.store import Database
from tests.billing.helpers import count, counter, day, generate, numbers_in, unbatched
from tests.factories import customer, transaction


def _two_batches(s: Session) -> tuple[int, int]:
    customer(s, "A", 15)
    customer(s, "B", 20)
    transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "10.00")
    transaction(s, "B", "invoice", "INV-B1", "2027-03-01", "20.00")
    transaction(s, "B", "credit_memo", "CM-B1", "2027-03-02", "5.00")
    return generate(s, "2027-03-15").number, generate(s, "2027-03-20").number


def test_delete_releases_the_transactions(db: Database) -> None:
    with db.transaction() as s:
        first, second = _two_batches(s)
        assert billing.delete_batch(s, second) == 2
    with db.transaction() as s:
        assert unbatched(s) == ["CM-B1", "INV-B1"]
        assert [b.number for b in billing.list_batches(s)] == [first]
        again = generate(s, "2027-03-20")
        assert numbers_in(s, again.number) == ["CM-B1", "INV-B1"]
    assert again.number == 3


def test_newest_batch_number_is_not_reused_after_deletion(db: Database) -> None:
    with db.transaction() as s:
        _, second = _two_batches(s)
    with db.transaction() as s:
        billing.delete_batch(s, second)
    with db.transaction() as s:
        manual = billing.create_manual_batch(s, day("2027-03-31"), "")
        assert counter(s) == 3
    assert manual.number == 3


def test_older_batch_number_is_not_reused_either(db: Database) -> None:
    with db.transaction() as s:
        first, second = _two_batches(s)
        billing.delete_batch(s, first)
        billing.delete_batch(s, second)
        assert count(s, InvoiceBatch) == 0
        assert generate(s, "2027-03-31", override=True).number == 3


def test_deleting_an_empty_manual_batch_releases_nothing(db: Database) -> None:
    with db.transaction() as s:
        number = billing.create_manual_batch(s, day("2027-03-31"), "").number
        assert billing.delete_batch(s, number) == 0
        assert count(s, InvoiceBatch) == 0


def test_deleting_an_unknown_batch_is_refused(db: Database) -> None:
    with db.transaction() as s:
        _two_batches(s)
    with pytest.raises(NotFound, match="There is no invoice batch 7"), db.transaction() as s:
        billing.delete_batch(s, 7)
    with db.transaction() as s:
        assert count(s, InvoiceBatch) == 2
