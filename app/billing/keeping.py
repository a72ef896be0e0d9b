"""Bringing the kept figures up to date: the stale customers' rows from their base on are worked
out again (R8's parts and R12's window in SQL, R17's aging a batch at a time) and written back,
the batches they are in summed again, and the marks removed, in one transaction.

Two clerks may try this at once on PostgreSQL: the second gives way at once (a transaction
lock only one holds), as two could otherwise sum one batch from different rows. The one
working claims only the marks no writer holds (`FOR UPDATE SKIP LOCKED`); a writer who changes
a claimed customer meanwhile waits for the work to end and then marks the customer again. A
reader never needs this for a right answer (kept_figures.py works stale customers out afresh);
it only makes the next reading cheap.
"""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    CTE,
    Connection,
    Engine,
    Select,
    delete,
    exists,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.billing.aging import aging_of_members
from app.billing.kept_batches import batch_sums
from app.billing.kept_figures import FIGURES, from_base, recomputed, stale_starts
from app.billing.records import Aging
from app.models import ARTransaction, InvoiceBatch, KeptBatch, KeptFigures, StaleCustomer
from app.store.engine import SQLITE_BUSY_TIMEOUT_MS
from app.store.reading import READ_ONLY

AGING = ("aging_current", "aging_1_30", "aging_31_60", "aging_61_90", "aging_over_90")
Pair = tuple[int, int]
KEEPING_LOCK = 0x6B657074  # "kept": the PostgreSQL transaction lock of whoever is keeping
# From how many marks PostgreSQL is told how many are being refreshed.
MANY_MARKS = 1_000


def _claim(connection: Connection, among: Select[int] | None) -> int:
    """Mark as ours every stale customer no other transaction holds (of those `among` selects,
    when given); how many there are."""
    free = select(StaleCustomer.customer_id)
    if among is not None:
        free = free.where(StaleCustomer.customer_id.in_(among.scalar_subquery()))
    free = free.with_for_update(skip_locked=True)
    claimed = connection.execute(
        update(StaleCustomer)
        .where(StaleCustomer.customer_id.in_(free.scalar_subquery()))
        .values(refreshing=True)
    )
    return claimed.rowcount


def _kept_aging(session: Session, starts: CTE) -> dict[Pair, tuple[int, ...]]:
    """The aging of the rows from the base on that close before the mark: still true."""
    kept = KeptFigures
    rows = session.execute(
        select(kept.batch_id, kept.customer_id, *(getattr(kept, name) for name in AGING))
        .join(starts, starts.c.customer_id == kept.customer_id)
        .where(from_base(kept.close_date, kept.number, starts), kept.close_date < starts.c.marked)
    )
    return {(batch_id, customer_id): tuple(cells) for batch_id, customer_id, *cells in rows}


def _cents(aging: Aging) -> tuple[int, ...]:
    return tuple(int(cell * 100) for cell in aging.cells())


def _fresh_aging(session: Session, pairs: list[Pair]) -> dict[Pair, tuple[int, ...]]:
    """R17 of these (batch, customer) pairs, one query per batch. Each pair is a row worked
    out from the batch's transactions, so the customer is known to be in the batch: asking
    the table again read every customer's rows twice (on PostgreSQL, with no index on a
    transaction's batch, the batch's members are found only among their rows)."""
    by_batch: dict[int, set[int]] = defaultdict(set)
    for batch_id, customer_id in pairs:
        by_batch[batch_id].add(customer_id)
    result: dict[Pair, tuple[int, ...]] = {}
    batches = session.scalars(select(InvoiceBatch).where(InvoiceBatch.id.in_(list(by_batch))))
    for batch in batches:
        members = ARTransaction.customer_id.in_(by_batch[batch.id])
        for customer_id, aging in aging_of_members(session, batch, members).items():
            result[batch.id, customer_id] = _cents(aging)
    return result


def _rows(session: Session, starts: CTE) -> list[dict[str, Any]]:
    """The claimed customers' rows from their base on, each with its aging, batch by batch."""
    figures: list[dict[str, Any]] = [
        dict(zip(FIGURES, row, strict=True)) for row in session.execute(recomputed(starts))
    ]
    aging = _kept_aging(session, starts)
    missing = [(r["batch_id"], r["customer_id"]) for r in figures]
    aging |= _fresh_aging(session, [pair for pair in missing if pair not in aging])
    for row in figures:
        row.update(zip(AGING, aging[row["batch_id"], row["customer_id"]], strict=True))
    # Every reading of kept rows is by batch, and a table keeps its rows where they were
    # written: written customer by customer, as they are worked out, the 10,000 rows of one
    # batch of the 1M history lay on 7,014 pages of PostgreSQL's heap, all read to show the
    # batch; written batch by batch, on 223.
    figures.sort(key=itemgetter("batch_id", "customer_id"))
    return figures


