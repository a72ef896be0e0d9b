"""CSV imports of customers and transactions (R11): all rows or none, every bad row named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, insert, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.card_fees import add_card_fees
from app.billing.csv_rows import read_rows
from app.billing.customers import CustomerDraft, check_customer
from app.billing.errors import FieldProblem, InvalidInput
from app.billing.money import ZERO, parse_amount
from app.billing.settings import parse_percent
from app.billing.transactions import TransactionDraft, check_transaction
from app.billing.typed_values import parse_date, parse_whole_number
from app.models import (
    ARTransaction,
    Customer,
    Delivery,
    MemoCategory,
    PaymentMethod,
    TransactionType,
)

CUSTOMER_COLUMNS = [
    "number",
    "name",
    "address1",
    "address2",
    "city",
    "region",
    "postal_code",
    "country",
    "email",
    "phone",
    "cutoff_day",
]
# DESIGN.md §6: these may be left out of the header; empty means the company's tax rate and
# terms, statements by post, no tags.
CUSTOMER_OPTIONAL_COLUMNS = ["tax_rate", "terms_days", "delivery", "tags"]
TRANSACTION_COLUMNS = [
    "customer",
    "type",
    "number",
    "invoice_date",
    "due_date",
    "amount",
    "tax",
    "description",
]
# R14: a memo's category and a payment's method; left out or empty, `other` and `check`.
TRANSACTION_OPTIONAL_COLUMNS = ["category", "method"]
Draft = TypeVar("Draft")
Choice = TypeVar("Choice", bound=StrEnum)
Value = TypeVar("Value")


CHUNK = 5_000  # well under SQLite's limit of bound parameters in one statement


def _existing(session: Session, query: Select[str], column: Any, values: set[str]) -> set[str]:
    """Which of `values` the database already holds, asked in chunks."""
    ordered = sorted(values)
    found: set[str] = set()
    for start in range(0, len(ordered), CHUNK):
        found.update(session.scalars(query.where(column.in_(ordered[start : start + CHUNK]))))
    return found


@dataclass(frozen=True)
class ImportResult:
    rows: int


def _parse_all(
    path: Path,
    columns: list[str],
    parse: Callable[[dict[str, str], int, list[FieldProblem]], Draft | None],
    optional: Sequence[str] = (),
) -> tuple[list[tuple[int, Draft]], list[FieldProblem]]:
    """The rows that parse, and the problems of those that do not (checked with the database
    next, so that one refusal names every bad row). `optional` columns may be left out."""
    problems: list[FieldProblem] = []
    drafts: list[tuple[int, Draft]] = []
    for row in read_rows(path, columns, optional):
        if row.problems:
            problems.extend(row.problems)
            continue
        draft = parse(row.values, row.line, problems)
        if draft is not None:
            drafts.append((row.line, draft))
    if not drafts and not problems:
        raise InvalidInput([FieldProblem("file", "has no rows below the header")])
    return drafts, problems


def _refuse_if_any(problems: list[FieldProblem]) -> None:
    if problems:
        raise InvalidInput(sorted(problems, key=lambda p: p.line or 0))


def _duplicates(
    keys: Iterable[tuple[int, str]], existing: set[str], field: str, what: str
) -> list[FieldProblem]:
    problems = []
    seen: dict[str, int] = {}
    for line, key in keys:
        if key in existing:
            problems.append(FieldProblem(field, f"{what} {key} already exists", line))
        elif key in seen:
            problems.append(FieldProblem(field, f"{key} is also on line {seen[key]}", line))
        else:
            seen[key] = line
    return problems


def _optional(
    row: dict[str, str],
    key: str,
    parse: Callable[[str], Value],
    line: int,
    problems: list[FieldProblem],
) -> Value | None:
    """The column's value, None when it is empty or (named in `problems`) cannot be read."""
    if not row[key]:
        return None
    try:
        return parse(row[key])
    except ValueError as error:
        problems.append(FieldProblem(key, str(error), line))
        return None


def _one_of(choices: type[Choice]) -> Callable[[str], Choice]:
    """A reader of one of the enum's values, in any case; ValueError names them all."""

    def read(text: str) -> Choice:
        try:
            return choices(text.lower())
        except ValueError:
            listed = ", ".join(c.value for c in choices)
            raise ValueError(f"{text!r} is not one of {listed}") from None

    return read


def _parse_customer(row: dict[str, str], line: int, problems: list[FieldProblem]) -> CustomerDraft:
    def whole(what: str) -> Callable[[str], int]:
        return lambda text: parse_whole_number(text, what)

    draft = CustomerDraft(
        number=row["number"],
        name=row["name"],
        address1=row["address1"],
        address2=row["address2"],
        city=row["city"],
        region=row["region"],
        postal_code=row["postal_code"],
        country=row["country"],
        email=row["email"],
        phone=row["phone"],
        cutoff_day=_optional(row, "cutoff_day", whole("a day"), line, problems),
        tax_rate=_optional(row, "tax_rate", parse_percent, line, problems),
        terms_days=_optional(row, "terms_days", whole("a number of days"), line, problems),
        delivery=_optional(row, "delivery", _one_of(Delivery), line, problems) or Delivery.PRINT,
        tags=row["tags"],
    ).cleaned()
    problems.extend(check_customer(draft, line))
    return draft


