"""A claim of most of the history builds the indexes again on PostgreSQL instead of writing into
them: it takes the same rows and gives the same figures, and leaves (or, rolled back, keeps) the
indexes the models say, the document numbers still unique."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from app.billing import NothingToInclude, large_claims
from app.models import Base
from app.store import Database
from tests.billing.helpers import generate, numbers_in, unbatched
from tests.factories import customer, transaction

# What a document row needs, to copy one under the same number.
COLUMNS = (
    "customer_id", "type", "number", "invoice_date", "due_date", "amount", "tax",
    "description", "category", "method",
)  # fmt: skip


@pytest.fixture(autouse=True)
def every_claim_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(large_claims, "LARGE_CLAIM", 1)


# Two customers of cutoff day 15: documents before, on and after 15 March, and a payment.
LEDGER = (
    ("A", "invoice", "INV-1", "2027-03-01", "100.00", "8.00"),
    ("A", "credit_memo", "CM-1", "2027-03-10", "20.00", "1.60"),
    ("B", "debit_memo", "DM-1", "2027-03-15", "5.00", "0.00"),
    ("B", "invoice", "INV-2", "2027-03-16", "70.00", "0.00"),
    ("A", "payment", "CHK-1", "2027-03-02", "50.00", "0.00"),
)


def _ledger(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "A", 15)
        customer(s, "B", 15)
        for row in LEDGER:
            transaction(s, *row)


def _index_names(db: Database) -> set[str]:
    return {str(i["name"]) for i in inspect(db.engine).get_indexes("ar_transactions")}


def test_a_large_claim_takes_the_rows_and_gives_the_figures_of_any_claim(db: Database) -> None:
    _ledger(db)
    with db.transaction() as s:
        record = generate(s, "2027-03-15")
    with db.transaction() as s:
        assert numbers_in(s, record.number) == ["CM-1", "DM-1", "INV-1"]
        assert unbatched(s) == ["CHK-1", "INV-2"]
    assert record.customer_count == 2
    assert record.totals.invoiced == Decimal("80.00")
    assert record.totals.charges == Decimal("5.00")
    assert record.totals.taxes == Decimal("6.40")
    assert record.totals.payments == Decimal("50.00")
    assert record.totals.invoice_amount == Decimal("41.40")


def test_after_a_large_claim_the_indexes_are_the_models(db: Database) -> None:
    _ledger(db)
    with db.transaction() as s:
        generate(s, "2027-03-31", override=True)
    modelled = {str(i.name) for i in Base.metadata.tables["ar_transactions"].indexes}
    assert _index_names(db) == modelled
    copy = ", ".join(COLUMNS)
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(
            text(
                f"INSERT INTO ar_transactions ({copy}) "
                f"SELECT {copy} FROM ar_transactions WHERE number = 'INV-1'"
            )
        )


def _override_run_that_fails(db: Database) -> None:
    with db.transaction() as s:
        generate(s, "2027-03-31", override=True)
        raise RuntimeError("the clerk's run fails after its claim")


def test_a_large_claim_rolled_back_keeps_its_indexes(db: Database) -> None:
    _ledger(db)
    before = _index_names(db)
    with pytest.raises(RuntimeError):
        _override_run_that_fails(db)
    assert _index_names(db) == before
    with db.transaction() as s:
        assert unbatched(s) == ["CHK-1", "CM-1", "DM-1", "INV-1", "INV-2"]
    with pytest.raises(NothingToInclude), db.transaction() as s:
        generate(s, "2027-02-28", override=False)
    assert _index_names(db) == before
