"""Lines of invoices and memos: their arithmetic, their checks, and keeping a transaction's
amount and tax equal to the sums of its lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.billing.errors import FieldProblem
from app.billing.money import ZERO
from app.models import CENT, ARTransaction, InvoiceLine, ServiceType, WorkEntry

HUNDREDTH = Decimal("0.01")
LARGEST_QUANTITY = Decimal("9999999.99")
LARGEST_RATE = Decimal("999999999.99")


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
    session: Session, transaction_ids: Sequence[int]
) -> dict[int, tuple[LineRecord, ...]]:
    """The lines of these transactions, in their order; a transaction without lines is absent."""
    found: dict[int, list[LineRecord]] = {}
    chunk = 5_000  # under SQLite's limit of bound parameters
    for start in range(0, len(transaction_ids), chunk):
        rows = session.execute(
            select(InvoiceLine, ServiceType.code)
            .outerjoin(ServiceType, ServiceType.id == InvoiceLine.service_type_id)
            .where(InvoiceLine.transaction_id.in_(transaction_ids[start : start + chunk]))
            .order_by(InvoiceLine.transaction_id, InvoiceLine.position)
        )
        for line, code in rows:
            found.setdefault(line.transaction_id, []).append(
                LineRecord(
                    position=line.position,
                    description=line.description,
                    service_date=line.service_date,
                    service_type=code or "",
                    quantity=line.quantity,
                    rate=line.rate,
                    amount=line.amount,
                    taxable=line.taxable,
                    tax=line.tax,
                    work_entry_id=line.work_entry_id,
                )
            )
    return {tx_id: tuple(lines) for tx_id, lines in found.items()}


def service_type_ids(session: Session, codes: set[str]) -> dict[str, int]:
    """The ids of these service type codes that exist."""
    if not codes:
        return {}
    rows = session.execute(
        select(ServiceType.code, ServiceType.id).where(ServiceType.code.in_(codes))
    )
    return dict(rows.tuples().all())


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
