"""Invoice batches: numbering, manual batches (R6), adding and removing, deleting (R7), listing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, func, select, text, update
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.batch_totals import BatchTotals, totals_by_batch
from app.billing.eligibility import cutoff_fits, eligible_transactions, unbatched_documents
from app.billing.errors import (
    BatchPrinted,
    FieldProblem,
    InvalidInput,
    NotEligible,
    NotFound,
    NothingToInclude,
)
from app.billing.keeping import keep_figures_before_reading
from app.billing.records import BatchRecord, BatchStatement, BatchSummary, TransactionRecord
from app.billing.statements import batch_record, batch_statement, batch_summary
from app.billing.typed_values import LARGEST_WHOLE_NUMBER
from app.models import ARTransaction, BatchKind, Counter, Customer, InvoiceBatch, TransactionType

BATCH_NUMBER_COUNTER = "batch_number"
# A claim this large changes the statistics PostgreSQL plans the batch's first reads by.
LARGE_CLAIM = 10_000


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def find_batch(session: Session, number: int, *, for_update: bool = False) -> InvoiceBatch:
    """The batch with this number; with `for_update`, locked until the transaction ends."""
    if not 0 < number <= LARGEST_WHOLE_NUMBER:  # past the column's integers: asking would fail
        raise NotFound(f"There is no invoice batch {number}.")
    query = select(InvoiceBatch).where(InvoiceBatch.number == number)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    batch = session.scalars(query).one_or_none()
    if batch is None:
        raise NotFound(f"There is no invoice batch {number}.")
    return batch


def lock(batch: InvoiceBatch, at: dt.datetime) -> None:
    """R12: the first approval, print, delivery or export locks the batch; later ones keep the
    time it was locked."""
    if batch.locked_at is None:
        batch.locked_at = at


def open_batch(session: Session, number: int) -> InvoiceBatch:
    """The batch, held for a change; refused once it is locked (R7, R12)."""
    batch = find_batch(session, number, for_update=True)
    refuse_if_locked(batch)
    return batch


def refuse_if_locked(batch: InvoiceBatch) -> None:
    """Refuse a change to a locked batch, saying what locked it and when."""
    if batch.locked_at is None:
        return
    memo = "Enter a credit or debit memo instead; it falls into the next batch."
    if batch.printed_at is not None:
        what = "marked printed" if batch.kind == BatchKind.OPENING else "printed"
        when = batch.printed_at
    elif batch.approved_at is not None:
        what, when = f"approved by {batch.approved_by}", batch.approved_at
        memo = "Unapprove it to change it, or enter a credit or debit memo."
    else:
        what, when = "sent or exported", batch.locked_at
    raise BatchPrinted(
        f"Invoice batch {batch.number} was {what} on {when:%Y-%m-%d} and is read-only. {memo}"
    )


def find_customer_number(session: Session, customer_id: int) -> str:
    return session.get_one(Customer, customer_id).number


def find_customer(session: Session, number: str) -> Customer:
    customer = session.scalars(select(Customer).where(Customer.number == number)).one_or_none()
    if customer is None:
        raise NotFound(f"There is no customer {number}.")
    return customer


def take_batch_number(session: Session) -> int:
    """The next batch number; the counter only grows, so no number is ever handed out twice."""
    return session.execute(
        update(Counter)
        .where(Counter.name == BATCH_NUMBER_COUNTER)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def new_batch(
    session: Session,
    close_date: dt.date,
    description: str,
    kind: BatchKind,
) -> InvoiceBatch:
    batch = InvoiceBatch(
        number=take_batch_number(session),
        close_date=close_date,
        description=description.strip(),
        kind=kind,
        created_at=now(),
        printed_at=None,
        print_count=0,
    )
    session.add(batch)
    session.flush()
    return batch


def claim(session: Session, batch: InvoiceBatch, condition: ColumnElement[bool]) -> int:
    """Put every unbatched document matching `condition` into the batch; returns how many.

    The guard `batch_id IS NULL` is re-checked by the database row by row, so two clerks
    claiming at the same moment never take the same transaction. Claims also queue on the
    counter row, so two claims never lock rows in opposite orders and deadlock.
    """
    session.execute(
        select(Counter.value).where(Counter.name == BATCH_NUMBER_COUNTER).with_for_update()
    )
    result = session.execute(
        update(ARTransaction)
        .where(unbatched_documents(), condition)
        .values(batch_id=batch.id)
        .execution_options(synchronize_session=False)
    )
    claimed = int(result.rowcount)  # type: ignore[attr-defined]
    if claimed >= LARGE_CLAIM and session.get_bind().dialect.name == "postgresql":
        # PostgreSQL plans this transaction's next reads (the new batch's figures) from
        # statistics that still see these rows unbatched and these customers unmarked, and
        # chose nested loops over them that ran for minutes at a million rows. ANALYZE sees
        # the transaction's own changes, and is rolled back with it.
        session.execute(text("ANALYZE ar_transactions, stale_customers"))
    return claimed


def release(session: Session, batch: InvoiceBatch, condition: ColumnElement[bool]) -> int:
    result = session.execute(
        update(ARTransaction)
        .where(ARTransaction.batch_id == batch.id, condition)
        .values(batch_id=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def create_manual_batch(session: Session, close_date: dt.date, description: str) -> BatchRecord:
    """R6: an empty batch, to be filled in its details."""
    batch = new_batch(session, close_date, description, BatchKind.MANUAL)
    record(session, "batch_new", batch=batch.number, detail=f"close date {close_date.isoformat()}")
    return batch_record(session, batch)


def set_description(session: Session, number: int, description: str) -> None:
    """After creation only the description of a batch can change; it can also once printed,
    as it is the clerk's note, not what was mailed (R7)."""
    batch = find_batch(session, number, for_update=True)
    batch.description = description.strip()
    record(session, "notes", batch=number, detail=f"description: {batch.description}")


