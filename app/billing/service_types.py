"""Service types: what kind of work an entry is, its default rate, and whether it is taxed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.errors import FieldProblem, InUse, InvalidInput, NotFound
from app.billing.lines import LARGEST_RATE
from app.billing.money import ZERO
from app.models import CENT, InvoiceLine, ServiceType, WorkEntry

CODE_LENGTH = 20
NAME_LENGTH = 120


@dataclass(frozen=True)
class ServiceTypeDraft:
    code: str
    name: str
    rate: Decimal = ZERO
    taxable: bool = True

    def cleaned(self) -> ServiceTypeDraft:
        return replace(self, code=self.code.strip(), name=self.name.strip())


@dataclass(frozen=True)
class ServiceTypeRecord:
    id: int
    code: str
    name: str
    rate: Decimal
    taxable: bool

    @classmethod
    def of(cls, service_type: ServiceType) -> ServiceTypeRecord:
        return cls(
            id=service_type.id,
            code=service_type.code,
            name=service_type.name,
            rate=service_type.rate,
            taxable=service_type.taxable,
        )


def check_service_type(draft: ServiceTypeDraft, line: int | None = None) -> list[FieldProblem]:
    problems = []
    for field, value, limit in (
        ("code", draft.code, CODE_LENGTH),
        ("name", draft.name, NAME_LENGTH),
    ):
        if not value:
            problems.append(FieldProblem(field, "is required", line))
        elif len(value) > limit:
            problems.append(FieldProblem(field, f"is longer than {limit} characters", line))
    if draft.rate != draft.rate.quantize(CENT):
        problems.append(FieldProblem("rate", "has more than two decimals", line))
    elif not ZERO <= draft.rate <= LARGEST_RATE:
        problems.append(FieldProblem("rate", f"must be from 0 to {LARGEST_RATE}", line))
    return problems


def _checked(session: Session, draft: ServiceTypeDraft, other_than: int | None) -> ServiceTypeDraft:
    draft = draft.cleaned()
    problems = check_service_type(draft)
    taken = select(ServiceType.id).where(ServiceType.code == draft.code)
    if other_than is not None:
        taken = taken.where(ServiceType.id != other_than)
    if draft.code and session.scalar(taken) is not None:
        problems.append(FieldProblem("code", f"service type {draft.code} already exists"))
    if problems:
        raise InvalidInput(problems)
    return draft


def create_service_type(session: Session, draft: ServiceTypeDraft) -> ServiceTypeRecord:
    draft = _checked(session, draft, None)
    service_type = ServiceType(
        code=draft.code, name=draft.name, rate=draft.rate, taxable=draft.taxable
    )
    session.add(service_type)
    session.flush()
    record(session, "setting", detail=f"service type {draft.code} created: {draft.name}")
    return ServiceTypeRecord.of(service_type)


def update_service_type(
    session: Session, service_type_id: int, draft: ServiceTypeDraft
) -> ServiceTypeRecord:
    service_type = _service_type(session, service_type_id)
    draft = _checked(session, draft, service_type_id)
    service_type.code, service_type.name = draft.code, draft.name
    service_type.rate, service_type.taxable = draft.rate, draft.taxable
    session.flush()
    record(session, "setting", detail=f"service type {draft.code} updated")
    return ServiceTypeRecord.of(service_type)


def delete_service_type(session: Session, service_type_id: int) -> None:
    service_type = _service_type(session, service_type_id)
    used = exists().where(WorkEntry.service_type_id == service_type_id)
    on_lines = exists().where(InvoiceLine.service_type_id == service_type_id)
    if session.scalar(select(used | on_lines)):
        raise InUse(f"Service type {service_type.code} is used by work entries or invoice lines.")
    session.delete(service_type)
    session.flush()
    record(session, "setting", detail=f"service type {service_type.code} deleted")


def _service_type(session: Session, service_type_id: int) -> ServiceType:
    found = session.get(ServiceType, service_type_id)
    if found is None:
        raise NotFound(f"Service type #{service_type_id} no longer exists.")
    return found


def list_service_types(session: Session) -> list[ServiceTypeRecord]:
    return [
        ServiceTypeRecord.of(s)
        for s in session.scalars(select(ServiceType).order_by(ServiceType.code))
    ]
