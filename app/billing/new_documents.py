"""Writing many new invoices and memos, with their lines, in a few statements: what the runs
that make documents (work, recurring charges) share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import ARTransaction, InvoiceLine, MemoCategory, TransactionType


@dataclass(frozen=True)
class NewDocument:
    customer_id: int
    type: TransactionType
    number: str
    invoice_date: dt.date
    due_date: dt.date
    amount: Decimal
    tax: Decimal
    description: str
    category: MemoCategory = MemoCategory.OTHER


@dataclass(frozen=True)
class NewLine:
    """Line `position` (from 1) of the document numbered `number`."""

    number: str
    position: int
    description: str
    service_date: dt.date | None
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    taxable: bool
    tax: Decimal
    service_type_id: int | None = None
    work_entry_id: int | None = None


def insert_documents(session: Session, documents: Sequence[NewDocument]) -> dict[str, int]:
    """Insert the documents, unbatched; their ids by number."""
    if not documents:
        return {}
    rows = [
        {
            "customer_id": d.customer_id,
            "type": d.type,
            "number": d.number,
            "invoice_date": d.invoice_date,
            "due_date": d.due_date,
            "amount": d.amount,
            "tax": d.tax,
            "description": d.description,
            "category": d.category,
            "batch_id": None,
        }
        for d in documents
    ]
    inserted = session.execute(
        insert(ARTransaction).returning(ARTransaction.number, ARTransaction.id), rows
    )
    return dict(inserted.tuples().all())


def insert_lines(session: Session, lines: Iterable[NewLine], ids: dict[str, int]) -> int:
    """Insert the lines of documents inserted by `insert_documents`; how many."""
    rows = [
        {
            "transaction_id": ids[line.number],
            "position": line.position,
            "description": line.description,
            "service_date": line.service_date,
            "service_type_id": line.service_type_id,
            "quantity": line.quantity,
            "rate": line.rate,
            "amount": line.amount,
            "taxable": line.taxable,
            "tax": line.tax,
            "work_entry_id": line.work_entry_id,
        }
        for line in lines
    ]
    if rows:
        session.execute(insert(InvoiceLine), rows)
    return len(rows)
