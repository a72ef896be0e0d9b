"""R17: every customer's invoice amount in a batch, aged at the close date by due date.

Credits are applied to the open items oldest first, so what they leave is always the newest
part of the items: items more than 90 days past due keep, together, whatever their sum exceeds
the credits by, and only the items of the last 90 days (and those not yet due) need their
running total. Two queries age a whole batch: plain sums over each customer's history (the open
items, the older ones among them, and the credits), and a window over the recent items only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.billing.money import from_cents
from app.billing.no_index import unindexed
from app.billing.records import Aging, BatchRecord
from app.billing.statement_sql import AMOUNT, TAX, T, cents_sum, members_of
from app.models import InvoiceBatch, TransactionType

TOTAL = AMOUNT + TAX
# Days past due at which each bucket after "current" begins: 1–30, 31–60, 61–90, over 90.
BUCKET_STARTS = (1, 31, 61, 91)
# The buckets whose items are aged one by one: all but "over 90".
RECENT_BUCKETS = len(BUCKET_STARTS)
OPEN_ITEMS = (TransactionType.INVOICE, TransactionType.DEBIT_MEMO)
IS_OPEN_ITEM = T.type.in_(OPEN_ITEMS)


def _aging(items: int, older: int, credits: int, recent: Sequence[int]) -> Aging:
    """The buckets from one customer's sums in cents: all open items, those over 90 days past
    due, the credits, and what the credits left of the recent items in each recent bucket."""
    # Credit beyond every open item is owed back to the customer: it lowers "current".
    left_over = max(credits - items, 0)
    current, *later = recent
    cells = [current - left_over, *later, max(older - credits, 0)]
    return Aging(*(from_cents(c) for c in cells))


def _up_to(batch: InvoiceBatch) -> ColumnElement[bool]:
    """Batches up to and including `batch`, in R8's order: close date, then number."""
    return or_(
        InvoiceBatch.close_date < batch.close_date,
        and_(InvoiceBatch.close_date == batch.close_date, InvoiceBatch.number <= batch.number),
    )


def _documents(batch: InvoiceBatch) -> ColumnElement[bool]:
    """Invoices and memos in batches up to this one. Read through the members' own rows, never
    the batch index: SQLite took every row of every earlier batch that way and kept the
    members' (0.36 s a batch of 314 customers halfway through the 1M history; all of a
    customer's batches kept after an upgrade, one batch at a time, read the table 1,005 times
    over)."""
    batches = select(InvoiceBatch.id).where(_up_to(batch)).scalar_subquery()
    return and_(T.type != TransactionType.PAYMENT, unindexed(T.batch_id).in_(batches))


def _in_scope(batch: InvoiceBatch, members: ColumnElement[bool]) -> ColumnElement[bool]:
    """What R17 ages for the members: their invoices and memos in batches up to this one, and
    their payments paid by its close date."""
    paid = and_(T.type == TransactionType.PAYMENT, T.due_date <= batch.close_date)
    return and_(members, or_(_documents(batch), paid))


def _bounds(close_date: dt.date) -> list[dt.date]:
    """The first due date of each bucket from "current" to "61–90": an item due before the
    last bound is over 90 days past due. Dates worked out here, so both engines only compare
    dates."""
    return [close_date - dt.timedelta(days=days - 1) for days in BUCKET_STARTS]


def _bucket_of(bounds: list[dt.date]) -> ColumnElement[int]:
    """A recent item's bucket by its due date: 0 for current up to 3 for 61–90 days."""
    return case(*((T.due_date >= bound, index) for index, bound in enumerate(bounds[:-1])), else_=3)


def aging_by_customer(
    session: Session, batch: InvoiceBatch, customer_ids: set[int] | None = None
) -> dict[int, Aging]:
    """R17 for every customer in the batch (or only those named), in two queries."""
    return aging_of_members(session, batch, members_of(batch, customer_ids))


def aging_of_members(
    session: Session, batch: InvoiceBatch, members: ColumnElement[bool]
) -> dict[int, Aging]:
    """R17 for the customers `members` selects, which the caller knows are in the batch."""
    bounds = _bounds(batch.close_date)
    is_older = T.due_date < bounds[-1]
    sums = session.execute(
        select(
            T.customer_id,
            cents_sum(case((IS_OPEN_ITEM, TOTAL), else_=0)),
            cents_sum(case((and_(IS_OPEN_ITEM, is_older), TOTAL), else_=0)),
            cents_sum(case((IS_OPEN_ITEM, 0), else_=TOTAL)),
        )
        .where(_in_scope(batch, members))
        .group_by(T.customer_id)
    )
    totals = {c: (int(items), int(older), int(credits)) for c, items, older, credits in sums}
    # The recent items in the order credits are applied: oldest due date first, then invoice
    # date, then number; every older item comes before them all.
    order = (T.due_date, T.invoice_date, T.number)
    recent = session.execute(
        select(
            T.customer_id,
            _bucket_of(bounds),
            TOTAL,
            func.sum(TOTAL).over(partition_by=T.customer_id, order_by=order, rows=(None, 0)),
        ).where(members, IS_OPEN_ITEM, _documents(batch), T.due_date >= bounds[-1])
    )
    # Joined here rather than in SQL: SQLite may join the two grouped subqueries by scanning
    # one for every row of the other.
    left_by_bucket = {c: [0] * RECENT_BUCKETS for c in totals}
    for customer_id, bucket, total, running in recent:
        _items, older, credits = totals[customer_id]
        # What the credits leave of a recent item: the running total of all items past them,
        # at most the item's own total.
        owed = older + int(running) - credits
        left_by_bucket[customer_id][bucket] += min(max(owed, 0), int(total))
    return {
        customer_id: _aging(items, older, credits, left_by_bucket[customer_id])
        for customer_id, (items, older, credits) in totals.items()
    }


def with_aging(session: Session, records: Sequence[BatchRecord]) -> list[BatchRecord]:
    """The records with their R17 totals, at one query per batch: the Invoice Batches list
    leaves them out, as aging every batch at once would age each customer's whole history
    once per later batch."""
    ids = [r.id for r in records]
    batches = {
        b.id: b for b in session.scalars(select(InvoiceBatch).where(InvoiceBatch.id.in_(ids)))
    }
    return [
        replace(r, aging=sum(aging_by_customer(session, batches[r.id]).values(), Aging()))
        for r in records
    ]
