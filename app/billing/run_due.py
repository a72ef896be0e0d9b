"""R19: the scheduled run. Optionally bill recurring charges through D first; then, for each
date after the one it last ran through, up to D, generate the batch of that close date when
something is due. It remembers D, so a second run with the same D does nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.errors import NothingToInclude
from app.billing.generation import GenerationRequest, generate_batch
from app.billing.recurring import RecurringRequest, RecurringRun, bill_recurring
from app.models import Counter, InvoiceBatch

COUNTER = "run_due_through"  # the date it last ran through, as a day number (0: never)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class RunDueRequest:
    through: dt.date
    bill_recurring: bool = False


@dataclass(frozen=True)
class DueBatch:
    """A batch the run made (or, in a dry run, would make: number None)."""

    number: int | None
    close_date: dt.date
    customers: int


@dataclass(frozen=True)
class RunDueResult:
    through: dt.date
    dates: tuple[dt.date, ...]  # every date the run looked at, in order
    billed: RecurringRun | None
    batches: tuple[DueBatch, ...]


def last_run_through(session: Session, for_update: bool = False) -> dt.date | None:
    query = select(Counter.value).where(Counter.name == COUNTER)
    if for_update:
        query = query.with_for_update()
    value = session.scalar(query)
    return dt.date.fromordinal(value) if value else None


def dates_to_run(session: Session, through: dt.date, last: dt.date | None) -> list[dt.date]:
    """After the date it last ran through (the first time: after the latest close date of any
    batch, or `through` alone when there is none), up to `through`."""
    if last is None:
        latest = session.scalar(select(func.max(InvoiceBatch.close_date)))
        first = through if latest is None else latest + ONE_DAY
    else:
        first = last + ONE_DAY
    return [first + dt.timedelta(days=n) for n in range((through - first).days + 1)]


def run_due(session: Session, request: RunDueRequest) -> RunDueResult:
    """Run what is due through the date in one transaction: all of it or none."""
    last = last_run_through(session, for_update=True)
    dates = dates_to_run(session, request.through, last)
    billed = None
    if request.bill_recurring:
        billed = bill_recurring(session, RecurringRequest(request.through))
    batches = []
    for close_date in dates:
        try:
            batch = generate_batch(session, GenerationRequest(close_date, "Scheduled run"))
        except NothingToInclude:
            continue
        batches.append(DueBatch(batch.number, batch.close_date, batch.customer_count))
    if last is None or request.through > last:
        session.execute(
            update(Counter).where(Counter.name == COUNTER).values(value=request.through.toordinal())
        )
    made = ", ".join(str(b.number) for b in batches) or "none"
    billed_text = ""
    if billed is not None:
        billed_text = f"; billed {len(billed.invoices)} invoices, {len(billed.credits)} credits"
    record(
        session,
        "run_due",
        detail=f"through {request.through.isoformat()}: {len(dates)} dates, "
        f"batches {made}{billed_text}",
    )
    return RunDueResult(request.through, tuple(dates), billed, tuple(batches))


def preview_run_due(session: Session, request: RunDueRequest) -> RunDueResult:
    """What the run would do: it runs, in a savepoint rolled back afterwards, so the preview
    cannot differ from the run (a date's batch takes what an earlier date's left, and the
    billing's invoices fall into their batches). Numbers are None; nothing is written."""
    savepoint = session.begin_nested()
    try:
        done = run_due(session, request)
    finally:
        savepoint.rollback()
    billed = done.billed
    if billed is not None:
        billed = replace(
            billed,
            invoices=tuple(replace(i, number=None) for i in billed.invoices),
            credits=tuple(replace(c, number=None) for c in billed.credits),
        )
    batches = tuple(replace(b, number=None) for b in done.batches)
    return RunDueResult(done.through, done.dates, billed, batches)
