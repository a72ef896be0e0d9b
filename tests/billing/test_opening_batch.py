"""R10: the opening batch takes the history of every customer in the process, marked printed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchKind, BatchPrinted, NotFound, NothingToInclude
from app.models import InvoiceBatch
from app.store import Database
from tests.billing.helpers import (
    count,
    counter,
    customers_in,
    day,
    figures_of,
    generate,
    numbers_in,
    unbatched,
)
from tests.factories import customer, transaction


def _history(s: Session) -> None:
    customer(s, "A", 5)
    customer(s, "B", 28)
    customer(s, "C", None)  # not in the batch process
    transaction(s, "A", "invoice", "OLD-A1", "2026-11-20", "300.00", "30.00")
    transaction(s, "A", "credit_memo", "OLD-A2", "2026-12-31", "40.00")
    transaction(s, "A", "payment", "OLD-PAY", "2026-12-10", "100.00")
    transaction(s, "A", "invoice", "NEW-A1", "2027-01-02", "50.00")
    transaction(s, "B", "debit_memo", "OLD-B1", "2026-10-01", "12.00")
    transaction(s, "C", "invoice", "OLD-C1", "2026-10-01", "99.00")


def test_opening_batch_takes_all_customers_in_the_process(db: Database) -> None:
    with db.transaction() as s:
        _history(s)
        record = billing.create_opening_batch(s, day("2026-12-31"))
        assert customers_in(s, record.number) == ["A", "B"]
        assert numbers_in(s, record.number) == ["OLD-A1", "OLD-A2", "OLD-B1"]
        assert unbatched(s) == ["NEW-A1", "OLD-C1", "OLD-PAY"]
    assert (record.kind, record.description) == (BatchKind.OPENING, "Opening batch")
    assert record.printed
    assert record.print_count == 0
    assert record.totals.invoice_amount == Decimal("202.00")


def test_opening_batch_items_stay_off_the_next_statement(db: Database) -> None:
    with db.transaction() as s:
        _history(s)
        billing.create_opening_batch(s, day("2026-12-31"))
        january = generate(s, "2027-01-05")
        assert numbers_in(s, january.number) == ["NEW-A1"]
        a = figures_of(s, january.number, "A")
    assert a.former_amount == Decimal("190.00")  # the opening balance, as its amount due
    assert a.payments == Decimal("0.00")
    assert a.invoice_amount == Decimal("240.00")


def test_opening_batch_is_read_only_and_has_no_original_print(db: Database) -> None:
    with db.transaction() as s:
        _history(s)
        number = billing.create_opening_batch(s, day("2026-12-31")).number
    with pytest.raises(BatchPrinted) as refused, db.transaction() as s:
        billing.delete_batch(s, number)
    assert str(refused.value).startswith(f"Invoice batch {number} was marked printed on ")
    with pytest.raises(BatchPrinted), db.transaction() as s:
        billing.add_transactions(s, number, ["NEW-A1"])
    never = "opening batch; it was never printed"
    with pytest.raises(NotFound, match=never), db.transaction() as s:
        billing.original_print(s, number)
    with db.transaction() as s:
        assert count(s, InvoiceBatch) == 1


def test_opening_batch_with_nothing_is_refused(db: Database) -> None:
    with db.transaction() as s:
        _history(s)
    with pytest.raises(NothingToInclude) as refused, db.transaction() as s:
        billing.create_opening_batch(s, day("2026-09-30"))
    assert str(refused.value) == (
        "No opening batch was created: no customer in the invoice batch process has "
        "an unbatched invoice or memo dated on or before 2026-09-30."
    )
    with db.transaction() as s:
        assert (count(s, InvoiceBatch), counter(s)) == (0, 0)
