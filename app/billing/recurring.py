"""R16: bill recurring charges through a date: every due period of every contract not billed
yet, one invoice per customer (or per contract) per run, and a part-period credit memo where a
contract ended inside a period billed in advance. All or nothing.

A run locks the invoice counter before it reads the contracts, so a second clerk's run waits
for the first and then sees what it billed. Behind that stands the database: one row per
contract period (unique), and a credit is claimed by a guarded UPDATE.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import groupby
from typing import Any, cast

from sqlalchemy import CursorResult, Row, Table, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.billing.audit import record_each
from app.billing.customer_terms import due_date_for, tax_rate_for
from app.billing.errors import BillingError
from app.billing.lines import line_tax
from app.billing.money import ZERO
from app.billing.new_documents import (
    NewDocument,
    NewLine,
    PlannedInvoice,
    insert_documents,
    insert_lines,
)
from app.billing.numbering import hold_numbers, next_numbers
from app.billing.periods import (
    Period,
    Terms,
    arrears_charge,
    billing_day,
    cut_period,
    daily_credit,
    due_periods,
    last_index,
    monthly_credit,
    period,
)
from app.billing.settings import CompanySettings, CreditMethod, load_settings
from app.models import (
    Billing,
    Contract,
    ContractPeriod,
    Customer,
    MemoCategory,
    PeriodState,
    TransactionType,
)

Progress = Callable[[int, int, str], None]
ONE_DAY = dt.timedelta(days=1)


class BilledMeanwhile(BillingError):
    """Another run billed some of the same periods while this one was being made."""


@dataclass(frozen=True)
class RecurringRequest:
    through: dt.date
    per_contract: bool = False


@dataclass(frozen=True)
class ChargeLine:
    contract_id: int
    contract: str
    name: str
    period_index: int
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    taxable: bool
    tax: Decimal

    @property
    def description(self) -> str:
        return f"{self.name} {self.period_start.isoformat()}–{self.period_end.isoformat()}"


@dataclass(frozen=True)
class RecurringInvoice(PlannedInvoice[ChargeLine]):
    @property
    def description(self) -> str:
        contracts = {line.contract for line in self.lines}
        if len(contracts) == 1:
            return f"{self.lines[0].name}, contract {self.lines[0].contract}"
        return f"Recurring charges through {self.invoice_date.isoformat()}"


@dataclass(frozen=True)
class PartPeriodCredit:
    """The unused part of a period billed in advance, after the contract's end date."""

    customer_id: int
    customer_number: str
    number: str | None
    contract_id: int
    contract: str
    name: str
    period_index: int
    period_start: dt.date  # the first unused day
    period_end: dt.date
    credit_date: dt.date
    amount: Decimal
    tax: Decimal

    @property
    def description(self) -> str:
        return (
            f"Part-period credit, {self.name} {self.period_start.isoformat()}–"
            f"{self.period_end.isoformat()}"
        )


@dataclass(frozen=True)
class NotReady:
    contract: str
    reason: str


@dataclass(frozen=True)
class RecurringRun:
    through: dt.date
    invoices: tuple[RecurringInvoice, ...] = ()
    credits: tuple[PartPeriodCredit, ...] = ()
    not_ready: tuple[NotReady, ...] = ()
    # Periods whose charge rounds to 0.00 (an arrears period cut to a day or so of a tiny
    # amount): no invoice can be 0.00, so they are marked done without one.
    nothing_to_bill: tuple[ChargeLine, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.invoices and not self.credits and not self.nothing_to_bill


@dataclass
class _Done:
    """A contract's periods as the database has them: state, and for billed ones the row id
    and whether it was credited."""

    states: dict[int, PeriodState] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)
    rows: dict[int, int] = field(default_factory=dict)
    credited: set[int] = field(default_factory=set)


def _done(session: Session) -> dict[int, _Done]:
    done: dict[int, _Done] = defaultdict(_Done)
    rows = session.execute(
        select(
            ContractPeriod.contract_id,
            ContractPeriod.period_index,
            ContractPeriod.state,
            ContractPeriod.id,
            ContractPeriod.reason,
            ContractPeriod.credit_id,
        )
    )
    for contract_id, index, state, row_id, reason, credit_id in rows:
        entry = done[contract_id]
        entry.states[index] = state
        entry.reasons[index] = reason
        entry.rows[index] = row_id
        if credit_id is not None:
            entry.credited.add(index)
    return done


