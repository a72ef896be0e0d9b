"""CSV import of contracts (R16, R11; DESIGN.md §6): all rows or none, every bad row named by
its line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.contracts import ContractDraft, check_contract
from app.billing.errors import FieldProblem
from app.billing.imports import ImportResult, _duplicates, _existing, _parse_all, _refuse_if_any
from app.billing.money import ZERO, parse_amount
from app.billing.typed_values import parse_date, parse_whole_number
from app.billing.work_imports import _customer_ids, _yes_no
from app.models import Billing, Contract

CONTRACT_COLUMNS = [
    "number",
    "customer",
    "name",
    "amount",
    "period_months",
    "start_date",
    "end_date",
    "taxable",
    "billing",
]


def _billing(row: dict[str, str], line: int, problems: list[FieldProblem]) -> Billing:
    text = row["billing"].lower()
    if not text:
        return Billing.ADVANCE
    try:
        return Billing(text)
    except ValueError:
        problems.append(
            FieldProblem("billing", f"{row['billing']!r} is not advance or arrears", line)
        )
        return Billing.ADVANCE


def _date(row: dict[str, str], key: str, line: int, problems: list[FieldProblem]) -> dt.date | None:
    """The date in the column; None when it is empty (named in `problems` when it is bad)."""
    if not row[key]:
        return None
    try:
        return parse_date(row[key])
    except ValueError as error:
        problems.append(FieldProblem(key, str(error), line))
        return None


def _parse_contract(
    row: dict[str, str], line: int, problems: list[FieldProblem]
) -> ContractDraft | None:
    found = len(problems)
    amount = ZERO
    try:
        amount = parse_amount(row["amount"])
    except ValueError as error:
        problems.append(FieldProblem("amount", str(error), line))
    months = 0
    try:
        months = parse_whole_number(row["period_months"], "a number of months")
    except ValueError as error:
        problems.append(FieldProblem("period_months", str(error), line))
    start = _date(row, "start_date", line, problems)
    if not row["start_date"]:
        problems.append(FieldProblem("start_date", "is empty", line))
    end = _date(row, "end_date", line, problems)
    taxable = _yes_no(row, "taxable", line, problems, empty=True)
    billing = _billing(row, line, problems)
    if len(problems) > found or start is None:
        return None
    draft = ContractDraft(
        number=row["number"],
        customer_number=row["customer"],
        name=row["name"],
        amount=amount,
        period_months=months,
        start_date=start,
        end_date=end,
        taxable=taxable,
        billing=billing,
    ).cleaned()
    problems.extend(check_contract(draft, line))
    return draft


def import_contracts(session: Session, path: Path) -> ImportResult:
    """Add every contract of the file, or none when any row is bad. An empty end date is none,
    an empty taxable is yes, an empty billing is in advance."""
    drafts, problems = _parse_all(path, CONTRACT_COLUMNS, _parse_contract)
    numbered = [(line, d.number) for line, d in drafts if d.number]
    numbers = {number for _, number in numbered}
    existing = _existing(session, select(Contract.number), Contract.number, numbers)
    problems += _duplicates(numbered, existing, "number", "contract")
    customers = _customer_ids(session, {d.customer_number for _, d in drafts})
    problems += [
        FieldProblem("customer", f"there is no customer {d.customer_number}", line)
        for line, d in drafts
        if d.customer_number and d.customer_number not in customers
    ]
    _refuse_if_any(problems)
    session.execute(
        insert(Contract),
        [
            {
                "number": d.number,
                "customer_id": customers[d.customer_number],
                "name": d.name,
                "amount": d.amount,
                "period_months": d.period_months,
                "start_date": d.start_date,
                "end_date": d.end_date,
                "taxable": d.taxable,
                "billing": d.billing,
                "active": d.active,
            }
            for _, d in drafts
        ],
    )
    record(session, "import", detail=f"{len(drafts)} contracts from {path.name}")
    return ImportResult(len(drafts))
