"""What an Invoice Batches database holds that a restore compares: whose it is, its batches
and its counters, read with plain SQL from the file in use or from a backup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.store.errors import DatabaseError

IDENTITY_KEY = "database_id"  # written by migration 0003
BATCH_COUNTER = "batch_number"

NEEDED_TABLES = frozenset(
    {"alembic_version", "settings", "counters", "invoice_batches", "customers", "ar_transactions"}
)

Query = Callable[[str], Sequence[Sequence[Any]]]


@dataclass(frozen=True)
class BatchState:
    number: int
    close_date: dt.date
    printed: bool


@dataclass(frozen=True)
class DatabaseFacts:
    revision: str
    identity: str | None  # None: made before databases carried one (revision 0003)
    company_name: str | None  # None: never set
    batches: tuple[BatchState, ...]  # by number
    batch_counter: int
    customers: int
    transactions: int

    @property
    def newest_batch(self) -> BatchState | None:
        return self.batches[-1] if self.batches else None


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def read_facts(query: Query) -> DatabaseFacts:
    """Read the facts through `query` (one SQL statement in, its rows out).

    Raises DatabaseError when this is not an Invoice Batches database."""
    tables = {str(row[0]) for row in query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if NEEDED_TABLES - tables:
        raise DatabaseError("it is not an Invoice Batches database")
    revision = query("SELECT version_num FROM alembic_version")
    settings = {str(k): str(v) for k, v in query("SELECT key, value FROM settings")}
    counters = {str(k): int(v) for k, v in query("SELECT name, value FROM counters")}
    batches = query(
        "SELECT number, close_date, printed_at IS NOT NULL FROM invoice_batches ORDER BY number"
    )
    return DatabaseFacts(
        revision=str(revision[0][0]) if revision else "",
        identity=settings.get(IDENTITY_KEY),
        company_name=settings.get("company_name"),
        batches=tuple(BatchState(int(n), _date(d), bool(p)) for n, d, p in batches),
        batch_counter=counters.get(BATCH_COUNTER, 0),
        customers=int(query("SELECT count(*) FROM customers")[0][0]),
        transactions=int(query("SELECT count(*) FROM ar_transactions")[0][0]),
    )
