"""R15: turning unbilled work into invoices, one per customer, all or nothing.

A run locks the invoice counter before it reads the work, so a second clerk's run waits for the
first and then sees what is left. Behind that, the claim is guarded as R5's: the lines are
written first (an entry is on one line at most, by a unique index), then one UPDATE claims only
entries still unbilled; when it claims fewer than the run planned, the whole run is undone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    CursorResult,
    select,
    type_coerce,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.billing.audit import record_each
from app.billing.customer_terms import due_date_for, tax_rate_for
from app.billing.errors import BillingError, NothingToInclude
from app.billing.lines import line_tax
from app.billing.money import Hundredths
from app.billing.new_documents import NewLine, PlannedInvoice, insert_documents, insert_lines
from app.billing.numbering import hold_numbers, next_numbers
from app.billing.settings import CompanySettings, load_settings
from app.billing.work import WorkQuery
from app.models import (
    Customer,
    InvoiceLine,
    ServiceType,
    TransactionType,
    WorkEntry,
)

Progress = Callable[[int, int, str], None]
CHUNK = 5_000  # under SQLite's limit of bound parameters


MEANWHILE = (
    "Another clerk invoiced or changed some of this work while these invoices were being made. "
    "Nothing was made; look at Unbilled Work again."
)


class WorkClaimedMeanwhile(BillingError):
    """Another run invoiced some of the same work while this one was being made."""


@dataclass(frozen=True)
class WorkInvoiceRequest:
    """Invoice the unbilled billable work that passes `filters`, dated `invoice_date`;
    `filters.customer_numbers` are the ticked customers (none ticked: every customer)."""

    invoice_date: dt.date
    filters: WorkQuery = field(default_factory=WorkQuery)


@dataclass(frozen=True)
class PlannedLine:
    work_entry_id: int
    work_date: dt.date
    service_type_id: int
    service_type: str
    description: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    taxable: bool
    tax: Decimal


@dataclass(frozen=True)
class WorkInvoice(PlannedInvoice[PlannedLine]):
    """One invoice of a run: in a preview its number is None."""

    @property
    def description(self) -> str:
        first, last = self.lines[0].work_date, self.lines[-1].work_date
        if first == last:
            return f"Work of {first.isoformat()}"
        return f"Work {first.isoformat()} to {last.isoformat()}"


def _rows(session: Session, filters: WorkQuery) -> Sequence[Any]:
    """The entries to invoice, a customer's together, by date. Plain columns and the
    customer's id, read as Core rows: a run reads a hundred thousand of them."""
    unbilled = replace(filters, unbilled_only=True)
    statement = (
        select(
            WorkEntry.customer_id,
            WorkEntry.id,
            WorkEntry.work_date,
            WorkEntry.service_type_id,
            ServiceType.code,
            ServiceType.name,
            ServiceType.taxable,
            WorkEntry.description,
            # As stored, whole hundredths: each becomes a Decimal once per run (Hundredths).
            type_coerce(WorkEntry.quantity, BigInteger),
            type_coerce(WorkEntry.rate, BigInteger),
            type_coerce(WorkEntry.amount, BigInteger),
        )
        .select_from(WorkEntry)
        .join(Customer, Customer.id == WorkEntry.customer_id)
        .join(ServiceType, ServiceType.id == WorkEntry.service_type_id)
        .where(*unbilled.where())
        .order_by(Customer.number, WorkEntry.work_date, WorkEntry.id)
    )
    session.flush()  # the connection does not flush for us, as session.execute would
    return session.connection().execute(statement).all()


def _customers(session: Session, ids: list[int]) -> dict[int, Customer]:
    """The customers of the run by id, loaded once each rather than once per entry."""
    found: dict[int, Customer] = {}
    for start in range(0, len(ids), CHUNK):
        chosen = select(Customer).where(Customer.id.in_(ids[start : start + CHUNK]))
        found.update((customer.id, customer) for customer in session.scalars(chosen))
    return found


def _lines(rows: Iterable[Any], tax_rate: Decimal, decimal: Hundredths) -> tuple[PlannedLine, ...]:
    return tuple(
        PlannedLine(
            work_entry_id=entry_id,
            work_date=work_date,
            service_type_id=type_id,
            service_type=code,
            description=description or name,
            quantity=decimal[quantity],
            rate=decimal[rate],
            amount=decimal[amount],
            taxable=taxable,
            tax=line_tax(decimal[amount], taxable, tax_rate),
        )
        for (
            _customer_id,
            entry_id,
            work_date,
            type_id,
            code,
            name,
            taxable,
            description,
            quantity,
            rate,
            amount,
        ) in rows
    )


