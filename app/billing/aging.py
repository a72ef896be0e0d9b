"""R17: every customer's invoice amount in a batch, aged at the close date by due date.

One query ages a whole batch: over the customers' rows in scope, one window sums each
customer's open items (invoices and debit memos) oldest due date first and another its credits
(credit memos and payments); the credits are taken off the running totals, and what is left of
each item is summed into its bucket by due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.billing.money import from_cents
from app.billing.records import Aging, BatchRecord
from app.billing.statement_sql import AMOUNT, TAX, T, cents_sum, members_of
from app.models import InvoiceBatch, TransactionType

TOTAL = AMOUNT + TAX
# Days past due at which each bucket after "current" begins: 1–30, 31–60, 61–90, over 90.
BUCKET_STARTS = (1, 31, 61, 91)
BUCKETS = len(BUCKET_STARTS) + 1
OPEN_ITEMS = (TransactionType.INVOICE, TransactionType.DEBIT_MEMO)


def _aging(items: int, credits: int, buckets: list[int]) -> Aging:
    """The buckets from one customer's sums in cents: the open items' totals, the credits, and
    what the credits left of the items in each bucket."""
    # Credit beyond every open item is owed back to the customer: it lowers "current".
    left_over = max(credits - items, 0)
    current, *older = buckets
    return Aging(from_cents(current - left_over), *(from_cents(c) for c in older))


def _up_to(batch: InvoiceBatch) -> ColumnElement[bool]:
    """Batches up to and including `batch`, in R8's order: close date, then number."""
    return or_(
        InvoiceBatch.close_date < batch.close_date,
        and_(InvoiceBatch.close_date == batch.close_date, InvoiceBatch.number <= batch.number),
    )


def _in_scope(batch: InvoiceBatch, members: ColumnElement[bool]) -> ColumnElement[bool]:
    """What R17 ages for the members: their invoices and memos in batches up to this one, and
    their payments paid by its close date."""
    batches = select(InvoiceBatch.id).where(_up_to(batch)).scalar_subquery()
    documents = and_(T.type != TransactionType.PAYMENT, T.batch_id.in_(batches))
    paid = and_(T.type == TransactionType.PAYMENT, T.due_date <= batch.close_date)
    return and_(members, or_(documents, paid))


def _ledger(batch: InvoiceBatch, members: ColumnElement[bool]) -> Select[int, int, int, int, int]:
    """Every row in scope with its customer's credits, its own total when it is an open item
    (an invoice or debit memo; else 0), and the running total of the open items in the order
    credits are applied: oldest due date first, then invoice date, then number.

    One scan and one sort for both windows; a credit adds 0 to the running total wherever it
    falls in that order."""
    item = case((T.type.in_(OPEN_ITEMS), TOTAL), else_=0)
    credit = case((T.type.in_(OPEN_ITEMS), 0), else_=TOTAL)
    order = (T.due_date, T.invoice_date, T.number)
    return select(
        T.customer_id,
        _bucket_of(batch.close_date).label("bucket"),
        item.label("total"),
        func.sum(item)
        .over(partition_by=T.customer_id, order_by=order, rows=(None, 0))
        .label("running"),
        func.sum(credit)
        .over(partition_by=T.customer_id, order_by=order, rows=(None, None))
        .label("credits"),
    ).where(_in_scope(batch, members))


def _bucket_of(close_date: dt.date) -> ColumnElement[int]:
    """An item's bucket by its due date: 0 for current up to 4 for over 90 days past due.
    The bounds are dates worked out here, so both engines only compare dates."""
    bounds = [close_date - dt.timedelta(days=days - 1) for days in BUCKET_STARTS]
    return case(
        *((T.due_date >= bound, index) for index, bound in enumerate(bounds)), else_=len(bounds)
    )


def aging_by_customer(
    session: Session, batch: InvoiceBatch, customer_ids: set[int] | None = None
) -> dict[int, Aging]:
    """R17 for every customer in the batch (or only those named), in one query."""
    ledger = _ledger(batch, members_of(batch, customer_ids)).subquery()
    # What the credits leave of an item: its running total past them, at most its own total.
    owed = ledger.c.running - ledger.c.credits
    left = case((owed <= 0, 0), (owed >= ledger.c.total, ledger.c.total), else_=owed)
    rows = session.execute(
        select(
            ledger.c.customer_id,
            cents_sum(ledger.c.total),
            func.max(ledger.c.credits),
            *(cents_sum(case((ledger.c.bucket == i, left), else_=0)) for i in range(BUCKETS)),
        ).group_by(ledger.c.customer_id)
    )
    return {
        customer_id: _aging(int(items_total), int(credit_total), [int(c) for c in buckets])
        for customer_id, items_total, credit_total, *buckets in rows
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
