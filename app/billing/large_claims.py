"""A claim of most of the history on PostgreSQL: its rows are written without the indexes, which
are built again afterwards.

Claiming a transaction sets `batch_id`, an indexed column, so PostgreSQL writes a new entry into
every index of ar_transactions for each row claimed (an update is HOT only when no indexed column
changes). An override run claims nine in ten rows of the history: a million random insertions
into each sorting index, far more than sorting the table once to build it again (at a million
rows the claim took over twice as long with its indexes as without them and their builds).
The indexes are dropped and built in the claim's transaction, so a rollback keeps them; that
transaction holds ar_transactions to itself until it ends, as a run of that size is rare (the
first override run after an opening batch, an import of a whole history).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Index, func, select, text
from sqlalchemy.orm import Session

from app.models import ARTransaction, Base

# A claim this large changes the statistics PostgreSQL plans the batch's first reads by.
LARGE_CLAIM = 10_000
# From this share of the table on, building the indexes again costs less than writing into them.
REBUILD_SHARE = 0.25


def _rebuilt_indexes() -> list[Index]:
    """The indexes a claimed row is written into. The primary key stays (other tables' keys
    name it), and so do the partial indexes of rows a claim never or seldom writes: the
    unbatched documents, which claimed rows leave, and the few card fee memos."""
    table = Base.metadata.tables[ARTransaction.__tablename__]
    return sorted(
        (i for i in table.indexes if i.unique or i.dialect_options["postgresql"]["where"] is None),
        key=lambda i: str(i.name),
    )


def is_large(session: Session, condition: ColumnElement[bool]) -> bool:
    """Whether claiming the documents of `condition` on PostgreSQL takes so large a share of the
    table that its indexes are built again rather than written row by row."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    claimed = session.scalar(select(func.count()).select_from(ARTransaction).where(condition))
    # The planner's row count, kept by ANALYZE and VACUUM: -1 before either ever ran.
    rows = session.scalar(
        text("SELECT reltuples FROM pg_class WHERE oid = 'ar_transactions'::regclass")
    )
    return (claimed or 0) >= max(LARGE_CLAIM, REBUILD_SHARE * float(rows or 0))


@contextmanager
def indexes_built_after(session: Session) -> Iterator[None]:
    """Drop the indexes a claim writes into, and build them again once the block has run."""
    connection = session.connection()
    indexes = _rebuilt_indexes()
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)


def analyze_after(session: Session, claimed: int) -> None:
    """After a large claim on PostgreSQL, gather the statistics of what it changed."""
    if claimed >= LARGE_CLAIM and session.get_bind().dialect.name == "postgresql":
        # PostgreSQL plans this transaction's next reads (the new batch's figures) from
        # statistics that still see these rows unbatched and these customers unmarked, and
        # chose nested loops over them that ran for minutes at a million rows. ANALYZE sees
        # the transaction's own changes, and is rolled back with it.
        session.execute(text("ANALYZE ar_transactions, stale_customers"))
