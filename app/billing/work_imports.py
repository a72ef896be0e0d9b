"""CSV imports of service types and work entries (R15, R11): all rows or none, every bad row
named by its line and field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.errors import FieldProblem
from app.billing.imports import (
    CHUNK,
    ImportResult,
    _duplicates,
    _existing,
    _parse_all,
    _refuse_if_any,
)
from app.billing.lines import line_amount
from app.billing.money import ZERO, parse_amount
from app.billing.service_types import ServiceTypeDraft, check_service_type
from app.billing.typed_values import parse_date
from app.billing.work import WorkDraft, check_work
from app.models import Customer, ServiceType, WorkEntry

SERVICE_TYPE_COLUMNS = ["code", "name", "rate", "taxable"]
WORK_COLUMNS = [
    "customer",
    "date",
    "service_type",
    "description",
    "worker",
    "quantity",
    "rate",
    "billable",
]
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def _yes_no(
    row: dict[str, str], key: str, line: int, problems: list[FieldProblem], empty: bool
) -> bool:
    text = row[key].strip().lower()
    if not text:
        return empty
    if text in YES | NO:
        return text in YES
    problems.append(FieldProblem(key, f"{row[key]!r} is not yes or no", line))
    return empty


def _amount(
    row: dict[str, str], key: str, line: int, problems: list[FieldProblem]
) -> Decimal | None:
    """The amount in the column, None when it is empty."""
    if not row[key]:
        return None
    try:
        return parse_amount(row[key])
    except ValueError as error:
        problems.append(FieldProblem(key, str(error), line))
        return None


def _parse_service_type(
    row: dict[str, str], line: int, problems: list[FieldProblem]
) -> ServiceTypeDraft | None:
    found = len(problems)
    rate = _amount(row, "rate", line, problems)
    if rate is None and len(problems) == found:
        problems.append(FieldProblem("rate", "is empty", line))
    taxable = _yes_no(row, "taxable", line, problems, empty=True)
    if len(problems) > found:
        return None
    draft = ServiceTypeDraft(row["code"], row["name"], rate or ZERO, taxable).cleaned()
    problems.extend(check_service_type(draft, line))
    return draft


def import_service_types(session: Session, path: Path) -> ImportResult:
    """Add every service type of the file, or none when any row is bad."""
    drafts, problems = _parse_all(path, SERVICE_TYPE_COLUMNS, _parse_service_type)
    codes = {d.code for _, d in drafts}
    existing = _existing(session, select(ServiceType.code), ServiceType.code, codes)
    problems += _duplicates(((n, d.code) for n, d in drafts), existing, "code", "service type")
    _refuse_if_any(problems)
    session.execute(
        insert(ServiceType),
        [{"code": d.code, "name": d.name, "rate": d.rate, "taxable": d.taxable} for _, d in drafts],
    )
    record(session, "import", detail=f"{len(drafts)} service types from {path.name}")
    return ImportResult(len(drafts))


def _parse_quantity(row: dict[str, str], line: int, problems: list[FieldProblem]) -> Decimal:
    # A quantity is written as an amount is: digits, a dot, at most two decimals.
    try:
        return parse_amount(row["quantity"])
    except ValueError as error:
        reason = str(error).replace("an amount", "a quantity").replace("1250.00", "1.50")
        problems.append(FieldProblem("quantity", reason, line))
        return ZERO


def _parse_work(row: dict[str, str], line: int, problems: list[FieldProblem]) -> WorkDraft | None:
    found = len(problems)
    work_date = dt.date.min
    try:
        work_date = parse_date(row["date"])
    except ValueError as error:
        problems.append(FieldProblem("date", str(error), line))
    quantity = _parse_quantity(row, line, problems)
    rate = _amount(row, "rate", line, problems)
    billable = _yes_no(row, "billable", line, problems, empty=True)
    if len(problems) > found:
        return None
    draft = WorkDraft(
        customer_number=row["customer"],
        work_date=work_date,
        service_type=row["service_type"],
        quantity=quantity,
        rate=rate,
        description=row["description"],
        worker=row["worker"],
        billable=billable,
    )
    problems.extend(check_work(draft, line))
    return draft


def import_work(session: Session, path: Path) -> ImportResult:
    """Add every work entry of the file, or none when any row is bad. An empty rate is the
    service type's; an empty billable is yes."""
    drafts, problems = _parse_all(path, WORK_COLUMNS, _parse_work)
    wanted = {d.customer_number for _, d in drafts}
    customers = _customer_ids(session, wanted)
    codes = {d.service_type for _, d in drafts}
    kinds = {
        code: (id_, rate)
        for code, id_, rate in session.execute(
            select(ServiceType.code, ServiceType.id, ServiceType.rate).where(
                ServiceType.code.in_(codes)
            )
        )
    }
    for line, draft in drafts:
        if draft.customer_number not in customers:
            reason = f"there is no customer {draft.customer_number}"
            problems.append(FieldProblem("customer", reason, line))
        if draft.service_type not in kinds:
            reason = f"there is no service type {draft.service_type}"
            problems.append(FieldProblem("service_type", reason, line))
    _refuse_if_any(problems)
    rows = []
    for _, draft in drafts:
        type_id, type_rate = kinds[draft.service_type]
        rate = type_rate if draft.rate is None else draft.rate
        rows.append(
            {
                "customer_id": customers[draft.customer_number],
                "work_date": draft.work_date,
                "service_type_id": type_id,
                "description": draft.description.strip(),
                "worker": draft.worker.strip(),
                "quantity": draft.quantity,
                "rate": rate,
                "amount": line_amount(draft.quantity, rate),
                "billable": draft.billable,
                "invoice_id": None,
            }
        )
    session.execute(insert(WorkEntry), rows)
    record(session, "import", detail=f"{len(drafts)} work entries from {path.name}")
    return ImportResult(len(drafts))


def _customer_ids(session: Session, numbers: set[str]) -> dict[str, int]:
    """The ids of the customers with these numbers that exist, asked in chunks."""
    ordered = sorted(numbers)
    found: dict[str, int] = {}
    for start in range(0, len(ordered), CHUNK):
        rows = session.execute(
            select(Customer.number, Customer.id).where(
                Customer.number.in_(ordered[start : start + CHUNK])
            )
        )
        found.update(rows.all())
    return found