def _plan(
    session: Session, request: WorkInvoiceRequest, settings: CompanySettings
) -> list[WorkInvoice]:
    groups = [
        (customer_id, list(rows))
        for customer_id, rows in groupby(_rows(session, request.filters), key=itemgetter(0))
    ]
    customers = _customers(session, [customer_id for customer_id, _entries in groups])
    decimal = Hundredths()
    invoices = []
    for customer_id, rows in groups:
        customer = customers.get(customer_id)
        if customer is None:  # deleted, with this work, since the work was read
            continue
        invoices.append(
            WorkInvoice(
                customer_id=customer.id,
                customer_number=customer.number,
                customer_name=customer.name,
                number=None,
                invoice_date=request.invoice_date,
                due_date=due_date_for(customer, settings, request.invoice_date),
                lines=_lines(rows, tax_rate_for(customer, settings), decimal),
            )
        )
    return invoices


def nothing_to_invoice(request: WorkInvoiceRequest) -> NothingToInclude:
    """Why a run with these filters makes nothing, in the clerk's words."""
    filters = request.filters
    said = []
    if filters.customer_numbers:
        said.append("customer " + ", ".join(filters.customer_numbers))
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "the first"
        end = filters.date_to.isoformat() if filters.date_to else "the last"
        said.append(f"dates {start} to {end}")
    for name, value in (
        ("service type", filters.service_type),
        ("worker", filters.worker),
        ("tag", filters.tag),
    ):
        if value:
            said.append(f"{name} {value}")
    scope = f" for {'; '.join(said)}" if said else ""
    return NothingToInclude(f"There is no unbilled billable work{scope}. No invoice was made.")


def preview_work_invoices(session: Session, request: WorkInvoiceRequest) -> list[WorkInvoice]:
    """Every invoice the run would make, without numbers; nothing is written."""
    return _plan(session, request, load_settings(session))


def invoice_work(
    session: Session, request: WorkInvoiceRequest, progress: Progress | None = None
) -> list[WorkInvoice]:
    """Make the invoices of the request, all of them or none (NothingToInclude when nothing
    passes the filters, WorkClaimedMeanwhile when another run took some of the work)."""
    report = progress or (lambda done, total, text: None)
    settings = load_settings(session)
    hold_numbers(session, TransactionType.INVOICE)
    planned = _plan(session, request, settings)
    if not planned:
        raise nothing_to_invoice(request)
    total = len(planned)
    report(0, total, "Numbering the invoices")
    numbers = next_numbers(session, settings, TransactionType.INVOICE, total)
    invoices = [
        replace(invoice, number=number) for invoice, number in zip(planned, numbers, strict=True)
    ]
    ids = _insert_invoices(session, invoices)
    report(total // 3, total, "Writing the invoice lines")
    line_count = _insert_lines(session, invoices, ids)
    report(2 * total // 3, total, "Marking the work invoiced")
    if _claim(session, list(ids.values())) != line_count:
        raise WorkClaimedMeanwhile(MEANWHILE)
    record_each(
        session,
        "invoice_work",
        (
            {
                "customer": invoice.customer_number,
                "transaction": invoice.number,
                "detail": f"{len(invoice.lines)} work entries, "
                f"{invoice.amount} + tax {invoice.tax}",
            }
            for invoice in invoices
        ),
    )
    report(total, total, "Done")
    return invoices


def _insert_invoices(session: Session, invoices: Sequence[WorkInvoice]) -> dict[str, int]:
    return insert_documents(session, [invoice.document() for invoice in invoices])


def _insert_lines(session: Session, invoices: Sequence[WorkInvoice], ids: dict[str, int]) -> int:
    lines = (
        NewLine(
            number=invoice.number or "",
            position=position,
            description=line.description,
            service_date=line.work_date,
            quantity=line.quantity,
            rate=line.rate,
            amount=line.amount,
            taxable=line.taxable,
            tax=line.tax,
            service_type_id=line.service_type_id,
            work_entry_id=line.work_entry_id,
        )
        for invoice in invoices
        for position, line in enumerate(invoice.lines, start=1)
    )
    try:
        return insert_lines(session, lines, ids)
    except IntegrityError as error:
        if "work_entry_id" not in str(error.orig):
            raise
        raise WorkClaimedMeanwhile(MEANWHILE) from None


def _claim(session: Session, invoice_ids: list[int]) -> int:
    """Point each planned entry at its invoice, only where it is still unbilled, billable and as
    the run read it (an entry edited meanwhile would be billed at its old figures); how many
    were claimed."""
    claimed = 0
    for start in range(0, len(invoice_ids), CHUNK):
        result = session.execute(
            update(WorkEntry)
            .where(
                InvoiceLine.work_entry_id == WorkEntry.id,
                InvoiceLine.transaction_id.in_(invoice_ids[start : start + CHUNK]),
                WorkEntry.invoice_id.is_(None),
                WorkEntry.billable.is_(True),
                WorkEntry.quantity == InvoiceLine.quantity,
                WorkEntry.rate == InvoiceLine.rate,
                WorkEntry.amount == InvoiceLine.amount,
            )
            .values(invoice_id=InvoiceLine.transaction_id)
            .execution_options(synchronize_session=False)
        )
        claimed += cast(CursorResult[Any], result).rowcount
    return claimed
