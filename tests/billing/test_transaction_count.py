"""The A/R list's count, made without the joins its filters do not read, finds exactly the
rows the list pages through, under every filter, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from app import billing
from app.billing import GenerationRequest, TransactionQuery, TransactionType
from app.store import Database
from tests import factories

QUERIES = [
    TransactionQuery(),
    TransactionQuery(customer_number="C1"),
    TransactionQuery(customer_number="C9"),
    TransactionQuery(types=frozenset({TransactionType.INVOICE})),
    TransactionQuery(date_from=dt.date(2026, 11, 2), date_to=dt.date(2026, 11, 3)),
    TransactionQuery(batch_number=1),
    TransactionQuery(batch_number=2),
    TransactionQuery(unbatched_only=True),
    TransactionQuery(unbatched_only=True, batch_number=1),
    TransactionQuery(customer_number="C2", batch_number=1, descending=True),
]


@pytest.fixture
def ledger(db: Database) -> Database:
    with db.transaction() as session:
        factories.customer(session, "C1", 15)
        factories.customer(session, "C2", 30)
        factories.transaction(session, "C1", "invoice", "A-1", "2026-11-01", "50.00")
        factories.transaction(session, "C1", "payment", "P-1", "2026-11-02", "20.00")
        factories.transaction(session, "C2", "invoice", "B-1", "2026-11-03", "70.00")
        factories.transaction(session, "C2", "credit_memo", "M-1", "2026-11-20", "5.00")
        billing.generate_batch(session, GenerationRequest(dt.date(2026, 11, 15)))
    return db


@pytest.mark.parametrize("query", QUERIES)
def test_the_count_is_what_the_list_finds(ledger: Database, query: TransactionQuery) -> None:
    with ledger.read() as session:
        listed = billing.list_transactions(session, query)
        assert billing.count_transactions(session, query) == len(listed)


def test_the_filters_find_what_they_say(ledger: Database) -> None:
    with ledger.read() as session:
        counts = [billing.count_transactions(session, query) for query in QUERIES]
    assert counts == [4, 2, 0, 2, 2, 1, 0, 3, 3, 0]  # payments are never batched
