"""Each (batch, customer)'s statement parts in cents, as one query: kept rows where the
database marked nothing since (migration 0009), and for a stale customer, worked out afresh
from the transactions from the newest kept row before its mark on. The cost follows what
changed, not the history; the answer is always what R8 and R12 say of the rows as they are now.

A stale customer's recomputation starts at its *base*: its newest kept row closing before the
mark. A change can move nothing before that batch, and the base's own prior total, S and
payments through S stay true, so the recomputation carries on from them. Payments and batches
are merged in one ordered pass per customer, so "paid on or before D" is a running sum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    CompoundSelect,
    Date,
    Select,
    SQLColumnExpression,
    Subquery,
    and_,
    exists,
    func,
    literal_column,
    not_,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import Over
from sqlalchemy.sql.functions import FunctionElement

from app.billing.statement_sql import (
    AMOUNT,
    CARD_FEES,
    CHARGES,
    DISCOUNTS,
    INVOICED,
    SIGNED_TAX,
    SIGNED_TOTAL,
    T,
    cents_sum,
)
from app.models import InvoiceBatch, KeptFigures, StaleCustomer, TransactionType

# The columns of a (batch, customer) row, in the order every part of the union gives them.
FIGURES = (
    "batch_id",
    "customer_id",
    "close_date",
    "number",
    "since",
    "next_close",
    "transactions",
    "total",
    "prior",
    "invoiced",
    "charges",
    "taxes",
    "discounts",
    "card_fees",
    "paid_before",
    "paid_through",
    "paid_after",
)
Frame = tuple[int | None, int | None] | None
BATCH_SUMS = ("transactions", "total", "invoiced", "charges", "taxes", "discounts", "card_fees")


def stale_starts(marked: ColumnElement[bool]) -> CTE:
    """Each stale customer among `marked`, its mark, and its base (none: from the start)."""
    kept = aliased(KeptFigures)
    base_id = (
        select(kept.batch_id)
        .where(kept.customer_id == StaleCustomer.customer_id, kept.close_date < StaleCustomer.since)
        .order_by(kept.close_date.desc(), kept.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    base = aliased(KeptFigures)
    return (
        select(
            StaleCustomer.customer_id.label("customer_id"),
            StaleCustomer.since.label("marked"),
            base.close_date.label("base_close"),
            base.number.label("base_number"),
            func.coalesce(base.prior, 0).label("prior0"),
            base.since.label("since0"),
            func.coalesce(base.paid_before, 0).label("paid0"),
        )
        .outerjoin(
            base, and_(base.customer_id == StaleCustomer.customer_id, base.batch_id == base_id)
        )
        .where(marked)
        .cte("stale_starts")
    )


def from_base(
    close_date: SQLColumnExpression[dt.date], number: SQLColumnExpression[int], starts: CTE
) -> ColumnElement[bool]:
    """A batch at or after the customer's base in R8's order: recomputed, never read kept."""
    return or_(
        starts.c.base_close.is_(None),
        close_date > starts.c.base_close,
        and_(close_date == starts.c.base_close, number >= starts.c.base_number),
    )


def _pairs(starts: CTE) -> Select[*tuple[Any, ...]]:
    """A stale customer's batches from its base on, with each batch's own sums."""
    own = select(
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
        starts.c.prior0,
        starts.c.since0,
        starts.c.paid0,
    ).join(InvoiceBatch, InvoiceBatch.id == T.batch_id)
    own = own.join(starts, starts.c.customer_id == T.customer_id).where(
        from_base(InvoiceBatch.close_date, InvoiceBatch.number, starts)
    )
    return own.group_by(
        T.batch_id,
        T.customer_id,
        InvoiceBatch.close_date,
        InvoiceBatch.number,
        starts.c.prior0,
        starts.c.since0,
        starts.c.paid0,
    )


def _events(starts: CTE) -> CompoundSelect[*tuple[Any, ...]]:
    """The stale customers' batches (kind 1) and their payments after the base's S (kind 0),
    in one list: a payment on a close date sorts before the batch, as R8 counts it paid."""
    pairs = _pairs(starts).subquery()
    batches = select(
        pairs.c.customer_id,
        pairs.c.close_date.label("day"),
        literal_column("1").label("kind"),
        *(
            pairs.c[name]
            for name in ("batch_id", "number", *BATCH_SUMS, "prior0", "since0", "paid0")
        ),
        literal_column("0").label("paid"),
    )
    after_since = or_(starts.c.since0.is_(None), T.due_date > starts.c.since0)
    payments: Select[*tuple[Any, ...]] = select(
        T.customer_id,
        T.due_date,
        literal_column("0"),
        *(null() for _ in range(len(BATCH_SUMS) + 5)),
        AMOUNT,
    ).join(starts, starts.c.customer_id == T.customer_id)
    # Named by IN as well, so the planner reaches the payments through the customers' index
    # instead of reading every payment to find the few stale customers'.
    stale_payments = and_(
        T.customer_id.in_(select(starts.c.customer_id)), T.type == TransactionType.PAYMENT
    )
    return union_all(batches, payments.where(stale_payments, after_since))


def recomputed(starts: CTE) -> Select[*tuple[Any, ...]]:
    """Every (batch, customer) row of the stale customers in `starts` from their base on, with
    the columns of FIGURES, worked out from the transactions."""
    events = _events(starts).subquery()
    by_customer = events.c.customer_id
    running = func.sum(events.c.paid).over(
        partition_by=by_customer, order_by=(events.c.day, events.c.kind), rows=(None, 0)
    )
    paid_since = func.sum(events.c.paid).over(partition_by=by_customer)
    paid = select(
        events,
        (events.c.paid0 + running).label("paid_through"),
        (events.c.paid0 + paid_since).label("paid_all"),
    ).subquery()

    def in_order(function: FunctionElement[Any], rows: Frame = None) -> Over[Any]:
        """Over the customer's batches in R8's order: by close date, then number."""
        order = (paid.c.day, paid.c.number)
        return function.over(partition_by=paid.c.customer_id, order_by=order, rows=rows)

    earlier = in_order(func.sum(paid.c.total), rows=(None, -1))
    following = in_order(func.lead(paid.c.paid_through))
    columns = {
        "batch_id": paid.c.batch_id,
        "customer_id": paid.c.customer_id,
        "close_date": paid.c.day,
        "number": paid.c.number,
        "since": func.coalesce(type_coerce(in_order(func.lag(paid.c.day)), Date), paid.c.since0),
        "next_close": type_coerce(in_order(func.lead(paid.c.day)), Date),
        **{name: paid.c[name] for name in BATCH_SUMS},
        "prior": paid.c.prior0 + func.coalesce(earlier, 0),
        "paid_before": func.coalesce(in_order(func.lag(paid.c.paid_through)), paid.c.paid0),
        "paid_through": paid.c.paid_through,
        "paid_after": func.coalesce(following, paid.c.paid_all) - paid.c.paid_through,
    }
    return select(*(columns[name].label(name) for name in FIGURES)).where(paid.c.kind == 1)


def _kept(starts: CTE) -> Select[*tuple[Any, ...]]:
    """The kept rows no mark reaches: every row of an unmarked customer, and a marked
    customer's rows before its base."""
    kept = KeptFigures
    before_base = and_(
        starts.c.base_close.is_not(None), not_(from_base(kept.close_date, kept.number, starts))
    )
    return (
        select(*(getattr(kept, name).label(name) for name in FIGURES))
        .outerjoin(starts, starts.c.customer_id == kept.customer_id)
        .where(or_(starts.c.customer_id.is_(None), before_base))
    )


