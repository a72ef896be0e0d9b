"""A batch's (batch, customer) rows summed: R8's totals, R12's paid amount and payment counts,
in cents, said once for the three places that sum them (the kept batch rows, and a list read
while some customer is stale), and the kept batch rows themselves, read only when no customer
is marked stale, which the same statement checks.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, case, exists, func, select
from sqlalchemy.orm import Session

from app.billing.kept_figures import figure_rows
from app.models import KeptBatch, StaleCustomer


def paid_parts(rows: Any) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """Each customer's invoice amount (R8) and paid amount (R12: paid after D up to the next
    close date, at most the invoice amount and never below zero), in cents; `rows` has the
    columns of kept_figures.FIGURES."""
    owed = rows.prior + rows.total - rows.paid_through
    at_most_owed = case((rows.paid_after < owed, rows.paid_after), else_=owed)
    return owed, case((at_most_owed < 0, 0), else_=at_most_owed)


def batch_sums(rows: Any) -> dict[str, ColumnElement[int]]:
    """The sums of KeptBatch but the aging, over `rows` grouped by batch."""
    owed, paid = paid_parts(rows)
    return {
        "customers": func.count(),
        "transactions": func.sum(rows.transactions),
        "former_amount": func.sum(rows.prior - rows.paid_before),
        "payments": func.sum(rows.paid_through - rows.paid_before),  # after S, up to D
        **{name: func.sum(getattr(rows, name)) for name in ("invoiced", "charges", "taxes")},
        **{name: func.sum(getattr(rows, name)) for name in ("discounts", "card_fees")},
        "paid_amount": func.sum(paid),
        "unpaid_customers": func.sum(case(((owed > 0) & (paid < owed), 1), else_=0)),
        "paying_customers": func.sum(case((paid != 0, 1), else_=0)),
    }


def kept_batches(session: Session, batch_ids: Collection[int]) -> dict[int, Any] | None:
    """The kept sums of the batches named, as rows named like KeptBatch's columns (a batch
    without customers has none), or None while any customer is stale or nothing is kept: then
    the rows must be summed as they are."""
    kept = KeptBatch.__table__
    rows = session.execute(
        select(kept).where(
            kept.c.batch_id.in_(batch_ids),
            ~exists().where(StaleCustomer.customer_id.is_not(None)),
        )
    ).all()
    return {row.batch_id: row for row in rows} if rows else None


def summed_batches(session: Session, batch_ids: Collection[int]) -> dict[int, Any]:
    """Each named batch with customers: the names of `batch_sums` as attributes, from the kept
    batch rows when nothing is stale, else summed from the rows as they are now."""
    kept = kept_batches(session, batch_ids)
    if kept is not None:
        return kept
    rows = figure_rows(batch_ids)
    sums = (total.label(name) for name, total in batch_sums(rows.c).items())
    summed = session.execute(select(rows.c.batch_id, *sums).group_by(rows.c.batch_id))
    return {row.batch_id: row for row in summed}
