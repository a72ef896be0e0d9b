"""R1–R3 as SQL conditions: which customers and which transactions a close date takes."""

from __future__ import annotations

import calendar
import datetime as dt

from sqlalchemy import ColumnElement, and_, true

from app.models import ARTransaction, Customer, TransactionType


def cutoff_days_for(close_date: dt.date) -> list[int]:
    """R1: the cutoff days a close date takes; the month's last day also takes the days past it."""
    last_day = calendar.monthrange(close_date.year, close_date.month)[1]
    if close_date.day == last_day:
        return list(range(last_day, 32))
    return [close_date.day]


def cutoff_fits(cutoff_day: int | None, close_date: dt.date) -> bool:
    return cutoff_day is not None and cutoff_day in cutoff_days_for(close_date)


def in_range(from_customer: str | None, to_customer: str | None) -> ColumnElement[bool]:
    """Customers whose number lies between the starting and ending customer, both included."""
    conditions = []
    if from_customer:
        conditions.append(Customer.number >= from_customer)
    if to_customer:
        conditions.append(Customer.number <= to_customer)
    return and_(true(), *conditions)


def eligible_customers(
    close_date: dt.date, *, override: bool, from_customer: str | None, to_customer: str | None
) -> ColumnElement[bool]:
    """R1 (or R3 with override): the customers a run with this close date takes."""
    condition = and_(Customer.active.is_(True), in_range(from_customer, to_customer))
    if override:
        return condition
    return and_(condition, Customer.cutoff_day.in_(cutoff_days_for(close_date)))


def unbatched_documents() -> ColumnElement[bool]:
    """Invoices and memos in no batch yet; payments never go into a batch."""
    return and_(
        ARTransaction.batch_id.is_(None),
        ARTransaction.type != TransactionType.PAYMENT,
    )


def eligible_transactions(
    close_date: dt.date, *, override: bool, exclude_closing_date: bool
) -> ColumnElement[bool]:
    """R2 (or R3 with override): the unbatched documents dated for this close date."""
    if override:
        return unbatched_documents()
    if exclude_closing_date:
        return and_(unbatched_documents(), ARTransaction.invoice_date < close_date)
    return and_(unbatched_documents(), ARTransaction.invoice_date <= close_date)
