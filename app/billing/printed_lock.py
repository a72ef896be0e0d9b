"""R7's safety net: no flush may change a printed batch or a transaction in one.

The billing functions refuse such changes with a clear message first; this guard makes the rule
hold for any code path that writes through an ORM session, whatever it forgot to check.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, UOWTransaction

from app.billing.errors import BatchPrinted
from app.models import ARTransaction, InvoiceBatch

# What a reprint may change on a printed batch; printed_at is set once and then stays.
PRINT_BOOKKEEPING = {"print_count"}


def _batch_ids(tx: ARTransaction) -> set[int]:
    history = inspect(tx).attrs.batch_id.history
    ids = {*history.added, *history.unchanged, *history.deleted}
    return {i for i in ids if i is not None}


def _changed(obj: Any) -> set[str]:
    state = inspect(obj)
    return {attr.key for attr in state.attrs if attr.history.has_changes()}


@event.listens_for(Session, "before_flush")
def refuse_changes_to_printed(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    # A new transaction placed straight into a printed batch would change that batch too.
    touched = {tx.batch_id for tx in session.new if isinstance(tx, ARTransaction) and tx.batch_id}
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, ARTransaction) and (obj in session.deleted or _changed(obj)):
            touched |= _batch_ids(obj)
        elif isinstance(obj, InvoiceBatch):
            was_printed = inspect(obj).attrs.printed_at.history.deleted or [obj.printed_at]
            if was_printed[0] is None:
                continue
            if obj in session.deleted or _changed(obj) - PRINT_BOOKKEEPING:
                raise BatchPrinted(f"Invoice batch {obj.number} has been printed; it is read-only.")
    if not touched:
        return
    with session.no_autoflush:
        printed = session.scalars(
            select(InvoiceBatch.number).where(
                InvoiceBatch.id.in_(touched), InvoiceBatch.printed_at.is_not(None)
            )
        ).first()
    if printed is not None:
        raise BatchPrinted(
            f"Invoice batch {printed} has been printed; its transactions are read-only."
        )
