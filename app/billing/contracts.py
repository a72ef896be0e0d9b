"""Contracts (R16): entering, checking, ending, skipping a period, finding and listing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.errors import FieldProblem, InUse, InvalidInput, NotFound
from app.billing.money import ZERO
from app.billing.periods import Terms, last_index, period
from app.models import (
    CENT,
    ARTransaction,
    Billing,
    Contract,
    ContractPeriod,
    Customer,
    PeriodState,
)

PERIOD_MONTHS = (1, 3, 6, 12)
NUMBER_LENGTH = 30
NAME_LENGTH = 120
LARGEST_AMOUNT = Decimal("999999999.99")


@dataclass(frozen=True)
class ContractDraft:
    """What the contract form (or an import row) says a contract is."""

    number: str
    customer_number: str
    name: str
    amount: Decimal
    period_months: int
    start_date: dt.date
    end_date: dt.date | None = None
    taxable: bool = True
    billing: Billing = Billing.ADVANCE
    active: bool = True

    def cleaned(self) -> ContractDraft:
        return replace(
            self,
            number=self.number.strip(),
            customer_number=self.customer_number.strip(),
            name=self.name.strip(),
        )


@dataclass(frozen=True)
class ContractRecord:
    id: int
    number: str
    customer_number: str
    customer_name: str
    name: str
    amount: Decimal
    period_months: int
    start_date: dt.date
    end_date: dt.date | None
    taxable: bool
    billing: Billing
    active: bool
    billed_through: dt.date | None  # the last day of the latest billed period

    @property
    def terms(self) -> Terms:
        return terms_of(self)

    def draft(self) -> ContractDraft:
        return ContractDraft(
            number=self.number,
            customer_number=self.customer_number,
            name=self.name,
            amount=self.amount,
            period_months=self.period_months,
            start_date=self.start_date,
            end_date=self.end_date,
            taxable=self.taxable,
            billing=self.billing,
            active=self.active,
        )


def terms_of(contract: Contract | ContractRecord) -> Terms:
    return Terms(
        start=contract.start_date,
        months=contract.period_months,
        end=contract.end_date,
        in_advance=contract.billing == Billing.ADVANCE,
    )


def check_contract(draft: ContractDraft, line: int | None = None) -> list[FieldProblem]:
    """Every problem with the draft on its own (customer and number are checked in the
    database)."""
    problems = []
    for field, value, limit in (
        ("number", draft.number, NUMBER_LENGTH),
        ("customer", draft.customer_number, None),
        ("name", draft.name, NAME_LENGTH),
    ):
        if not value:
            problems.append(FieldProblem(field, "is required", line))
        elif limit is not None and len(value) > limit:
            problems.append(FieldProblem(field, f"is longer than {limit} characters", line))
    if draft.amount != draft.amount.quantize(CENT):
        problems.append(FieldProblem("amount", "has more than two decimals", line))
    elif not ZERO < draft.amount <= LARGEST_AMOUNT:
        problems.append(FieldProblem("amount", f"must be from 0.01 to {LARGEST_AMOUNT}", line))
    if draft.period_months not in PERIOD_MONTHS:
        reason = "must be 1, 3, 6 or 12 months"
        problems.append(FieldProblem("period_months", reason, line))
    if draft.end_date is not None and draft.end_date < draft.start_date:
        problems.append(FieldProblem("end_date", "is before the start date", line))
    return problems


def _customer(session: Session, number: str) -> Customer | None:
    return session.scalars(select(Customer).where(Customer.number == number)).one_or_none()


def _checked(
    session: Session, draft: ContractDraft, contract_id: int | None
) -> tuple[ContractDraft, Customer]:
    draft = draft.cleaned()
    problems = check_contract(draft)
    customer = _customer(session, draft.customer_number)
    if draft.customer_number and customer is None:
        problems.append(FieldProblem("customer", f"there is no customer {draft.customer_number}"))
    taken = select(Contract.id).where(Contract.number == draft.number)
    if contract_id is not None:
        taken = taken.where(Contract.id != contract_id)
    if draft.number and session.scalar(taken) is not None:
        problems.append(FieldProblem("number", f"contract {draft.number} already exists"))
    if problems or customer is None:
        raise InvalidInput(problems)
    return draft, customer


def _record(session: Session, action: str, contract: Contract, customer: str, detail: str) -> None:
    record(session, action, customer=customer, detail=f"contract {contract.number}: {detail}")


def _describe(contract: Contract) -> str:
    ends = f" to {contract.end_date.isoformat()}" if contract.end_date else ""
    return (
        f"{contract.amount} every {contract.period_months} months from "
        f"{contract.start_date.isoformat()}{ends}, {contract.billing.value}"
    )


def create_contract(session: Session, draft: ContractDraft) -> ContractRecord:
    draft, customer = _checked(session, draft, None)
    contract = Contract(customer_id=customer.id)
    _apply(contract, draft, customer)
    session.add(contract)
    session.flush()
    _record(session, "contract_create", contract, customer.number, _describe(contract))
    return get_contract(session, contract.number)


def _apply(contract: Contract, draft: ContractDraft, customer: Customer) -> None:
    contract.number = draft.number
    contract.customer_id = customer.id
    contract.name = draft.name
    contract.amount = draft.amount
    contract.period_months = draft.period_months
    contract.start_date = draft.start_date
    contract.end_date = draft.end_date
    contract.taxable = draft.taxable
    contract.billing = draft.billing
    contract.active = draft.active


def _billed(session: Session, contract_id: int) -> list[ContractPeriod]:
    return list(
        session.scalars(
            select(ContractPeriod)
            .where(ContractPeriod.contract_id == contract_id)
            .order_by(ContractPeriod.period_index)
        )
    )


def update_contract(session: Session, contract_id: int, draft: ContractDraft) -> ContractRecord:
    """Change a contract. Once a period is billed or skipped, what decides its periods (customer,
    amount, length, start, billing) stays; the end date changes through `end_contract`."""
    contract = _contract_by_id(session, contract_id)
    draft, customer = _checked(session, draft, contract_id)
    if _billed(session, contract_id):
        kept = {
            "customer": contract.customer_id != customer.id,
            "amount": contract.amount != draft.amount,
            "period_months": contract.period_months != draft.period_months,
            "start_date": contract.start_date != draft.start_date,
            "billing": contract.billing != draft.billing,
        }
        problems = [
            FieldProblem(field, "cannot change once a period is billed or skipped")
            for field, changed in kept.items()
            if changed
        ]
        if problems:
            raise InvalidInput(problems)
        if draft.end_date != contract.end_date:
            _check_end(session, contract, draft.end_date)
    _apply(contract, draft, customer)
    session.flush()
    _record(session, "contract_update", contract, customer.number, _describe(contract))
    return get_contract(session, contract.number)


def delete_contract(session: Session, contract_id: int) -> None:
    contract = _contract_by_id(session, contract_id)
    if session.scalar(select(exists().where(ContractPeriod.contract_id == contract_id))):
        raise InUse(
            f"Contract {contract.number} has billed or skipped periods and cannot be deleted. "
            "End it, or untick Active, instead."
        )
    customer = session.get_one(Customer, contract.customer_id)
    session.delete(contract)
    session.flush()
    _record(session, "contract_delete", contract, customer.number, contract.name)


def _check_end(session: Session, contract: Contract, end_date: dt.date | None) -> None:
    """An end date may not fall before a period that was already billed: that period would
    have to be credited whole, which is a memo for the clerk to write."""
    if end_date is None:
        return
    if end_date < contract.start_date:
        raise InvalidInput([FieldProblem("end_date", "is before the start date")])
    billed = [p for p in _billed(session, contract.id) if p.state == PeriodState.BILLED]
    if not billed:
        return
    latest = billed[-1]
    # In advance the unused part of a billed period is credited; in arrears a period is billed
    # for what was used, so it cannot end before the end of what was billed.
    earliest = latest.period_start if contract.billing == Billing.ADVANCE else latest.period_end
    if end_date < earliest:
        reason = (
            f"is before the period {latest.period_start.isoformat()} to "
            f"{latest.period_end.isoformat()}, which is billed; end it on or after "
            f"{earliest.isoformat()}, and credit the rest with a credit memo"
        )
        raise InvalidInput([FieldProblem("end_date", reason)])


def refuse_if_credited(session: Session, transaction_id: int) -> None:
    """A recurring invoice whose period was credited stays while its credit memo does: deleting
    it would make the period due again, and credit it a second time."""
    credit = session.scalar(
        select(ARTransaction.number)
        .join(ContractPeriod, ContractPeriod.credit_id == ARTransaction.id)
        .where(ContractPeriod.transaction_id == transaction_id)
        .limit(1)
    )
    if credit is not None:
        raise InUse(
            f"This invoice bills a contract period that credit memo {credit} credits. "
            f"Delete {credit} first."
        )


def end_contract(session: Session, number: str, end_date: dt.date) -> ContractRecord:
    """End a contract on `end_date` (its last day). A period billed in advance that the date
    cuts is credited for its unused part by the next run through a date on or after it."""
    contract = _contract(session, number, for_update=True)
    _check_end(session, contract, end_date)
    contract.end_date = end_date
    session.flush()
    customer = session.get_one(Customer, contract.customer_id)
    _record(session, "contract_end", contract, customer.number, f"ends {end_date.isoformat()}")
    return get_contract(session, number)


def skip_period(
    session: Session, number: str, period_start: dt.date, reason: str
) -> ContractRecord:
    """Skip the period starting on `period_start` before it is billed: it is never billed."""
    contract = _contract(session, number, for_update=True)
    terms = terms_of(contract)
    problems = []
    if not reason.strip():
        problems.append(FieldProblem("reason", "is required"))
    index = _index_of(terms, period_start)
    last = last_index(terms)
    if index is None:
        problems.append(
            FieldProblem("period_start", f"no period of contract {number} starts on {period_start}")
        )
    elif last is not None and index > last:
        problems.append(FieldProblem("period_start", f"is after the contract's end {terms.end}"))
    if problems or index is None:
        raise InvalidInput(problems)
    done = {p.period_index: p for p in _billed(session, contract.id)}
    if index in done:
        state = done[index].state.value
        raise InvalidInput([FieldProblem("period_start", f"that period is already {state}")])
    found = period(terms.start, terms.months, index)
    session.add(
        ContractPeriod(
            contract_id=contract.id,
            period_index=index,
            period_start=found.start,
            period_end=found.end,
            state=PeriodState.SKIPPED,
            transaction_id=None,
            amount=ZERO,
            reason=reason.strip(),
        )
    )
    session.flush()
    customer = session.get_one(Customer, contract.customer_id)
    detail = f"period {found.start.isoformat()} skipped: {reason.strip()}"
    _record(session, "contract_skip", contract, customer.number, detail)
    return get_contract(session, number)


def _index_of(terms: Terms, start: dt.date) -> int | None:
    if start < terms.start:
        return None
    months = (start.year - terms.start.year) * 12 + start.month - terms.start.month
    index, rest = divmod(months, terms.months)
    if rest or period(terms.start, terms.months, index).start != start:
        return None
    return index


def _contract(session: Session, number: str, for_update: bool = False) -> Contract:
    query = select(Contract).where(Contract.number == number.strip())
    if for_update:
        query = query.with_for_update()
    found = session.scalars(query).one_or_none()
    if found is None:
        raise NotFound(f"There is no contract {number}.")
    return found


def _contract_by_id(session: Session, contract_id: int) -> Contract:
    found = session.get(Contract, contract_id)
    if found is None:
        raise NotFound(f"Contract #{contract_id} no longer exists.")
    return found


def _records(session: Session, *where: object) -> list[ContractRecord]:
    rows = session.execute(
        select(Contract, Customer.number, Customer.name)
        .join(Customer, Customer.id == Contract.customer_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(Customer.number, Contract.number)
    ).all()
    wanted = select(Contract.id).join(Customer, Customer.id == Contract.customer_id).where(*where)  # type: ignore[arg-type]
    billed_through = dict(
        session.execute(
            select(ContractPeriod.contract_id, func.max(ContractPeriod.period_end))
            .where(
                ContractPeriod.state == PeriodState.BILLED,
                ContractPeriod.contract_id.in_(wanted),
            )
            .group_by(ContractPeriod.contract_id)
        ).all()
    )
    return [
        ContractRecord(
            id=contract.id,
            number=contract.number,
            customer_number=customer_number,
            customer_name=customer_name,
            name=contract.name,
            amount=contract.amount,
            period_months=contract.period_months,
            start_date=contract.start_date,
            end_date=contract.end_date,
            taxable=contract.taxable,
            billing=contract.billing,
            active=contract.active,
            billed_through=billed_through.get(contract.id),
        )
        for contract, customer_number, customer_name in rows
    ]


def list_contracts(session: Session, customer_number: str | None = None) -> list[ContractRecord]:
    """Every contract, by customer then number; one customer's when a number is given."""
    where = [] if customer_number is None else [Customer.number == customer_number]
    return _records(session, *where)


def get_contract(session: Session, number: str) -> ContractRecord:
    found = _records(session, Contract.number == number.strip())
    if not found:
        raise NotFound(f"There is no contract {number}.")
    return found[0]
