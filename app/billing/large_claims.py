"""A claim of most of the history on PostgreSQL: its rows are written without the indexes and
the batch key, which are built again afterwards.

Claiming a transaction sets `batch_id`, an indexed column, so PostgreSQL writes a new entry into
every index of ar_transactions for each row claimed (an update is HOT only when no indexed column
changes), and checks the batch key with one look-up a row. An override run claims nine in ten
rows of the history: a million random insertions into each sorting index and a million
look-ups, far more than sorting the table once to build each index and checking the key with
one join (at a million rows, on a loaded machine: 261 s with them, 75 s without the indexes
plus 43 s of builds, of which 16 s were the key's look-ups).
The indexes and the key are dropped and built in the claim's transaction, so a rollback keeps
them. That transaction holds ar_transactions and invoice_batches to itself until it ends, so
other clerks' reads of them wait for the run, which a run of that size is rare enough to afford
(the first override run over a whole history). The tables are taken only if nobody is reading
them at that moment: waiting for them would queue every later reader behind the run's request;
else the claim writes its rows as any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, ForeignKeyConstraint, Index, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.schema import AddConstraint, DropConstraint

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


def _batch_key() -> ForeignKeyConstraint:
    """The foreign key to the batch: PostgreSQL checks it with one look-up a row claimed, and
    once for all rows when it is added again."""
    table = Base.metadata.tables[ARTransaction.__tablename__]
    return next(k for k in table.foreign_key_constraints if k.column_keys == ["batch_id"])


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


def _table_taken(session: Session) -> bool:
    """Hold ar_transactions (and invoice_batches, whose key is dropped with it) alone until the
    transaction ends, if no one else holds them now."""
    connection = session.connection()  # a savepoint of its own, not a change of the session's
    try:
        with connection.begin_nested():
            connection.execute(
                text("LOCK TABLE ar_transactions, invoice_batches IN ACCESS EXCLUSIVE MODE NOWAIT")
            )
    except OperationalError:
        return False
    return True


@contextmanager
def indexes_built_after(session: Session) -> Iterator[None]:
    """Drop the indexes a claim writes into and the batch key it checks, and build them again
    once the block has run; with another clerk reading the tables at that moment, the block
    runs with them."""
    if not _table_taken(session):
        yield
        return
    connection = session.connection()
    indexes, key = _rebuilt_indexes(), _batch_key()
    connection.execute(DropConstraint(key))
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)
    connection.execute(AddConstraint(key))


def analyze_after(session: Session, claimed: int) -> None:
    """After a large claim on PostgreSQL, gather the statistics of what it changed."""
    if claimed >= LARGE_CLAIM and session.get_bind().dialect.name == "postgresql":
        # PostgreSQL plans this transaction's next reads (the new batch's figures) from
        # statistics that still see these rows unbatched and these customers unmarked, and
        # chose nested loops over them that ran for minutes at a million rows. ANALYZE sees
        # the transaction's own changes, and is rolled back with it.
        session.execute(text("ANALYZE ar_transactions, stale_customers"))