def _credit_amount(settings: CompanySettings, terms: Terms, amount: Decimal, index: int) -> Decimal:
    if settings.part_period_credit == CreditMethod.DAILY:
        return daily_credit(terms, amount, index)
    if settings.part_period_credit == CreditMethod.MONTHLY:
        return monthly_credit(terms, amount, index)
    return ZERO


def _not_ready(terms: Terms, done: _Done, through: dt.date, due: list[Period]) -> str:
    """Why a contract bills nothing through `through`, in Atera's manner; `due` are its
    periods due by then."""
    if due and done.states.get(due[-1].index) == PeriodState.SKIPPED:
        return f"skipped: {done.reasons[due[-1].index]}"
    last = last_index(terms)
    upcoming = 0
    while upcoming in done.states:
        upcoming += 1
    if last is not None and upcoming > last and terms.end is not None and terms.end <= through:
        return f"ended {terms.end.isoformat()}"
    if upcoming == 0 and terms.start > through:
        return f"starts {terms.start.isoformat()}"
    if not terms.in_advance:
        return f"period open until {billing_day(terms, upcoming).isoformat()}"
    billed = [i for i, state in done.states.items() if state == PeriodState.BILLED]
    if not billed:
        return f"next period starts {period(terms.start, terms.months, upcoming).start.isoformat()}"
    return f"billed through {period(terms.start, terms.months, max(billed)).end.isoformat()}"


def _contract_rows(session: Session) -> list[Row[Any]]:
    """Every contract by customer number then contract number, as plain rows of its columns:
    a run reads ten thousand, and ORM objects would cost more than the billing."""
    return list(
        session.execute(
            select(
                Contract.id,
                Contract.number,
                Contract.name,
                Contract.amount,
                Contract.period_months,
                Contract.start_date,
                Contract.end_date,
                Contract.taxable,
                Contract.billing,
                Contract.active,
                Contract.customer_id,
            )
            .join(Customer, Customer.id == Contract.customer_id)
            .order_by(Customer.number, Contract.number)
        )
    )


def _customers(session: Session) -> dict[int, Customer]:
    """The customers that have contracts, by id, each loaded once."""
    with_contracts = Customer.id.in_(select(Contract.customer_id))
    return {c.id: c for c in session.scalars(select(Customer).where(with_contracts))}


def _terms(contract: Row[Any]) -> Terms:
    """`terms_of` for a row of `_contract_rows`."""
    return Terms(
        start=contract.start_date,
        months=contract.period_months,
        end=contract.end_date,
        in_advance=contract.billing == Billing.ADVANCE,
    )


def _charges(
    contract: Row[Any], terms: Terms, due: list[Period], state: _Done, rate: Decimal
) -> list[ChargeLine]:
    """A line for each due period of the contract that is neither billed nor skipped."""
    whole_tax = line_tax(contract.amount, contract.taxable, rate)
    charges = []
    for found in due:
        if found.index in state.states:
            continue
        if terms.in_advance:
            amount, ends = contract.amount, found.end
        else:
            amount, ends = arrears_charge(terms, contract.amount, found)
        charges.append(
            ChargeLine(
                contract_id=contract.id,
                contract=contract.number,
                name=contract.name,
                period_index=found.index,
                period_start=found.start,
                period_end=ends,
                amount=amount,
                taxable=contract.taxable,
                tax=whole_tax
                if amount == contract.amount
                else line_tax(amount, contract.taxable, rate),
            )
        )
    return charges


