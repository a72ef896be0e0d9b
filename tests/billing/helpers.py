"""Small reads and actions the billing tests share: what is in a batch, printing, counting."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchRecord, GenerationRequest, StatementFigures
from app.models import ARTransaction, Base, Counter, InvoiceBatch


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def generate(session: Session, close_date: str, **options: object) -> BatchRecord:
    request = GenerationRequest(day(close_date), **options)  # type: ignore[arg-type]
    return billing.generate_batch(session, request)


def numbers_in(session: Session, batch_number: int) -> list[str]:
    """The document numbers in a batch, sorted."""
    return sorted(
        session.scalars(
            select(ARTransaction.number)
            .join(InvoiceBatch, InvoiceBatch.id == ARTransaction.batch_id)
            .where(InvoiceBatch.number == batch_number)
        )
    )


def customers_in(session: Session, batch_number: int) -> list[str]:
    statement = billing.statement_of(session, batch_number)
    return [c.customer.number for c in statement.customers]


def unbatched(session: Session) -> list[str]:
    return sorted(
        session.scalars(select(ARTransaction.number).where(ARTransaction.batch_id.is_(None)))
    )


def mark_printed(session: Session, batch_number: int) -> None:
    """What printing the report does to the batch, without making the PDF."""
    job = billing.begin_print(session, batch_number)
    billing.record_print(session, job, b"%PDF-1.4 test")


def counter(session: Session) -> int:
    return session.scalars(select(Counter.value).where(Counter.name == "batch_number")).one()


def count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def figures_of(session: Session, batch_number: int, customer_number: str) -> StatementFigures:
    statement = billing.statement_of(session, batch_number)
    for c in statement.customers:
        if c.customer.number == customer_number:
            return c.figures
    raise AssertionError(f"{customer_number} is not in batch {batch_number}")