def _sum_batches(connection: Connection, batch_ids: set[int]) -> None:
    """Sum these batches' kept rows into their kept batch rows again."""
    batch = KeptFigures.batch_id
    connection.execute(delete(KeptBatch).where(KeptBatch.batch_id.in_(batch_ids)))
    sums = batch_sums(KeptFigures) | {name: func.sum(getattr(KeptFigures, name)) for name in AGING}
    summed = select(batch, *sums.values()).where(batch.in_(batch_ids)).group_by(batch)
    connection.execute(insert(KeptBatch).from_select(["batch_id", *sums], summed))


def keep_figures(session: Session, among: Select[int] | None = None) -> int:
    """Bring every stale customer this session can claim (of those `among` selects, when
    given) up to date, in the session's own transaction; how many customers that was.

    It writes through the session's connection, not the ORM: keeping figures changes no
    clerk's data, so it is no change the audit trail (R20) asks an entry for."""
    connection = session.connection()
    if connection.dialect.name == "postgresql" and not connection.scalar(
        select(func.pg_try_advisory_xact_lock(KEEPING_LOCK))
    ):
        return 0
    claimed = _claim(connection, among)
    if not claimed:
        return 0
    if claimed >= MANY_MARKS and connection.dialect.name == "postgresql":
        # The statistics still see no mark being refreshed, so PostgreSQL plans for one stale
        # customer and matches every customer against every other in a nested loop: 3.5 s of
        # keeping the 9,800 customers a run over everybody marked. ANALYZE sees the
        # transaction's own marks; the transaction lock above keeps two keepers from both
        # running it.
        connection.execute(text("ANALYZE stale_customers"))
    starts = stale_starts(StaleCustomer.refreshing.is_(True))
    rows = _rows(session, starts)
    kept = KeptFigures
    outdated = exists(
        select(starts.c.customer_id).where(
            starts.c.customer_id == kept.customer_id,
            from_base(kept.close_date, kept.number, starts),
        )
    )
    summed = set(connection.scalars(select(kept.batch_id).where(outdated).distinct()))
    connection.execute(delete(kept).where(outdated))
    if rows:
        connection.execute(insert(kept), rows)
    _sum_batches(connection, summed | {row["batch_id"] for row in rows})
    return connection.execute(
        delete(StaleCustomer).where(StaleCustomer.refreshing.is_(True))
    ).rowcount


def _anything_stale(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.scalar(select(exists().where(StaleCustomer.customer_id > 0))))


def keep_figures_before_reading(session: Session, among: Select[int] | None = None) -> None:
    """Bring the kept figures up to date before `session` reads them: in its own transaction
    when it may write, else in a short one beside it that gives way at once to any other
    writer (a reader never waits: what is left stale is worked out afresh as it reads).

    Keeping is only ever a saving: when it fails (another writer holds SQLite, a batch was
    deleted meanwhile), nothing of it stays and the reading goes on, working the figures out."""
    bind = session.get_bind()
    if not bind.get_execution_options().get(READ_ONLY):
        try:
            with session.begin_nested():
                keep_figures(session, among)
        except DBAPIError:
            pass  # the savepoint is rolled back; the clerk's own changes stay
        return
    engine = bind if isinstance(bind, Engine) else bind.engine
    if not _anything_stale(engine):
        return
    with engine.connect() as connection:
        # Set on the connection, after the reader's engine made it read-only.
        connection.execution_options(**{READ_ONLY: False, "postgresql_readonly": False})
        sqlite = connection.connection.dbapi_connection if engine.dialect.name == "sqlite" else None
        if sqlite is not None:
            sqlite.execute("PRAGMA busy_timeout = 0")  # before BEGIN IMMEDIATE, which it governs
        try:
            with Session(connection) as writer, writer.begin():
                keep_figures(writer, among)
        except DBAPIError:
            return
        finally:
            if sqlite is not None:
                sqlite.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
