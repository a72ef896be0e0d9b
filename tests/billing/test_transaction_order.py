"""The A/R transactions list sorts by each of its columns in the database, ties in the same
direction as the sort, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from app import billing
from app.billing import TransactionQuery, TransactionSort, TransactionType, transactions
from app.store import Database
from tests import factories


@pytest.fixture
def ledger(db: Database) -> Database:
    with db.transaction() as session:
        factories.customer(session, "C2")
        factories.customer(session, "C1")
        factories.transaction(session, "C2", "invoice", "B-2", "2026-11-02", "50.00", "5.00",
                              description="toner")  # fmt: skip
        factories.transaction(session, "C1", "invoice", "A-9", "2026-11-01", "50.00", "1.00",
                              description="paper")  # fmt: skip
        factories.transaction(session, "C2", "payment", "CHK 7", "2026-11-03", "20.00",
                              description="check")  # fmt: skip
        factories.transaction(session, "C1", "debit_memo", "D-1", "2026-11-02", "7.50",
                              due_date="2026-12-30", description="freight")  # fmt: skip
    return db


def _numbers(db: Database, sort: TransactionSort, descending: bool) -> list[str]:
    with db.transaction() as session:
        query = TransactionQuery(sort=sort, descending=descending)
        return [t.number for t in billing.list_transactions(session, query)]


@pytest.mark.parametrize(
    ("sort", "ascending"),
    [
        (TransactionSort.CUSTOMER, ["A-9", "D-1", "B-2", "CHK 7"]),
        (TransactionSort.TYPE, ["D-1", "B-2", "A-9", "CHK 7"]),
        (TransactionSort.NUMBER, ["A-9", "B-2", "CHK 7", "D-1"]),
        (TransactionSort.INVOICE_DATE, ["A-9", "B-2", "D-1", "CHK 7"]),
        (TransactionSort.DUE_DATE, ["A-9", "B-2", "CHK 7", "D-1"]),
        (TransactionSort.AMOUNT, ["D-1", "CHK 7", "B-2", "A-9"]),
        (TransactionSort.TAX, ["CHK 7", "D-1", "A-9", "B-2"]),
        (TransactionSort.DESCRIPTION, ["CHK 7", "D-1", "A-9", "B-2"]),
    ],
)
def test_each_column_sorts_both_ways_with_ties_following_the_sort(
    ledger: Database, sort: TransactionSort, ascending: list[str]
) -> None:
    assert _numbers(ledger, sort, descending=False) == ascending
    assert _numbers(ledger, sort, descending=True) == ascending[::-1]


def test_every_sorted_column_leads_an_index(db: Database) -> None:
    leading = {
        index["column_names"][0] for index in inspect(db.engine).get_indexes("ar_transactions")
    }
    for column in ("customer_id", "type", "number", "invoice_date", "due_date", "amount", "tax"):
        assert column in leading


@pytest.mark.parametrize("sort", sorted(transactions.SORTED_BY_INDEX))
def test_a_type_read_along_the_sort_lists_the_same_rows(
    ledger: Database, monkeypatch: pytest.MonkeyPatch, sort: TransactionSort
) -> None:
    """However the list reads a type filter (on SQLite, along the sort's index when the types
    have many rows), it finds the same rows in the same order."""
    with ledger.transaction() as session:
        factories.transaction(session, "C2", "invoice", "B-3", "2026-11-02", "50.00", "5.00")
    kinds = frozenset({TransactionType.INVOICE, TransactionType.DEBIT_MEMO})
    listed = {}
    for many in (transactions.MANY, 1):
        monkeypatch.setattr(transactions, "MANY", many)
        with ledger.transaction() as session:
            listed[many] = [
                [t.number for t in billing.list_transactions(session, query, 1, 2)]
                for descending in (False, True)
                for query in [TransactionQuery(types=kinds, sort=sort, descending=descending)]
            ]
    assert listed[1] == listed[transactions.MANY]
    assert all(len(page) == 2 for page in listed[1])
