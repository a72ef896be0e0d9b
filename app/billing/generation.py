"""Generate Invoice Batch (R1–R5), its preview, and the opening batch (R10)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.batches import claim, new_batch, now
from app.billing.eligibility import (
    cutoff_days_for,
    cutoff_fits,
    eligible_customers,
    eligible_transactions,
    in_range,
    unbatched_documents,
)
from app.billing.errors import FieldProblem, InvalidInput, NothingToInclude
from app.billing.keeping import keep_figures_before_reading
from app.billing.records import Aging, BatchRecord, CustomerStatement, StatementFigures
from app.billing.statement_sql import member_ids
from app.billing.statements import batch_record, batch_statement, kept_batch_record
from app.models import ARTransaction, BatchKind, Customer, InvoiceBatch


@dataclass(frozen=True)
class GenerationRequest:
    """The fields of the Generate Invoice Batch form."""

    close_date: dt.date
    description: str = ""
    exclude_closing_date: bool = False
    from_customer: str | None = None
    to_customer: str | None = None
    override: bool = False

    def check(self) -> None:
        if self.from_customer and self.to_customer and self.from_customer > self.to_customer:
            raise InvalidInput(
                [FieldProblem("ending customer", "comes before the starting customer")]
            )

    @property
    def dated(self) -> str:
        if self.override:
            return ""
        word = "before" if self.exclude_closing_date else "on or before"
        return f" dated {word} {self.close_date.isoformat()}"


class LeftOutKind(StrEnum):
    """Why a run does not take a customer, as a kind the windows can group by."""

    OUTSIDE_RANGE = "outside_range"
    INACTIVE = "inactive"
    NO_CUTOFF_DAY = "no_cutoff_day"  # not in the batch process
    OTHER_CUTOFF_DAY = "other_cutoff_day"  # R1 takes it on another close date
    NOTHING_UNBATCHED = "nothing_unbatched"
    TAKEN = "taken"  # another run took what was waiting

    @property
    def expected(self) -> bool:
        """The rules (R1, or the override) take this customer: the clerk expected it in."""
        return self in (LeftOutKind.NOTHING_UNBATCHED, LeftOutKind.TAKEN)


@dataclass(frozen=True)
class LeftOut:
    """A customer the run does not take, why (in the clerk's words), and the kind of why."""

    customer_number: str
    customer_name: str
    reason: str
    kind: LeftOutKind


@dataclass(frozen=True)
class GenerationPreview:
    """What Process would create now; nothing of it is saved."""

    request: GenerationRequest
    customers: tuple[CustomerStatement, ...]
    totals: StatementFigures
    aging: Aging
    transaction_count: int
    left_out: tuple[LeftOut, ...]
    refusal: str | None


def _customer_ids(request: GenerationRequest) -> Select[int]:
    return select(Customer.id).where(
        eligible_customers(
            request.close_date,
            override=request.override,
            from_customer=request.from_customer,
            to_customer=request.to_customer,
        )
    )


def _refusal(session: Session, request: GenerationRequest) -> NothingToInclude:
    eligible = session.scalar(select(func.count()).select_from(_customer_ids(request).subquery()))
    if not eligible:
        if request.override:
            reason = "no active customer is in the range"
        else:
            days = ", ".join(str(d) for d in cutoff_days_for(request.close_date))
            reason = f"no active customer has cutoff day {days}"
            if request.from_customer or request.to_customer:
                reason += " in the range"
    else:
        who = (
            "the eligible customer has"
            if eligible == 1
            else f"the {eligible} eligible customers have"
        )
        reason = f"{who} no unbatched invoice or memo{request.dated}"
    return NothingToInclude(
        f"No invoice batch was created for {request.close_date.isoformat()}: {reason}."
    )


def generate_batch(session: Session, request: GenerationRequest) -> BatchRecord:
    """R4/R5: one run, one batch, made whole or not at all."""
    request.check()
    with session.begin_nested():
        batch = new_batch(session, request.close_date, request.description, BatchKind.GENERATED)
        condition = and_(
            ARTransaction.customer_id.in_(_customer_ids(request)),
            eligible_transactions(
                request.close_date,
                override=request.override,
                exclude_closing_date=request.exclude_closing_date,
            ),
        )
        claimed = claim(session, batch, condition)
        if claimed == 0:
            raise _refusal(session, request)
        record(
            session,
            "generate",
            batch=batch.number,
            detail=f"{claimed} transactions, close date {request.close_date.isoformat()}"
            + (", override" if request.override else ""),
        )
    # The new batch's customers' figures are kept at once, in the run's own transaction: what
    # the run ends with, the list after it and the batch's statement then read kept rows
    # instead of each working the same figures out from the history. Only theirs: where
    # others are marked too (all of them, after an upgrade), keeping theirs is no work of a run.
    keep_figures_before_reading(session, among=member_ids(batch, None))
    return kept_batch_record(session, batch)


def preview_generation(session: Session, request: GenerationRequest) -> GenerationPreview:
    """Run the generation, read what it made, and roll it back: a preview that cannot differ."""
    request.check()
    savepoint = session.begin_nested()
    try:
        try:
            record = generate_batch(session, request)
        except NothingToInclude as refusal:
            customers: tuple[CustomerStatement, ...] = ()
            totals, aging, count = StatementFigures(), Aging(), 0
            message: str | None = str(refusal)
        else:
            statement = batch_statement(session, session.get_one(InvoiceBatch, record.id))
            customers, totals, aging = statement.customers, record.totals, statement.aging
            count, message = record.transaction_count, None
        left_out = _left_out(session, request, {c.customer.id for c in customers})
    finally:
        savepoint.rollback()
    return GenerationPreview(request, customers, totals, aging, count, left_out, message)


def _left_out(
    session: Session, request: GenerationRequest, included: set[int]
) -> tuple[LeftOut, ...]:
    waiting = dict(
        session.execute(
            select(ARTransaction.customer_id, func.count())
            .where(
                eligible_transactions(
                    request.close_date,
                    override=request.override,
                    exclude_closing_date=request.exclude_closing_date,
                )
            )
            .group_by(ARTransaction.customer_id)
        ).all()
    )
    # The range is judged by the database, as in the run itself: its collation orders numbers.
    ranged = in_range(request.from_customer, request.to_customer).label("in_range")
    rows = []
    for customer, inside in session.execute(select(Customer, ranged).order_by(Customer.number)):
        if customer.id in included:
            continue
        kind, reason = _reason(request, customer, bool(inside), waiting.get(customer.id, 0))
        rows.append(LeftOut(customer.number, customer.name, reason, kind))
    return tuple(rows)


def _reason(
    request: GenerationRequest, customer: Customer, inside: bool, waiting: int
) -> tuple[LeftOutKind, str]:
    if not inside:
        return LeftOutKind.OUTSIDE_RANGE, "outside the customer range"
    if not customer.active:
        return LeftOutKind.INACTIVE, "inactive"
    if not request.override:
        if customer.cutoff_day is None:
            return LeftOutKind.NO_CUTOFF_DAY, "not in the invoice batch process (no cutoff day)"
        if not cutoff_fits(customer.cutoff_day, request.close_date):
            day = customer.cutoff_day
            return LeftOutKind.OTHER_CUTOFF_DAY, f"cutoff day {day} does not match the close date"
    if waiting == 0:
        return LeftOutKind.NOTHING_UNBATCHED, f"nothing unbatched{request.dated}"
    return LeftOutKind.TAKEN, "taken by another run"


def create_opening_batch(
    session: Session, close_date: dt.date, description: str = "Opening batch"
) -> BatchRecord:
    """R10: take all history up to a past date, marked printed without printing."""
    with session.begin_nested():
        # Marked printed only once filled: the database refuses to fill a printed batch (R7).
        batch = new_batch(session, close_date, description, BatchKind.OPENING)
        in_process = select(Customer.id).where(Customer.cutoff_day.is_not(None))
        condition = and_(
            ARTransaction.customer_id.in_(in_process), ARTransaction.invoice_date <= close_date
        )
        claimed = claim(session, batch, and_(unbatched_documents(), condition))
        if claimed == 0:
            raise NothingToInclude(
                f"No opening batch was created: no customer in the invoice batch process has "
                f"an unbatched invoice or memo dated on or before {close_date.isoformat()}."
            )
        batch.printed_at = batch.locked_at = now()
        session.flush()
        record(
            session,
            "opening_batch",
            batch=batch.number,
            detail=f"{claimed} transactions up to {close_date.isoformat()}, marked printed",
        )
    return batch_record(session, batch)
