"""R17's aging totals of many batches at once, for the list (`batches --json`): the kept sums of
each batch while no customer is stale; else the kept buckets summed by batch in the database,
and for the customers a change has reached since, each such batch aged afresh for those
customers alone (aging.py), so the cost follows what changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.billing.aging import aging_by_customer
from app.billing.kept_batches import kept_batches
from app.billing.money import from_cents
from app.billing.records import Aging, BatchRecord
from app.billing.statement_sql import T
from app.models import InvoiceBatch, KeptFigures, StaleCustomer

BUCKETS = ("aging_current", "aging_1_30", "aging_31_60", "aging_61_90", "aging_over_90")


def _buckets(row: object) -> Aging:
    return Aging(*(from_cents(getattr(row, name)) for name in BUCKETS))


def _kept(session: Session, batch_ids: list[int]) -> dict[int, Aging]:
    """The kept buckets no mark reaches (a stale customer's rows closing before its mark)."""
    kept = KeptFigures
    rows = session.execute(
        select(kept.batch_id, *(func.sum(getattr(kept, name)).label(name) for name in BUCKETS))
        .outerjoin(StaleCustomer, StaleCustomer.customer_id == kept.customer_id)
        .where(
            kept.batch_id.in_(batch_ids),
            or_(StaleCustomer.customer_id.is_(None), kept.close_date < StaleCustomer.since),
        )
        .group_by(kept.batch_id)
    )
    return {row.batch_id: _buckets(row) for row in rows}


def reached_pairs(batch_ids: Collection[int]) -> Select[int | None, int]:
    """The (batch, customer) pairs of the batches named whose customer is stale from the
    batch's close date or before."""
    return (
        select(T.batch_id, T.customer_id)
        .join(InvoiceBatch, InvoiceBatch.id == T.batch_id)
        .join(StaleCustomer, StaleCustomer.customer_id == T.customer_id)
        .where(
            T.customer_id.in_(select(StaleCustomer.customer_id)),
            T.batch_id.in_(batch_ids),
            InvoiceBatch.close_date >= StaleCustomer.since,
        )
        .distinct()
    )


def reached_customers(session: Session, batch_ids: list[int]) -> dict[int, set[int]]:
    """The stale customers of each batch that close on or after their marks."""
    reached: dict[int, set[int]] = defaultdict(set)
    for batch_id, customer_id in session.execute(reached_pairs(batch_ids)):
        assert batch_id is not None  # joined to its batch
        reached[batch_id].add(customer_id)
    return reached


def with_kept_aging(session: Session, records: Sequence[BatchRecord]) -> list[BatchRecord]:
    """The records with their R17 totals, each batch's as `with_aging` gives it."""
    ids = [r.id for r in records]
    summed = kept_batches(session, ids) if ids else None
    if summed is not None:
        return [
            replace(r, aging=_buckets(summed[r.id]) if r.id in summed else Aging()) for r in records
        ]
    aging = defaultdict(Aging, _kept(session, ids)) if ids else defaultdict(Aging)
    reached = reached_customers(session, ids) if ids else {}
    for batch in session.scalars(select(InvoiceBatch).where(InvoiceBatch.id.in_(list(reached)))):
        fresh = aging_by_customer(session, batch, reached[batch.id]).values()
        aging[batch.id] = sum(fresh, aging[batch.id])
    return [replace(r, aging=aging[r.id]) for r in records]