def delete_batch(session: Session, number: int) -> int:
    """R7: delete an open batch; returns how many transactions it released."""
    batch = open_batch(session, number)
    released = release(session, batch, ARTransaction.batch_id.is_not(None))
    session.delete(batch)
    session.flush()
    record(session, "delete", batch=number, detail=f"{released} transactions released")
    return released


def add_customer(
    session: Session, number: int, customer_number: str, override: bool = False
) -> int:
    """R6: bring a customer's eligible transactions (R2, or R3 with override) into the batch."""
    batch = open_batch(session, number)
    customer = find_customer(session, customer_number)
    if not override:
        if not customer.active:
            raise NotEligible(
                f"Customer {customer.number} is inactive; add it with override to include it."
            )
        if not cutoff_fits(customer.cutoff_day, batch.close_date):
            day = customer.cutoff_day or "none"
            raise NotEligible(
                f"Customer {customer.number}'s cutoff day ({day}) does not fit the close date "
                f"{batch.close_date.isoformat()}. Add it with override to include it anyway."
            )
    condition = and_(
        ARTransaction.customer_id == customer.id,
        eligible_transactions(batch.close_date, override=override, exclude_closing_date=False),
    )
    claimed = claim(session, batch, condition)
    if claimed == 0:
        dated = "" if override else f" dated on or before {batch.close_date.isoformat()}"
        raise NothingToInclude(
            f"Customer {customer.number} has no unbatched invoice or memo{dated}."
        )
    what = f"{claimed} transactions" + (", override" if override else "")
    record(session, "add", batch=number, customer=customer.number, detail=what)
    return claimed


def _documents(session: Session, numbers: Sequence[str]) -> list[ARTransaction]:
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not wanted:
        raise InvalidInput([FieldProblem("transactions", "name at least one transaction number")])
    found = session.scalars(
        select(ARTransaction).where(
            ARTransaction.number.in_(wanted), ARTransaction.type != TransactionType.PAYMENT
        )
    ).all()
    missing = sorted(set(wanted) - {t.number for t in found})
    if missing:
        raise NotFound(f"There is no invoice or memo numbered {', '.join(missing)}.")
    return list(found)


def add_transactions(session: Session, number: int, transaction_numbers: Sequence[str]) -> int:
    """R6: put single unbatched invoices or memos into the batch, all or none."""
    batch = open_batch(session, number)
    documents = _documents(session, transaction_numbers)
    taken = session.execute(
        select(ARTransaction.number, InvoiceBatch.number)
        .join(InvoiceBatch, InvoiceBatch.id == ARTransaction.batch_id)
        .where(ARTransaction.id.in_([d.id for d in documents]))
    ).all()
    if taken:
        where = ", ".join(f"{tx} is in batch {b}" for tx, b in taken)
        raise NotEligible(f"Already in a batch: {where}.")
    claimed = claim(session, batch, ARTransaction.id.in_([d.id for d in documents]))
    if claimed != len(documents):
        raise NotEligible("Another clerk put some of these transactions in a batch just now.")
    _record_documents(session, "add", number, documents)
    return claimed


