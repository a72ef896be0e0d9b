"""R12: the optional approval step, and a batch's notes.

With the setting `require_approval` on, a batch must be approved before it is printed, sent or
exported; approving locks it (R7). Unapproving reopens it while nothing was printed, sent or
exported. Notes are the clerk's, editable at any time.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.billing.audit import operating_system_user, record
from app.billing.batches import find_batch, lock, now, refuse_if_locked
from app.billing.errors import BillingError
from app.billing.settings import load_settings
from app.models import BatchExport, BatchKind, InvoiceBatch, StatementDelivery


class NotApproved(BillingError):
    """The company requires approval, and the batch has none yet."""


def approve_batch(session: Session, number: int) -> None:
    """Approve the batch (who and when are recorded); it is locked from now on."""
    batch = find_batch(session, number, for_update=True)
    if batch.approved_at is not None:
        raise BillingError(
            f"Invoice batch {number} was already approved by {batch.approved_by} on "
            f"{batch.approved_at:%Y-%m-%d}."
        )
    refuse_if_locked(batch)
    batch.approved_at = now()
    batch.approved_by = operating_system_user()
    lock(batch, batch.approved_at)
    session.flush()
    record(session, "approve", batch=number, detail=f"approved by {batch.approved_by}")


def unapprove_batch(session: Session, number: int) -> None:
    """Reopen an approved batch, while it was never printed, sent or exported."""
    batch = find_batch(session, number, for_update=True)
    if batch.approved_at is None:
        raise BillingError(f"Invoice batch {number} is not approved.")
    went_out = [
        what
        for what, done in (
            ("printed", batch.printed_at is not None),
            ("sent", _any(session, StatementDelivery, batch)),
            ("exported", _any(session, BatchExport, batch)),
        )
        if done
    ]
    if went_out:
        raise BillingError(
            f"Invoice batch {number} was {' and '.join(went_out)} after it was approved, so it "
            "stays locked. Enter a credit or debit memo instead; it falls into the next batch."
        )
    was = batch.approved_by
    batch.approved_at = batch.approved_by = batch.locked_at = None
    session.flush()
    record(session, "unapprove", batch=number, detail=f"approval by {was} withdrawn")


def _any(
    session: Session, model: type[StatementDelivery] | type[BatchExport], batch: InvoiceBatch
) -> bool:
    return bool(session.scalar(select(exists().where(model.batch_id == batch.id))))


def set_notes(session: Session, number: int, notes: str) -> None:
    """The clerk's notes on a batch, for review and follow-up: editable at any time."""
    batch = find_batch(session, number, for_update=True)
    batch.notes = notes.strip()
    session.flush()
    record(session, "notes", batch=number, detail=f"notes: {batch.notes[:80]}")


def refuse_unless_approved(session: Session, batch: InvoiceBatch, doing: str) -> None:
    """With approval required, printing, sending and exporting wait for it (R12)."""
    if batch.kind == BatchKind.OPENING or batch.approved_at is not None:
        return
    if load_settings(session).require_approval:
        raise NotApproved(
            f"Invoice batch {batch.number} must be approved before it is {doing}: the company "
            "requires approval (Company Settings)."
        )
