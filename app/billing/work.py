"""Work entries (R15): the billable work done for a customer, typed in or imported, until an
invoice claims it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, select
from sqlalchemy.orm import Session, aliased

from app.billing.audit import record
from app.billing.errors import FieldProblem, InvalidInput, NotFound
from app.billing.lines import HUNDREDTH, LARGEST_QUANTITY, LARGEST_RATE, line_amount
from app.billing.list_order import in_order
from app.billing.money import ZERO
from app.models import CENT, ARTransaction, Customer, ServiceType, WorkEntry

WORKER_LENGTH = 80


@dataclass(frozen=True)
class WorkDraft:
    """What the work-entry form (or an import row) says an entry is. An empty rate is the
    service type's."""

    customer_number: str
    work_date: dt.date
    service_type: str
    quantity: Decimal
    rate: Decimal | None = None
    description: str = ""
    worker: str = ""
    billable: bool = True


@dataclass(frozen=True)
class WorkRecord:
    id: int
    customer_number: str
    customer_name: str
    work_date: dt.date
    service_type: str
    description: str
    worker: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    billable: bool
    invoice_number: str | None

    @property
    def read_only_reason(self) -> str | None:
        if self.invoice_number is not None:
            return (
                f"It is billed on invoice {self.invoice_number}. Delete that invoice (while it "
                "is in no batch or an open one) to return the work to unbilled."
            )
        return None


def check_work(draft: WorkDraft, line: int | None = None) -> list[FieldProblem]:
    """Every problem with the draft on its own (customer and service type are checked in the
    database)."""
    problems = []
    for name, value in (("customer", draft.customer_number), ("service_type", draft.service_type)):
        if not value.strip():
            problems.append(FieldProblem(name, "is required", line))
    if draft.quantity != draft.quantity.quantize(HUNDREDTH):
        problems.append(FieldProblem("quantity", "has more than two decimals", line))
    elif not HUNDREDTH <= draft.quantity <= LARGEST_QUANTITY:
        problems.append(FieldProblem("quantity", f"must be from 0.01 to {LARGEST_QUANTITY}", line))
    if draft.rate is not None:
        if draft.rate != draft.rate.quantize(CENT):
            problems.append(FieldProblem("rate", "has more than two decimals", line))
        elif not ZERO <= draft.rate <= LARGEST_RATE:
            problems.append(FieldProblem("rate", f"must be from 0 to {LARGEST_RATE}", line))
    if len(draft.worker.strip()) > WORKER_LENGTH:
        problems.append(FieldProblem("worker", f"is longer than {WORKER_LENGTH} characters", line))
    return problems


def _checked(session: Session, draft: WorkDraft) -> tuple[Customer, ServiceType]:
    problems = check_work(draft)
    customer = session.scalars(
        select(Customer).where(Customer.number == draft.customer_number.strip())
    ).one_or_none()
    if draft.customer_number.strip() and customer is None:
        problems.append(FieldProblem("customer", f"there is no customer {draft.customer_number}"))
    service_type = session.scalars(
        select(ServiceType).where(ServiceType.code == draft.service_type.strip())
    ).one_or_none()
    if draft.service_type.strip() and service_type is None:
        reason = f"there is no service type {draft.service_type.strip()}"
        problems.append(FieldProblem("service_type", reason))
    if problems or customer is None or service_type is None:
        raise InvalidInput(problems)
    return customer, service_type


def _apply(entry: WorkEntry, draft: WorkDraft, customer: Customer, kind: ServiceType) -> None:
    rate = kind.rate if draft.rate is None else draft.rate
    entry.customer_id = customer.id
    entry.work_date = draft.work_date
    entry.service_type_id = kind.id
    entry.description = draft.description.strip()
    entry.worker = draft.worker.strip()
    entry.quantity = draft.quantity
    entry.rate = rate
    entry.amount = line_amount(draft.quantity, rate)
    entry.billable = draft.billable


def _record(session: Session, action: str, entry: WorkEntry, customer: Customer) -> None:
    detail = (
        f"{entry.work_date.isoformat()} {entry.quantity} × {entry.rate} = {entry.amount}"
        f"{'' if entry.billable else ', not billable'}"
    )
    record(session, action, customer=customer.number, detail=detail)


def create_work(session: Session, draft: WorkDraft) -> WorkRecord:
    customer, kind = _checked(session, draft)
    entry = WorkEntry()
    _apply(entry, draft, customer, kind)
    session.add(entry)
    session.flush()
    _record(session, "work_create", entry, customer)
    return get_work(session, entry.id)


def _unbilled(session: Session, entry_id: int) -> WorkEntry:
    """The entry, held until the transaction ends (a run claiming it waits, and then finds it
    changed), refused once it is billed."""
    entry = session.get(WorkEntry, entry_id, with_for_update=True, populate_existing=True)
    if entry is None:
        raise NotFound(f"Work entry #{entry_id} no longer exists.")
    if entry.invoice_id is not None:
        reason = get_work(session, entry_id).read_only_reason
        raise InvalidInput([FieldProblem("invoice", reason or "the entry is billed")])
    return entry


def update_work(session: Session, entry_id: int, draft: WorkDraft) -> WorkRecord:
    """Change an entry that is not billed yet."""
    entry = _unbilled(session, entry_id)
    customer, kind = _checked(session, draft)
    _apply(entry, draft, customer, kind)
    session.flush()
    _record(session, "work_update", entry, customer)
    return get_work(session, entry.id)