def figure_rows(batch_ids: Collection[int]) -> Subquery:
    """Every (batch, customer) row of the batches named, as the rows are now (FIGURES)."""
    starts = stale_starts(StaleCustomer.customer_id.is_not(None))
    kept = _kept(starts).where(KeptFigures.batch_id.in_(batch_ids))
    fresh = recomputed(starts).subquery()
    return union_all(kept, select(fresh).where(fresh.c.batch_id.in_(batch_ids))).subquery("figures")


def rows_now(session: Session, batch_ids: Collection[int]) -> Subquery:
    """`figure_rows`, read as the kept rows alone while no customer is marked: PostgreSQL plans
    the recomputation's window over the whole history even when it finds nothing, and then
    spends seconds compiling it (JIT) for a read of a few thousand kept rows. A customer
    marked after the check is left out of that reading rather than read from outdated rows."""
    if session.scalar(select(exists().where(StaleCustomer.customer_id.is_not(None)))):
        return figure_rows(batch_ids)
    kept = KeptFigures
    return (
        select(*(getattr(kept, name).label(name) for name in FIGURES))
        .outerjoin(StaleCustomer, StaleCustomer.customer_id == kept.customer_id)
        .where(
            kept.batch_id.in_(batch_ids),
            or_(StaleCustomer.customer_id.is_(None), kept.close_date < StaleCustomer.since),
        )
        .subquery("figures")
    )
