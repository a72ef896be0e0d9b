"""R8 control totals of many batches at once, for the list of the Invoice Batches form.

One windowed query gives every (batch, customer) pair its sums, its S (the close date of the
customer's previous batch) and the totals of the customer's earlier batches; payments are
summed once by customer and paid date. A list of any length costs these two queries, where
asking batch by batch (statements.batch_record) would cost a handful per batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import Date, func, select, true, type_coerce
from sqlalchemy.orm import Session

from app.billing.records import StatementFigures
from app.billing.statement_sql import (
    CARD_FEES,
    CHARGES,
    DISCOUNTS,
    INVOICED,
    SIGNED_TAX,
    SIGNED_TOTAL,
    T,
    cents_sum,
)
from app.billing.statements import figures_from_cents, payment_histories
from app.models import InvoiceBatch


@dataclass(frozen=True)
class BatchTotals:
    customer_count: int = 0
    transaction_count: int = 0
    totals: StatementFigures = field(default_factory=StatementFigures)


def totals_by_batch(session: Session, batch_ids: Collection[int]) -> dict[int, BatchTotals]:
    """Customer count, transaction count and R8 totals of each batch named."""
    if not batch_ids:
        return {}
    pairs = (
        select(
            T.batch_id.label("batch_id"),
            T.customer_id.label("customer_id"),
            InvoiceBatch.close_date.label("close_date"),
            InvoiceBatch.number.label("number"),
            func.count().label("transactions"),
            cents_sum(SIGNED_TOTAL).label("total"),
            cents_sum(INVOICED).label("invoiced"),
            cents_sum(CHARGES).label("charges"),
            cents_sum(SIGNED_TAX).label("taxes"),
            cents_sum(DISCOUNTS).label("discounts"),
            cents_sum(CARD_FEES).label("card_fees"),
        )
        .join(InvoiceBatch, InvoiceBatch.id == T.batch_id)
        .group_by(T.batch_id, T.customer_id, InvoiceBatch.close_date, InvoiceBatch.number)
        .subquery()
    )
    # A customer's batches in the order of R8: by close date, then by number.
    customer, order = pairs.c.customer_id, (pairs.c.close_date, pairs.c.number)
    prior = func.sum(pairs.c.total).over(partition_by=customer, order_by=order, rows=(None, -1))
    since = func.lag(pairs.c.close_date).over(partition_by=customer, order_by=order)
    windowed = select(pairs, prior.label("prior"), type_coerce(since, Date).label("since"))
    history = windowed.subquery()
    rows = session.execute(select(history).where(history.c.batch_id.in_(list(batch_ids)))).all()
    payments = payment_histories(session, true())
    result: dict[int, BatchTotals] = defaultdict(BatchTotals)
    for row in rows:
        before, now = payments[row.customer_id].split(row.since, row.close_date)
        figures = figures_from_cents(
            int(row.prior or 0),
            before,
            now,
            int(row.invoiced),
            int(row.charges),
            int(row.taxes),
            (int(row.discounts), int(row.card_fees)),
        )
        so_far = result[row.batch_id]
        result[row.batch_id] = BatchTotals(
            so_far.customer_count + 1,
            so_far.transaction_count + int(row.transactions),
            so_far.totals + figures,
        )
    return result