def import_customers(session: Session, path: Path) -> ImportResult:
    """Add every customer of the file, or none when any row is bad."""
    drafts, problems = _parse_all(
        path, CUSTOMER_COLUMNS, _parse_customer, CUSTOMER_OPTIONAL_COLUMNS
    )
    numbers = {d.number for _, d in drafts}
    existing = _existing(session, select(Customer.number), Customer.number, numbers)
    problems += _duplicates(((n, d.number) for n, d in drafts), existing, "number", "customer")
    _refuse_if_any(problems)
    names = [f.name for f in fields(CustomerDraft)]
    session.execute(insert(Customer), [{k: getattr(d, k) for k in names} for _, d in drafts])
    record(session, "import", detail=f"{len(drafts)} customers from {path.name}")
    return ImportResult(len(drafts))


def _parse_date(row: dict[str, str], key: str, line: int, problems: list[FieldProblem]) -> dt.date:
    try:
        return parse_date(row[key])
    except ValueError as error:
        problems.append(FieldProblem(key, str(error), line))
        return dt.date.min


def _parse_transaction(
    row: dict[str, str], line: int, problems: list[FieldProblem]
) -> TransactionDraft | None:
    found = len(problems)
    try:
        kind = TransactionType(row["type"].lower())
    except ValueError:
        choices = ", ".join(t.value for t in TransactionType)
        problems.append(FieldProblem("type", f"{row['type']!r} is not one of {choices}", line))
        kind = TransactionType.INVOICE
    invoice_date = _parse_date(row, "invoice_date", line, problems)
    due_date = _parse_date(row, "due_date", line, problems)
    amounts = {}
    for key in ("amount", "tax"):
        text = row[key] or ("0" if key == "tax" else "")
        try:
            amounts[key] = parse_amount(text)
        except ValueError as error:
            problems.append(FieldProblem(key, str(error), line))
            amounts[key] = ZERO
    draft = TransactionDraft(
        customer_number=row["customer"],
        type=kind,
        number=row["number"],
        invoice_date=invoice_date,
        due_date=due_date,
        amount=amounts["amount"],
        tax=amounts["tax"],
        description=row["description"],
        category=_optional(row, "category", _one_of(MemoCategory), line, problems)
        or MemoCategory.OTHER,
        method=_optional(row, "method", _one_of(PaymentMethod), line, problems)
        or PaymentMethod.CHECK,
    )
    if len(problems) > found:
        return None
    problems.extend(check_transaction(draft, line))
    return draft


def import_transactions(session: Session, path: Path) -> ImportResult:
    """Post every transaction of the file, or none when any row is bad."""
    drafts, problems = _parse_all(
        path, TRANSACTION_COLUMNS, _parse_transaction, TRANSACTION_OPTIONAL_COLUMNS
    )
    wanted = {d.customer_number for _, d in drafts}
    known = _existing(session, select(Customer.number), Customer.number, wanted)
    customer_ids = {
        number: id_
        for number, id_ in session.execute(select(Customer.number, Customer.id))
        if number in known
    }
    problems += [
        FieldProblem("customer", f"there is no customer {d.customer_number}", line)
        for line, d in drafts
        if d.customer_number not in customer_ids
    ]
    documents = [(line, d.number) for line, d in drafts if d.type != TransactionType.PAYMENT]
    existing = _existing(
        session,
        select(ARTransaction.number).where(ARTransaction.type != TransactionType.PAYMENT),
        ARTransaction.number,
        {n for _, n in documents},
    )
    problems += _duplicates(documents, existing, "number", "document")
    _refuse_if_any(problems)
    rows = [
        {
            "customer_id": customer_ids[d.customer_number],
            "type": d.type,
            "number": d.number,
            "invoice_date": d.invoice_date,
            "due_date": d.due_date,
            "amount": d.amount,
            "tax": d.tax,
            "description": d.description,
            "category": d.category,
            "method": d.method,
            "batch_id": None,
        }
        for _, d in drafts
    ]
    by_card = [row for row in rows if row["method"] == PaymentMethod.CARD]
    others = [row for row in rows if row["method"] != PaymentMethod.CARD]
    if others:
        session.execute(insert(ARTransaction), others)
    # Card payments come back with their ids: each brings its fee memo (R14).
    paid_ids = (
        list(session.scalars(insert(ARTransaction).returning(ARTransaction.id), by_card))
        if by_card
        else []
    )
    fees = add_card_fees(session, paid_ids)
    detail = f"{len(drafts)} transactions from {path.name}"
    if fees:
        detail += f", and {fees} card fee memo{'s' if fees != 1 else ''}"
    record(session, "import", detail=detail)
    return ImportResult(len(drafts))