def _record_documents(
    session: Session, action: str, number: int, documents: Sequence[ARTransaction]
) -> None:
    """One entry for single transactions added or removed together, naming each of them."""
    numbers = sorted(d.number for d in documents)
    customers = {d.customer_id for d in documents}
    customer = find_customer_number(session, customers.pop()) if len(customers) == 1 else None
    single = numbers[0] if len(numbers) == 1 else None
    detail = ", ".join(numbers)
    record(session, action, batch=number, customer=customer, transaction=single, detail=detail)


def remove_customer(session: Session, number: int, customer_number: str) -> int:
    batch = open_batch(session, number)
    customer = find_customer(session, customer_number)
    released = release(session, batch, ARTransaction.customer_id == customer.id)
    if released == 0:
        raise NotFound(f"Customer {customer.number} is not in invoice batch {number}.")
    detail = f"{released} transactions"
    record(session, "remove", batch=number, customer=customer.number, detail=detail)
    return released


def remove_transactions(session: Session, number: int, transaction_numbers: Sequence[str]) -> int:
    batch = open_batch(session, number)
    documents = _documents(session, transaction_numbers)
    outside = sorted(d.number for d in documents if d.batch_id != batch.id)
    if outside:
        raise NotFound(f"Not in invoice batch {number}: {', '.join(outside)}.")
    released = release(session, batch, ARTransaction.id.in_([d.id for d in documents]))
    _record_documents(session, "remove", number, documents)
    return released


def candidates(
    session: Session, number: int, customer_number: str | None = None, override: bool = False
) -> list[TransactionRecord]:
    """Unbatched invoices and memos that could go into the batch: the details form's picker."""
    batch = find_batch(session, number)
    condition = (
        unbatched_documents()
        if override
        else eligible_transactions(batch.close_date, override=False, exclude_closing_date=False)
    )
    query = (
        select(ARTransaction, Customer)
        .join(Customer, Customer.id == ARTransaction.customer_id)
        .where(condition)
        .order_by(Customer.number, ARTransaction.invoice_date, ARTransaction.number)
    )
    if customer_number:
        query = query.where(Customer.number == customer_number)
    return [TransactionRecord.of(tx, c, None) for tx, c in session.execute(query)]


@dataclass(frozen=True)
class BatchQuery:
    """Search of the Invoice Batches form: by customer, by number and by close date range."""

    customer_number: str | None = None
    number: int | None = None
    close_from: dt.date | None = None
    close_to: dt.date | None = None


def list_batches(session: Session, query: BatchQuery | None = None) -> list[BatchRecord]:
    """Batches newest first, with their customer counts and R8 totals."""
    query = query or BatchQuery()
    keep_figures_before_reading(session)
    statement = select(InvoiceBatch).order_by(
        InvoiceBatch.close_date.desc(), InvoiceBatch.number.desc()
    )
    if query.number is not None:
        statement = statement.where(InvoiceBatch.number == query.number)
    if query.close_from is not None:
        statement = statement.where(InvoiceBatch.close_date >= query.close_from)
    if query.close_to is not None:
        statement = statement.where(InvoiceBatch.close_date <= query.close_to)
    if query.customer_number:
        statement = statement.where(
            exists(
                select(ARTransaction.id)
                .join(Customer, Customer.id == ARTransaction.customer_id)
                .where(
                    ARTransaction.batch_id == InvoiceBatch.id,
                    func.lower(Customer.number) == query.customer_number.strip().lower(),
                )
            )
        )
    batches = session.scalars(statement).all()
    totals = totals_by_batch(session, [b.id for b in batches])
    records = []
    for batch in batches:
        counted = totals.get(batch.id, BatchTotals())  # an empty manual batch has no rows
        records.append(
            BatchRecord.of(batch, counted.customer_count, counted.transaction_count, counted.totals)
        )
    return records


def batch_row(session: Session, number: int) -> BatchRecord:
    return batch_record(session, find_batch(session, number))


def statement_of(session: Session, number: int) -> BatchStatement:
    """The whole batch as the report and the details form show it."""
    return batch_statement(session, find_batch(session, number))


def summary_of(session: Session, number: int) -> BatchSummary:
    """The batch's figures and transaction numbers, as the command line shows it."""
    return batch_summary(session, find_batch(session, number))
