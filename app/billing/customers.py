"""Customers: entering, checking, finding and listing them."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, String, exists, func, or_, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.errors import FieldProblem, InUse, InvalidInput, NotFound
from app.billing.money import ZERO
from app.billing.records import CustomerRecord
from app.billing.settings import LARGEST_TERMS
from app.models import ARTransaction, Customer, Delivery

TAG_LENGTH = 40

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Every text column with a length: PostgreSQL refuses a longer value with a DataError.
LIMITS: dict[str, int] = {
    column.name: column.type.length
    for column in Customer.__table__.columns
    if isinstance(column.type, String) and column.type.length
}


@dataclass(frozen=True)
class CustomerDraft:
    """What the Customers form (or an import row) says a customer is."""

    number: str
    name: str
    address1: str = ""
    address2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    email: str = ""
    phone: str = ""
    cutoff_day: int | None = None
    active: bool = True
    notes: str = ""
    tax_rate: Decimal | None = None  # a percentage; empty = the company's
    terms_days: int | None = None  # empty = the company's
    delivery: Delivery = Delivery.PRINT
    tags: str = ""  # separated by ";"

    def cleaned(self) -> CustomerDraft:
        text = {f.name: getattr(self, f.name).strip() for f in fields(self) if f.type == "str"}
        text["tags"] = clean_tags(text["tags"])
        return replace(self, **text)


def clean_tags(text: str) -> str:
    """Tags as they are kept: trimmed, each once (whatever its case), joined by ";"."""
    kept: dict[str, str] = {}
    for tag in text.split(";"):
        if tag.strip():
            kept.setdefault(tag.strip().lower(), tag.strip())
    return ";".join(kept.values())


def check_customer(draft: CustomerDraft, line: int | None = None) -> list[FieldProblem]:
    """Every problem with the draft on its own (uniqueness is checked against the database)."""
    problems = []
    if not draft.number:
        problems.append(FieldProblem("number", "is required", line))
    if not draft.name:
        problems.append(FieldProblem("name", "is required", line))
    for field, limit in LIMITS.items():
        if len(getattr(draft, field)) > limit:
            problems.append(FieldProblem(field, f"is longer than {limit} characters", line))
    # One or more addresses separated by ";" (DESIGN §2): each one is checked.
    for address in (a.strip() for a in draft.email.split(";")):
        if address and not EMAIL.match(address):
            reason = f"{address!r} is not an email address"
            problems.append(FieldProblem("email", reason, line))
            break
    if draft.cutoff_day is not None and not 1 <= draft.cutoff_day <= 31:
        problems.append(FieldProblem("cutoff_day", "must be a day from 1 to 31, or empty", line))
    if draft.cutoff_day is not None:
        problems += _envelope_problems(draft, line)
    if draft.tax_rate is not None and (
        draft.tax_rate != draft.tax_rate.quantize(Decimal("0.0001"))
        or not ZERO <= draft.tax_rate <= 100
    ):
        reason = "must be a percentage from 0 to 100 with at most four decimals, or empty"
        problems.append(FieldProblem("tax_rate", reason, line))
    if draft.terms_days is not None and not 0 <= draft.terms_days <= LARGEST_TERMS:
        reason = f"must be a number of days from 0 to {LARGEST_TERMS}, or empty"
        problems.append(FieldProblem("terms_days", reason, line))
    long_tags = [tag for tag in draft.tags.split(";") if len(tag) > TAG_LENGTH]
    if long_tags:
        reason = f"has a tag longer than {TAG_LENGTH} characters: {long_tags[0]!r}"
        problems.append(FieldProblem("tags", reason, line))
    return problems


def _envelope_problems(draft: CustomerDraft, line: int | None) -> list[FieldProblem]:
    """A customer in the batch process is mailed a statement in a window envelope: without a
    street and a city or postal code, the window would show a name and nothing to deliver to."""
    problems = []
    if not draft.address1:
        reason = "is required for a customer with a cutoff day: the envelope window shows it"
        problems.append(FieldProblem("address1", reason, line))
    if not draft.city and not draft.postal_code:
        reason = "a customer with a cutoff day needs a city or a postal code for the envelope"
        problems.append(FieldProblem("city", reason, line))
    return problems


def _number_taken(session: Session, number: str, other_than: int | None = None) -> bool:
    query = select(Customer.id).where(Customer.number == number)
    if other_than is not None:
        query = query.where(Customer.id != other_than)
    return session.scalar(query) is not None


def _checked(session: Session, draft: CustomerDraft, customer_id: int | None) -> CustomerDraft:
    draft = draft.cleaned()
    problems = check_customer(draft)
    if draft.number and _number_taken(session, draft.number, customer_id):
        problems.append(FieldProblem("number", f"customer {draft.number} already exists"))
    if problems:
        raise InvalidInput(problems)
    return draft


def create_customer(session: Session, draft: CustomerDraft) -> CustomerRecord:
    draft = _checked(session, draft, None)
    customer = Customer(**{f.name: getattr(draft, f.name) for f in fields(draft)})
    session.add(customer)
    session.flush()
    record(session, "customer_create", customer=customer.number, detail=customer.name)
    return CustomerRecord.of(customer)


def update_customer(session: Session, customer_id: int, draft: CustomerDraft) -> CustomerRecord:
    customer = _customer(session, customer_id)
    draft = _checked(session, draft, customer_id)
    changed = [f.name for f in fields(draft) if getattr(customer, f.name) != getattr(draft, f.name)]
    for f in fields(draft):
        setattr(customer, f.name, getattr(draft, f.name))
    session.flush()
    if changed:
        record(session, "customer_update", customer=customer.number, detail=", ".join(changed))
    return CustomerRecord.of(customer)


def delete_customer(session: Session, customer_id: int) -> None:
    customer = _customer(session, customer_id)
    if session.scalar(select(exists().where(ARTransaction.customer_id == customer_id))):
        raise InUse(
            f"Customer {customer.number} has transactions and cannot be deleted. "
            "Untick Active instead."
        )
    session.delete(customer)
    session.flush()
    record(session, "customer_delete", customer=customer.number, detail=customer.name)


def _customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"Customer #{customer_id} no longer exists.")
    return customer


def get_customer(session: Session, customer_id: int) -> CustomerRecord:
    return CustomerRecord.of(_customer(session, customer_id))


def customer_by_number(session: Session, number: str) -> CustomerRecord:
    customer = session.scalars(select(Customer).where(Customer.number == number)).one_or_none()
    if customer is None:
        raise NotFound(f"There is no customer {number}.")
    return CustomerRecord.of(customer)


class CustomerSort(StrEnum):
    NUMBER = "number"
    NAME = "name"
    CITY = "city"
    COUNTRY = "country"
    CUTOFF_DAY = "cutoff_day"
    ACTIVE = "active"


@dataclass(frozen=True)
class CustomerQuery:
    """Search of the Customers list: text in number or name, sorted by the database."""

    text: str = ""
    active_only: bool = False
    sort: CustomerSort = CustomerSort.NUMBER
    descending: bool = False

    def where(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.text.strip():
            needle = self.text.strip().lower()
            conditions.append(
                or_(
                    func.lower(Customer.number).contains(needle, autoescape=True),
                    func.lower(Customer.name).contains(needle, autoescape=True),
                )
            )
        if self.active_only:
            conditions.append(Customer.active.is_(True))
        return conditions


def _select(query: CustomerQuery) -> Select[Customer]:
    column = getattr(Customer, query.sort.value)
    order = column.desc() if query.descending else column.asc()
    return select(Customer).where(*query.where()).order_by(order, Customer.number)


def list_customers(
    session: Session, query: CustomerQuery | None = None, offset: int = 0, limit: int | None = None
) -> list[CustomerRecord]:
    statement = _select(query or CustomerQuery()).offset(offset).limit(limit)
    return [CustomerRecord.of(c) for c in session.scalars(statement)]


def count_customers(session: Session, query: CustomerQuery | None = None) -> int:
    conditions = (query or CustomerQuery()).where()
    return session.scalar(select(func.count()).select_from(Customer).where(*conditions)) or 0