def delete_work(session: Session, entry_id: int) -> None:
    entry = _unbilled(session, entry_id)
    customer = session.get_one(Customer, entry.customer_id)
    session.delete(entry)
    session.flush()
    _record(session, "work_delete", entry, customer)


class WorkSort(StrEnum):
    CUSTOMER = "customer"
    DATE = "date"
    SERVICE_TYPE = "service_type"
    WORKER = "worker"
    AMOUNT = "amount"


SORT_COLUMNS: dict[WorkSort, Any] = {
    WorkSort.CUSTOMER: Customer.number,
    WorkSort.DATE: WorkEntry.work_date,
    WorkSort.SERVICE_TYPE: ServiceType.code,
    WorkSort.WORKER: WorkEntry.worker,
    WorkSort.AMOUNT: WorkEntry.amount,
}


def tag_condition(tag: str) -> ColumnElement[bool]:
    """The customer carries this tag (case does not matter); tags are kept as "a;b;c"."""
    wrapped = literal(";") + func.lower(Customer.tags) + literal(";")
    return wrapped.contains(f";{tag.strip().lower()};", autoescape=True)


@dataclass(frozen=True)
class WorkQuery:
    """The filters of Unbilled Work and of `work`/`invoice-work`; all run in the database."""

    customer_numbers: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    service_type: str | None = None
    worker: str | None = None
    tag: str | None = None
    unbilled_only: bool = False
    sort: WorkSort = WorkSort.DATE
    descending: bool = False

    def where(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.customer_numbers:
            conditions.append(Customer.number.in_(self.customer_numbers))
        if self.date_from is not None:
            conditions.append(WorkEntry.work_date >= self.date_from)
        if self.date_to is not None:
            conditions.append(WorkEntry.work_date <= self.date_to)
        if self.service_type:
            conditions.append(ServiceType.code == self.service_type)
        if self.worker:
            conditions.append(func.lower(WorkEntry.worker) == self.worker.strip().lower())
        if self.tag:
            conditions.append(tag_condition(self.tag))
        if self.unbilled_only:
            conditions += [WorkEntry.invoice_id.is_(None), WorkEntry.billable.is_(True)]
        return conditions


Invoice = aliased(ARTransaction)


def _select(query: WorkQuery) -> Select[WorkEntry, str, str, str, str]:
    order = in_order(SORT_COLUMNS[query.sort], WorkEntry.id, query.descending)
    return (
        select(WorkEntry, Customer.number, Customer.name, ServiceType.code, Invoice.number)
        .join(Customer, Customer.id == WorkEntry.customer_id)
        .join(ServiceType, ServiceType.id == WorkEntry.service_type_id)
        .outerjoin(Invoice, Invoice.id == WorkEntry.invoice_id)
        .where(*query.where())
        .order_by(*order)
    )


def _record_of(row: Any) -> WorkRecord:
    entry, customer_number, customer_name, code, invoice_number = row
    return WorkRecord(
        id=entry.id,
        customer_number=customer_number,
        customer_name=customer_name,
        work_date=entry.work_date,
        service_type=code,
        description=entry.description,
        worker=entry.worker,
        quantity=entry.quantity,
        rate=entry.rate,
        amount=entry.amount,
        billable=entry.billable,
        invoice_number=invoice_number,
    )


def list_work(
    session: Session, query: WorkQuery | None = None, offset: int = 0, limit: int | None = None
) -> list[WorkRecord]:
    statement = _select(query or WorkQuery()).offset(offset).limit(limit)
    return [_record_of(row) for row in session.execute(statement)]


def count_work(session: Session, query: WorkQuery | None = None) -> int:
    statement = (
        select(func.count())
        .select_from(WorkEntry)
        .join(Customer, Customer.id == WorkEntry.customer_id)
        .join(ServiceType, ServiceType.id == WorkEntry.service_type_id)
        .where(*(query or WorkQuery()).where())
    )
    return session.scalar(statement) or 0


def get_work(session: Session, entry_id: int) -> WorkRecord:
    row = session.execute(_select(WorkQuery()).where(WorkEntry.id == entry_id)).first()
    if row is None:
        raise NotFound(f"Work entry #{entry_id} no longer exists.")
    return _record_of(row)


@dataclass(frozen=True)
class UnbilledCustomer:
    """One customer's group in Unbilled Work: how many entries pass the filters, and their total."""

    customer_number: str
    customer_name: str
    entries: int
    amount: Decimal
    first_date: dt.date
    last_date: dt.date


def unbilled_by_customer(session: Session, query: WorkQuery) -> list[UnbilledCustomer]:
    """The unbilled billable entries that pass the filters, grouped by customer, by number."""
    unbilled = WorkQuery(
        customer_numbers=query.customer_numbers,
        date_from=query.date_from,
        date_to=query.date_to,
        service_type=query.service_type,
        worker=query.worker,
        tag=query.tag,
        unbilled_only=True,
    )
    statement = (
        select(
            Customer.number,
            Customer.name,
            func.count(WorkEntry.id),
            func.sum(WorkEntry.amount),
            func.min(WorkEntry.work_date),
            func.max(WorkEntry.work_date),
        )
        .select_from(WorkEntry)
        .join(Customer, Customer.id == WorkEntry.customer_id)
        .join(ServiceType, ServiceType.id == WorkEntry.service_type_id)
        .where(*unbilled.where())
        .group_by(Customer.number, Customer.name)
        .order_by(Customer.number)
    )
    return [
        UnbilledCustomer(number, name, count, amount, first, last)
        for number, name, count, amount, first, last in session.execute(statement)
    ]
