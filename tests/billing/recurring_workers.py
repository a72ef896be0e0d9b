"""What the recurring-charges concurrency test runs in child processes (started with 'spawn').

Each child opens the database by URL, as a second clerk's workstation would, waits for the
others, and bills recurring charges through the same date in a transaction of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app import billing
from app.billing import BilledMeanwhile, RecurringRequest
from app.store import open_database


@dataclass(frozen=True)
class BillingOutcome:
    """What one clerk's run did: the invoices and credit memos it made, with their lines, or
    the refusal it got because another run billed the same periods first."""

    worker: int
    invoices: tuple[str, ...]
    credits: tuple[str, ...]
    lines: int
    meanwhile: str | None = None

    @property
    def billed(self) -> bool:
        return bool(self.invoices or self.credits)


def bill_at_once(url: str, worker: int, through: dt.date, start: Any, results: Any) -> None:
    """Wait for the others at `start`, bill through `through`, and put the outcome (or the
    error, as text) on `results`."""
    db = open_database(url)
    outcome: BillingOutcome | str
    try:
        start.wait(timeout=60)
        try:
            with db.transaction() as session:
                run = billing.bill_recurring(session, RecurringRequest(through))
            outcome = BillingOutcome(
                worker,
                tuple(invoice.number or "" for invoice in run.invoices),
                tuple(credit.number or "" for credit in run.credits),
                sum(len(invoice.lines) for invoice in run.invoices),
            )
        except BilledMeanwhile as refusal:
            outcome = BillingOutcome(worker, (), (), 0, str(refusal))
    except Exception as error:  # reported to the parent, which fails the test with it
        outcome = f"{type(error).__name__}: {error}"
    finally:
        db.dispose()
    results.put(outcome)
