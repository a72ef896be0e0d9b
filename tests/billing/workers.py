"""What the concurrency and crash tests run in child processes (started with 'spawn'): batch
generation and adds, and (test_work_concurrency) runs of invoice_work.

Each child opens the database by URL, as a second clerk's workstation would.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from app import billing
from app.billing import (
    BillingError,
    GenerationRequest,
    NothingToInclude,
    WorkClaimedMeanwhile,
    WorkInvoiceRequest,
    WorkQuery,
)
from app.store import open_database

CLAIM_PREFIX = "UPDATE ar_transactions SET batch_id="
INVOICE_DAY = dt.date(2026, 12, 1)  # the invoice date of the work runs


@dataclass(frozen=True)
class Step:
    """One action of a clerk: a generation run, or a manual batch filled with `adds`."""

    close_date: dt.date
    override: bool = False
    from_customer: str | None = None
    to_customer: str | None = None
    manual_customers: tuple[str, ...] = ()
    manual_transactions: tuple[str, ...] = ()

    @property
    def manual(self) -> bool:
        return bool(self.manual_customers or self.manual_transactions)


@dataclass(frozen=True)
class Outcome:
    """What one step did: the batch it made (if any) and how many transactions it claimed."""

    step: Step
    batch_number: int | None
    claimed: int
    refusals: tuple[str, ...]


def _generate(session: Session, step: Step) -> Outcome:
    request = GenerationRequest(
        step.close_date,
        "override" if step.override else "",
        override=step.override,
        from_customer=step.from_customer,
        to_customer=step.to_customer,
    )
    record = billing.generate_batch(session, request)
    return Outcome(step, record.number, record.transaction_count, ())


def _manual(db: Any, step: Step) -> Outcome:
    """A manual batch, then each add in a transaction of its own, as the details form does."""
    with db.transaction() as session:
        number = billing.create_manual_batch(session, step.close_date, "manual").number
    claimed, refusals = 0, []
    adds: list[tuple[str, str]] = [("customer", c) for c in step.manual_customers]
    adds += [("transaction", t) for t in step.manual_transactions]
    for kind, value in adds:
        try:
            with db.transaction() as session:
                if kind == "customer":
                    claimed += billing.add_customer(session, number, value, override=True)
                else:
                    claimed += billing.add_transactions(session, number, [value])
        except BillingError as refusal:
            refusals.append(str(refusal))
    return Outcome(step, number, claimed, tuple(refusals))


def run_steps(url: str, steps: list[Step], start: Any, results: Any) -> None:
    """Wait for the others at `start`, run every step, and put the outcomes on `results`."""
    db = open_database(url)
    outcomes: list[Outcome | str] = []
    try:
        start.wait(timeout=60)
        for step in steps:
            if step.manual:
                outcomes.append(_manual(db, step))
                continue
            try:
                with db.transaction() as session:
                    outcomes.append(_generate(session, step))
            except BillingError as refusal:
                outcomes.append(Outcome(step, None, 0, (str(refusal),)))
    except Exception as error:  # reported to the parent, which fails the test with it
        outcomes.append(f"{type(error).__name__}: {error}")
    finally:
        db.dispose()
        results.put(outcomes)


def generate_and_hang(url: str, close_date: dt.date, marker: str) -> None:
    """Start an override run and stop for good right after its claim, before the commit."""

    @event.listens_for(Engine, "after_cursor_execute")
    def _hang(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith(CLAIM_PREFIX):
            Path(marker).write_text(str(cursor.rowcount))
            time.sleep(600)

    db = open_database(url)
    with db.transaction() as session:
        billing.generate_batch(session, GenerationRequest(close_date, override=True))


@dataclass(frozen=True)
class WorkStep:
    """One clerk's run of invoice_work: the ticked customers (none: all) and a last date."""

    customers: tuple[str, ...]
    date_to: dt.date | None = None


@dataclass(frozen=True)
class WorkOutcome:
    """What one run made, as the process was told: (number, customer, entry ids, amount,
    tax) per invoice; or the kind and words of its refusal."""

    step: WorkStep
    invoices: tuple[tuple[str, str, tuple[int, ...], Decimal, Decimal], ...]
    refusal: tuple[str, str] | None = None


def invoice_work_steps(url: str, steps: list[WorkStep], start: Any, results: Any) -> None:
    """Wait for the others at `start`, run each step in a transaction of its own, and put the
    outcomes on `results`; anything but a refusal is reported as text."""
    db = open_database(url)
    outcomes: list[WorkOutcome | str] = []
    try:
        start.wait(timeout=60)
        for step in steps:
            request = WorkInvoiceRequest(
                INVOICE_DAY, WorkQuery(customer_numbers=step.customers, date_to=step.date_to)
            )
            try:
                with db.transaction() as session:
                    made = billing.invoice_work(session, request)
            except (WorkClaimedMeanwhile, NothingToInclude) as refusal:
                outcomes.append(WorkOutcome(step, (), (type(refusal).__name__, str(refusal))))
                continue
            invoices = tuple(
                (
                    i.number or "",
                    i.customer_number,
                    tuple(line.work_entry_id for line in i.lines),
                    i.amount,
                    i.tax,
                )
                for i in made
            )
            outcomes.append(WorkOutcome(step, invoices))
    except Exception as error:  # reported to the parent, which fails the test with it
        outcomes.append(f"{type(error).__name__}: {error}")
    finally:
        db.dispose()
        results.put(outcomes)