def plan_recurring(session: Session, request: RecurringRequest) -> RecurringRun:
    """What a run through the date would bill and credit, without numbers; nothing is written."""
    settings = load_settings(session)
    done = _done(session)
    customers = _customers(session)
    lines: list[tuple[Customer, ChargeLine]] = []
    credits: list[PartPeriodCredit] = []
    not_ready: list[NotReady] = []
    nothing: list[ChargeLine] = []
    through = request.through
    for contract in _contract_rows(session):
        if not contract.active:
            not_ready.append(NotReady(contract.number, "inactive"))
            continue
        customer = customers[contract.customer_id]
        terms = _terms(contract)
        state = done.get(contract.id, _Done())
        rate = tax_rate_for(customer, settings)
        due = due_periods(terms, through)
        charges = _charges(contract, terms, due, state, rate)
        lines.extend((customer, line) for line in charges if line.amount > ZERO)
        nothing.extend(line for line in charges if line.amount == ZERO)
        billed_now = {line.period_index for line in charges}
        credit = _credit(settings, contract, customer, terms, state, billed_now, through, rate)
        if credit is not None:
            credits.append(credit)
        if not billed_now and credit is None:
            not_ready.append(NotReady(contract.number, _not_ready(terms, state, through, due)))
    invoices = _invoices(settings, lines, request)
    return RecurringRun(through, tuple(invoices), tuple(credits), tuple(not_ready), tuple(nothing))


def _credit(
    settings: CompanySettings,
    contract: Row[Any],
    customer: Customer,
    terms: Terms,
    state: _Done,
    billed_now: set[int],
    through: dt.date,
    rate: Decimal,
) -> PartPeriodCredit | None:
    """The part-period credit this run owes the contract, if any: its end date falls inside a
    period billed in advance (before or in this run) and the run reaches the end date."""
    if not terms.in_advance or terms.end is None or terms.end > through:
        return None
    index = cut_period(terms)
    if index is None:
        return None
    billed = state.states.get(index) == PeriodState.BILLED or index in billed_now
    if not billed or index in state.credited:
        return None
    amount = _credit_amount(settings, terms, contract.amount, index)
    if amount <= ZERO:
        return None
    found = period(terms.start, terms.months, index)
    return PartPeriodCredit(
        customer_id=customer.id,
        customer_number=customer.number,
        number=None,
        contract_id=contract.id,
        contract=contract.number,
        name=contract.name,
        period_index=index,
        period_start=terms.end + ONE_DAY,
        period_end=found.end,
        credit_date=through,
        amount=amount,
        tax=line_tax(amount, contract.taxable, rate),
    )


def _invoices(
    settings: CompanySettings,
    lines: list[tuple[Customer, ChargeLine]],
    request: RecurringRequest,
) -> list[RecurringInvoice]:
    def key(item: tuple[Customer, ChargeLine]) -> tuple[str, str]:
        customer, line = item
        return customer.number, line.contract if request.per_contract else ""

    invoices = []
    for _, group in groupby(lines, key=key):
        items = list(group)
        customer = items[0][0]
        invoices.append(
            RecurringInvoice(
                customer_id=customer.id,
                customer_number=customer.number,
                customer_name=customer.name,
                number=None,
                invoice_date=request.through,
                due_date=due_date_for(customer, settings, request.through),
                lines=tuple(line for _, line in items),
            )
        )
    return invoices


