"""Lines of invoices and memos: their arithmetic, their checks, and keeping a transaction's
amount and tax equal to the sums of its lines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ColumnElement, Select, delete, func, select, update
from sqlalchemy.orm import Session

from app.billing.errors import FieldProblem
from app.billing.money import ZERO
from app.models import CENT, ARTransaction, InvoiceLine, ServiceType, WorkEntry

HUNDREDTH = Decimal("0.01")
LARGEST_QUANTITY = Decimal("9999999.99")
LARGEST_RATE = Decimal("999999999.99")
# As the README writes amounts: digits 0-9 and one dot, never Decimal()'s 1e3 or 1_000.
_QUANTITY = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)


def line_amount(quantity: Decimal, rate: Decimal) -> Decimal:
    """Quantity × rate, rounded half up to the cent."""
    return (quantity * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def line_tax(amount: Decimal, taxable: bool, tax_rate: Decimal) -> Decimal:
    """Amount × the tax rate (a percentage), rounded half up; nothing when not taxable."""
    if not taxable:
        return ZERO
    return (amount * tax_rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineDraft:
    """What the line editor (or a billing run) says one line is; its amount and tax follow."""

    description: str
    quantity: Decimal
    rate: Decimal
    taxable: bool = True
    service_date: dt.date | None = None
    service_type: str = ""  # a service type's code, or empty
    work_entry_id: int | None = None  # the entry it bills, kept when the line is edited

    @property
    def amount(self) -> Decimal:
        return line_amount(self.quantity, self.rate)

    def tax(self, tax_rate: Decimal) -> Decimal:
        return line_tax(self.amount, self.taxable, tax_rate)


@dataclass(frozen=True)
class LineRecord:
    """One stored line, as the forms, the report and the exports read it."""

    position: int
    description: str
    service_date: dt.date | None
    service_type: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    taxable: bool
    tax: Decimal
    work_entry_id: int | None

    def draft(self) -> LineDraft:
        return LineDraft(
            description=self.description,
            quantity=self.quantity,
            rate=self.rate,
            taxable=self.taxable,
            service_date=self.service_date,
            service_type=self.service_type,
            work_entry_id=self.work_entry_id,
        )


def line_totals(lines: Sequence[LineDraft], tax_rate: Decimal) -> tuple[Decimal, Decimal]:
    """The amount and tax of a transaction made of these lines: the sums of theirs."""
    amount = sum((line.amount for line in lines), ZERO)
    tax = sum((line.tax(tax_rate) for line in lines), ZERO)
    return amount, tax


def check_lines(lines: Sequence[LineDraft], line: int | None = None) -> list[FieldProblem]:
    """Every problem with the lines on their own; each names the line ("line 2: quantity")."""
    problems = []
    for position, draft in enumerate(lines, start=1):
        where = f"line {position}: "
        if draft.quantity != draft.quantity.quantize(HUNDREDTH):
            problems.append(
                FieldProblem("lines", f"{where}quantity has more than two decimals", line)
            )
        elif not HUNDREDTH <= draft.quantity <= LARGEST_QUANTITY:
            reason = f"{where}quantity must be from 0.01 to {LARGEST_QUANTITY}"
            problems.append(FieldProblem("lines", reason, line))
        if draft.rate != draft.rate.quantize(CENT):
            problems.append(FieldProblem("lines", f"{where}rate has more than two decimals", line))
        elif not ZERO <= draft.rate <= LARGEST_RATE:
            problems.append(
                FieldProblem("lines", f"{where}rate must be from 0 to {LARGEST_RATE}", line)
            )
    return problems


def load_lines(
    session: Session, transaction_ids: Sequence[int] | Select[int]
) -> dict[int, tuple[LineRecord, ...]]:
    """The lines of these transactions, in their order; a transaction without lines is absent.
    The transactions are their ids, or a query of them (a whole batch's, read in one go)."""
    if isinstance(transaction_ids, Select):
        return _lines_of(session, InvoiceLine.transaction_id.in_(transaction_ids))
    found: dict[int, tuple[LineRecord, ...]] = {}
    chunk = 5_000  # under SQLite's limit of bound parameters
    for start in range(0, len(transaction_ids), chunk):
        chosen = transaction_ids[start : start + chunk]
        found |= _lines_of(session, InvoiceLine.transaction_id.in_(chosen))
    return found


def _lines_of(session: Session, chosen: ColumnElement[bool]) -> dict[int, tuple[LineRecord, ...]]:
    # Plain tuples, not ORM objects: a statement reads every line of a large batch.
    rows = session.execute(
        select(
            InvoiceLine.transaction_id,
            InvoiceLine.position,
            InvoiceLine.description,
            InvoiceLine.service_date,
            func.coalesce(ServiceType.code, ""),
            InvoiceLine.quantity,
            InvoiceLine.rate,
            InvoiceLine.amount,
            InvoiceLine.taxable,
            InvoiceLine.tax,
            InvoiceLine.work_entry_id,
        )
        .outerjoin(ServiceType, ServiceType.id == InvoiceLine.service_type_id)
        .where(chosen)
        .order_by(InvoiceLine.transaction_id, InvoiceLine.position)
    )
    found: dict[int, list[LineRecord]] = {}
    for transaction_id, *line in rows:
        found.setdefault(transaction_id, []).append(LineRecord(*line))
    return {tx_id: tuple(lines) for tx_id, lines in found.items()}


def service_type_ids(session: Session, codes: set[str]) -> dict[str, int]:
    """The ids of these service type codes that exist."""
    if not codes:
        return {}
    rows = session.execute(
        select(ServiceType.code, ServiceType.id).where(ServiceType.code.in_(codes))
    )
    return dict(rows.all())


def replace_lines(
    session: Session, tx: ARTransaction, lines: Sequence[LineDraft], tax_rate: Decimal
) -> None:
    """Make `lines` the transaction's lines, amount and tax with them. Work entries whose line
    is gone return to unbilled; the caller has checked the lines and the service types."""
    kept_work = {line.work_entry_id for line in lines if line.work_entry_id is not None}
    session.execute(delete(InvoiceLine).where(InvoiceLine.transaction_id == tx.id))
    released = update(WorkEntry).where(WorkEntry.invoice_id == tx.id)
    if kept_work:
        released = released.where(WorkEntry.id.not_in(kept_work))
    session.execute(released.values(invoice_id=None))
    types = service_type_ids(session, {line.service_type for line in lines if line.service_type})
    session.add_all(
        InvoiceLine(
            transaction_id=tx.id,
            position=position,
            description=line.description.strip(),
            service_date=line.service_date,
            service_type_id=types.get(line.service_type),
            quantity=line.quantity,
            rate=line.rate,
            amount=line.amount,
            taxable=line.taxable,
            tax=line.tax(tax_rate),
            work_entry_id=line.work_entry_id,
        )
        for position, line in enumerate(lines, start=1)
    )
    session.flush()


def parse_quantity(text: str) -> Decimal:
    """A quantity typed with a dot and at most two decimals, like 1.5; ValueError says why
    not. Its range is check_lines' to judge."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("is empty")
    if not _QUANTITY.fullmatch(cleaned):
        raise ValueError(f"{cleaned!r} is not a quantity (use digits and a dot, like 1.5)")
    value = Decimal(cleaned)
    if value != value.quantize(HUNDREDTH):
        raise ValueError(f"{cleaned!r} has more than two decimals")
    if value > LARGEST_QUANTITY:
        raise ValueError(f"must be from 0.01 to {LARGEST_QUANTITY}")
    return value.quantize(HUNDREDTH)


def quantity_text(quantity: Decimal) -> str:
    """A quantity as it reads: 2, 2.50, 0.75."""
    return f"{quantity:.0f}" if quantity == quantity.to_integral_value() else f"{quantity:.2f}"


def percent_text(rate: Decimal) -> str:
    """A tax rate as a clerk writes it: 8.25, 0."""
    return format(rate.normalize(), "f") if rate else "0"


def cleaned_lines(lines: Sequence[LineDraft]) -> tuple[LineDraft, ...]:
    """The lines with their description and service type code trimmed."""
    return tuple(
        replace(line, description=line.description.strip(), service_type=line.service_type.strip())
        for line in lines
    )


def line_reference_problems(
    session: Session, lines: Sequence[LineDraft], transaction_id: int | None
) -> list[FieldProblem]:
    """Service types that do not exist, and work entries the transaction does not bill: a
    line keeps the work it was made from, and new work is invoiced from Unbilled Work (R15)."""
    known = service_type_ids(session, {line.service_type for line in lines if line.service_type})
    billed_here: set[int] = set()
    if transaction_id is not None and any(line.work_entry_id is not None for line in lines):
        billed_here = set(
            session.scalars(select(WorkEntry.id).where(WorkEntry.invoice_id == transaction_id))
        )
    problems = []
    seen: set[int] = set()
    for position, line in enumerate(lines, start=1):
        where = f"line {position}: "
        if line.service_type and line.service_type not in known:
            reason = f"{where}there is no service type {line.service_type}"
            problems.append(FieldProblem("lines", reason))
        work = line.work_entry_id
        if work is not None and (work not in billed_here or work in seen):
            reason = "bills work that is not on this invoice (work is invoiced from Unbilled Work)"
            problems.append(FieldProblem("lines", where + reason))
        if work is not None:
            seen.add(work)
    return problems


def sum_problems(
    lines: Sequence[LineDraft], amount: Decimal, tax: Decimal, tax_rate: Decimal
) -> list[FieldProblem]:
    """A transaction with lines has amount = their amounts and tax = their taxes, and that
    amount must be more than 0."""
    added, taxed = line_totals(lines, tax_rate)
    if added <= ZERO:
        return [
            FieldProblem("lines", f"the lines add up to {added}: the amount must be greater than 0")
        ]
    problems = []
    if amount != added:
        problems.append(FieldProblem("amount", f"must be {added}, what the lines add up to"))
    if tax != taxed:
        rate = percent_text(tax_rate)
        reason = f"must be {taxed}, what the lines add up to at the customer's tax rate of {rate} %"
        problems.append(FieldProblem("tax", reason))
    return problems
