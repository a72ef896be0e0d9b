"""How R12's states read on screen, in the Invoice Batches list and in Batch Details."""

from __future__ import annotations

import datetime as dt

from app.billing import BatchRecord, BatchStateFilter, BatchStatus, CustomerState
from app.ui.widgets.display import amount_text

# The search combo's choices: what the clerk reads, and what billing filters by.
STATE_CHOICES: tuple[tuple[str, BatchStateFilter | None], ...] = (
    ("Any state", None),
    ("Open", BatchStateFilter.OPEN),
    ("Approved", BatchStateFilter.APPROVED),
    ("Locked", BatchStateFilter.LOCKED),
    ("Not sent", BatchStateFilter.NOT_SENT),
    ("Partly sent", BatchStateFilter.PARTLY_SENT),
    ("Sent", BatchStateFilter.SENT),
    ("Unpaid", BatchStateFilter.UNPAID),
    ("Partly paid", BatchStateFilter.PARTLY_PAID),
    ("Paid", BatchStateFilter.PAID),
)


def lock_text(batch: BatchRecord) -> str:
    """Approved (which locks), locked (printed, sent or exported), or open."""
    if batch.approved_at is not None:
        return "Approved"
    return "Locked" if batch.locked else "Open"


def approval_text(batch: BatchRecord) -> str:
    """Who approved the batch and when, or why it is locked without approval."""
    if batch.approved_at is not None:
        return f"Approved by {batch.approved_by}, {batch.approved_at:%Y-%m-%d %H:%M}"
    if batch.locked_at is not None:
        return f"Locked {batch.locked_at:%Y-%m-%d %H:%M}"
    return "Open, not approved"


def sent_time_text(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""


def last_sent_text(status: BatchStatus | None) -> str:
    return sent_time_text(status.last_sent) if status is not None else ""


def delivery_text(status: BatchStatus | None) -> str:
    return status.delivery.value.capitalize() if status is not None else ""


def payment_text(status: BatchStatus | None) -> str:
    return status.payment.value.capitalize() if status is not None else ""


def paid_text(status: BatchStatus | None) -> str:
    return amount_text(status.paid_amount) if status is not None else ""


def customer_delivery_text(state: CustomerState | None) -> str:
    """The customer's channel and whether its statement went out by it: "Email — sent"."""
    if state is None:
        return ""
    return f"{state.channel.value.capitalize()} — {'sent' if state.sent else 'not sent'}"