def bill_recurring(
    session: Session, request: RecurringRequest, progress: Progress | None = None
) -> RecurringRun:
    """Bill what is due through the date, all of it or none; a run with nothing due bills
    nothing and is no error. BilledMeanwhile when another run billed the same periods."""
    report = progress or (lambda done, total, text: None)
    hold_numbers(session, TransactionType.INVOICE)
    settings = load_settings(session)
    planned = plan_recurring(session, request)
    if planned.empty:
        return planned
    total = len(planned.invoices) + len(planned.credits)
    report(0, total, "Numbering the invoices and credit memos")
    invoice_numbers = next_numbers(
        session, settings, TransactionType.INVOICE, len(planned.invoices)
    )
    credit_numbers = next_numbers(
        session, settings, TransactionType.CREDIT_MEMO, len(planned.credits)
    )
    invoices = [
        replace(invoice, number=number)
        for invoice, number in zip(planned.invoices, invoice_numbers, strict=True)
    ]
    credits = [
        replace(credit, number=number)
        for credit, number in zip(planned.credits, credit_numbers, strict=True)
    ]
    report(total // 3, total, "Writing the invoices")
    ids = insert_documents(
        session, [*(invoice.document() for invoice in invoices), *map(_credit_document, credits)]
    )
    insert_lines(
        session,
        (
            NewLine(
                number=invoice.number or "",
                position=position,
                description=line.description,
                service_date=line.period_start,
                quantity=Decimal("1.00"),
                rate=line.amount,
                amount=line.amount,
                taxable=line.taxable,
                tax=line.tax,
            )
            for invoice in invoices
            for position, line in enumerate(invoice.lines, start=1)
        ),
        ids,
    )
    report(2 * total // 3, total, "Marking the periods billed")
    earlier = _record_periods(session, invoices, credits, ids, planned.nothing_to_bill)
    _claim_credits(session, earlier, ids)
    record_each(
        session,
        "bill_recurring",
        [
            {
                "customer": invoice.customer_number,
                "transaction": invoice.number,
                "detail": f"{len(invoice.lines)} periods through {request.through.isoformat()}, "
                f"{invoice.amount} + tax {invoice.tax}",
            }
            for invoice in invoices
        ]
        + [
            {
                "customer": credit.customer_number,
                "transaction": credit.number,
                "detail": f"part-period credit, contract {credit.contract} from "
                f"{credit.period_start.isoformat()}: {credit.amount} + tax {credit.tax}",
            }
            for credit in credits
        ],
    )
    report(total, total, "Done")
    return RecurringRun(
        request.through,
        tuple(invoices),
        tuple(credits),
        planned.not_ready,
        planned.nothing_to_bill,
    )


def _credit_document(credit: PartPeriodCredit) -> NewDocument:
    return NewDocument(
        customer_id=credit.customer_id,
        type=TransactionType.CREDIT_MEMO,
        number=credit.number or "",
        invoice_date=credit.credit_date,
        due_date=credit.credit_date,
        amount=credit.amount,
        tax=credit.tax,
        description=credit.description,
        category=MemoCategory.PART_PERIOD_CREDIT,
    )


NOTHING_TO_BILL = "the days used come to 0.00"
MEANWHILE = (
    "Another clerk billed some of these contract periods while this run was being made. "
    "Nothing was billed; preview the run again."
)


def _record_periods(
    session: Session,
    invoices: list[RecurringInvoice],
    credits: list[PartPeriodCredit],
    ids: dict[str, int],
    nothing: Sequence[ChargeLine],
) -> list[PartPeriodCredit]:
    """Insert a row per billed period, with its credit when this run credits it too, and one
    per period that came to nothing; the credits left are of periods billed by earlier runs."""
    credit_of = {(c.contract_id, c.period_index): ids[c.number or ""] for c in credits}
    rows = [
        {
            "contract_id": line.contract_id,
            "period_index": line.period_index,
            "period_start": line.period_start,
            "period_end": line.period_end,
            "state": PeriodState.BILLED,
            "transaction_id": ids[invoice.number or ""],
            "amount": line.amount,
            "reason": "",
            "credit_id": credit_of.pop((line.contract_id, line.period_index), None),
        }
        for invoice in invoices
        for line in invoice.lines
    ]
    rows += [
        {
            "contract_id": line.contract_id,
            "period_index": line.period_index,
            "period_start": line.period_start,
            "period_end": line.period_end,
            "state": PeriodState.SKIPPED,
            "transaction_id": None,
            "amount": ZERO,
            "reason": NOTHING_TO_BILL,
            "credit_id": None,
        }
        for line in nothing
    ]
    try:
        if rows:
            # Core, not the ORM's bulk insert: that leaves out the None credits and so splits
            # the rows into a statement per run of rows with and without one.
            session.execute(insert(cast(Table, ContractPeriod.__table__)), rows)
    except IntegrityError as error:
        if "contract" not in str(error.orig):
            raise
        raise BilledMeanwhile(MEANWHILE) from None
    return [c for c in credits if (c.contract_id, c.period_index) in credit_of]


def _claim_credits(session: Session, credits: list[PartPeriodCredit], ids: dict[str, int]) -> None:
    """Point each earlier billed period at its credit, only where it has none yet."""
    for credit in credits:
        result = session.execute(
            update(ContractPeriod)
            .where(
                ContractPeriod.contract_id == credit.contract_id,
                ContractPeriod.period_index == credit.period_index,
                ContractPeriod.state == PeriodState.BILLED,
                ContractPeriod.credit_id.is_(None),
            )
            .values(credit_id=ids[credit.number or ""])
            .execution_options(synchronize_session=False)
        )
        if cast(CursorResult[Any], result).rowcount != 1:
            raise BilledMeanwhile(MEANWHILE)
