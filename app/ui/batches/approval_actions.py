"""Approve, unapprove and note a batch (R12): what both batch pages do, asked and reported
the same way. Each returns whether the change was made; failures are shown by `attempt`."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app import billing
from app.billing import BatchRecord
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.widgets.status_line import say


def approve_question(batch: BatchRecord) -> str:
    return (
        f"Approve invoice batch {batch.number}? Approving locks it: its customers and "
        "transactions can no longer change (unapprove reopens it while nothing was printed, "
        "sent or exported)."
    )


def approve(parent: QWidget, context: UiContext, batch: BatchRecord) -> bool:
    if not messages.confirm(parent, "Approve Invoice Batch", approve_question(batch), "Approve"):
        return False

    def run() -> bool:
        with context.transaction() as session:
            billing.approve_batch(session, batch.number)
        return True

    done = bool(attempt(parent, "Approve Invoice Batch", run))
    if done:
        say(parent, f"Invoice batch {batch.number} approved; it is locked.")
    return done


def unapprove(parent: QWidget, context: UiContext, batch: BatchRecord) -> bool:
    def run() -> bool:
        with context.transaction() as session:
            billing.unapprove_batch(session, batch.number)
        return True

    done = bool(attempt(parent, "Unapprove Invoice Batch", run))
    if done:
        say(parent, f"Invoice batch {batch.number} is open again.")
    return done


def save_notes(parent: QWidget, context: UiContext, number: int, notes: str) -> bool:
    def run() -> bool:
        with context.transaction() as session:
            billing.set_notes(session, number, notes)
        return True

    done = bool(attempt(parent, "Batch Notes", run))
    if done:
        say(parent, f"Notes of invoice batch {number} saved.")
    return done
