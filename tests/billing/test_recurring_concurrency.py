"""R5 and R16 under load: several processes bill recurring charges through the same date at the
same moment, each in its own transaction, in two rounds.

Afterwards every due period is billed exactly once (one period row, one line, the contract's
amount each), every invoice's amount and tax are the sums of its lines, each ended contract is
credited once, and each process either billed, found nothing left to bill, or was told another
run billed the same periods: never a crash, never a deadlock.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import billing
from app.models import (
    ARTransaction,
    Billing,
    Contract,
    ContractPeriod,
    Customer,
    InvoiceLine,
    MemoCategory,
    PeriodState,
    TransactionType,
)
from app.store import Database
from tests.billing.recurring_workers import BillingOutcome, bill_at_once

CUSTOMERS = 60
FIRST_ROUND, SECOND_ROUND = dt.date(2026, 6, 15), dt.date(2026, 9, 30)


@dataclass(frozen=True)
class Plan:
    """A contract as seeded; every start falls on a day 1–28, so no month end clamps it."""

    number: str
    customer: str
    amount: Decimal
    months: int
    start: dt.date
    in_advance: bool = True
    end: dt.date | None = None

    @property
    def name(self) -> str:
        return f"Plan {self.number}"


# Ended inside a period billed in advance, each credited once, at 10 % tax: KE1 by the first
# round (310.00 × 21/31 days after 10 Mar), KE2 by the second, though its cut quarter was billed
# in the first (300.00 × 10/91 days after 20 Jun).
CREDITED = {
    "KE1": (FIRST_ROUND, Decimal("210.00"), Decimal("21.00")),
    "KE2": (SECOND_ROUND, Decimal("32.97"), Decimal("3.30")),
}


def _plans() -> list[Plan]:
    plans = [
        Plan("KE1", "C000", Decimal("310.00"), 1, dt.date(2026, 1, 1), end=dt.date(2026, 3, 10)),
        Plan("KE2", "C001", Decimal("300.00"), 3, dt.date(2026, 4, 1), end=dt.date(2026, 6, 20)),
    ]
    for i in range(CUSTOMERS):
        owner = f"C{i:03d}"
        plans.append(Plan(f"M{i:03d}", owner, Decimal(10 + i), 1, dt.date(2026, 1, 1 + i % 28)))
        plans.append(
            Plan(f"Q{i:03d}", owner, Decimal("90.00"), 3, dt.date(2026, 2, 1 + i % 28), False)
        )
        if i % 5 == 0:
            plans.append(Plan(f"Y{i:03d}", owner, Decimal("1200.00"), 12, dt.date(2026, 3, 15)))
    return plans


def _months_on(start: dt.date, months: int) -> dt.date:
    year, month = divmod(start.month - 1 + months, 12)
    return start.replace(year=start.year + year, month=month + 1)


def due_count(plan: Plan, through: dt.date) -> int:
    """How many of the plan's periods are due through the date: those starting by then (in
    advance) or over by then (in arrears), none starting after the end date."""
    count = 0
    while True:
        starts, following = (_months_on(plan.start, k * plan.months) for k in (count, count + 1))
        if plan.end is not None and starts > plan.end:
            return count
        if (starts if plan.in_advance else following - dt.timedelta(days=1)) > through:
            return count
        count += 1


def _seed(db: Database) -> list[Plan]:
    plans = _plans()
    with db.transaction() as s:
        billing.not_audited(s, "test data, inserted in bulk")
        billing.set_setting(s, "tax_rate", "10")
        s.execute(
            insert(Customer),
            [{"number": f"C{i:03d}", "name": f"Customer {i}"} for i in range(CUSTOMERS)],
        )
        ids = dict(s.execute(select(Customer.number, Customer.id)).all())
        s.execute(
            insert(Contract),
            [
                {
                    "number": p.number,
                    "customer_id": ids[p.customer],
                    "name": p.name,
                    "amount": p.amount,
                    "period_months": p.months,
                    "start_date": p.start,
                    "end_date": p.end,
                    "taxable": True,
                    "billing": Billing.ADVANCE if p.in_advance else Billing.ARREARS,
                    "active": True,
                }
                for p in plans
            ],
        )
    return plans


def _bill_at_once(db: Database, workers: int, through: dt.date) -> list[BillingOutcome]:
    url = db.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(workers), ctx.Queue()
    processes = [
        ctx.Process(target=bill_at_once, args=(url, w, through, start, results))
        for w in range(workers)
    ]
    for p in processes:
        p.start()
    gathered = [results.get(timeout=120) for _ in processes]
    for p in processes:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert [o for o in gathered if isinstance(o, str)] == []  # no crash, no deadlock
    return [o for o in gathered if isinstance(o, BillingOutcome)]


def _documents(s: Session, kind: TransactionType) -> set[str]:
    return set(s.scalars(select(ARTransaction.number).where(ARTransaction.type == kind)))


def _check_lines(s: Session, plans: list[Plan], through: dt.date) -> None:
    """Each due period is one line and one period row, at the contract's amount."""
    lines = Counter(s.scalars(select(InvoiceLine.description)))
    assert [text for text, times in lines.items() if times > 1] == []
    by_contract: defaultdict[str, list[Decimal]] = defaultdict(list)
    for description, amount in s.execute(select(InvoiceLine.description, InvoiceLine.amount)):
        by_contract[description.split(" 2026-")[0]].append(amount)
    rows = dict(
        s.execute(
            select(Contract.number, func.count(ContractPeriod.id))
            .join(ContractPeriod, ContractPeriod.contract_id == Contract.id)
            .where(ContractPeriod.state == PeriodState.BILLED)
            .group_by(Contract.number)
        ).all()
    )
    for plan in plans:
        due = due_count(plan, through)
        assert len(by_contract[plan.name]) == rows.get(plan.number, 0) == due, plan.number
        assert sum(by_contract[plan.name], Decimal(0)) == due * plan.amount, plan.number


def _check_sums(s: Session) -> None:
    """Every document with lines has the sums of its lines as its amount and tax."""
    sums = s.execute(
        select(
            ARTransaction.number,
            ARTransaction.amount,
            ARTransaction.tax,
            func.sum(InvoiceLine.amount),
            func.sum(InvoiceLine.tax),
        )
        .join(InvoiceLine, InvoiceLine.transaction_id == ARTransaction.id)
        .group_by(ARTransaction.id, ARTransaction.number, ARTransaction.amount, ARTransaction.tax)
    ).all()
    assert sums
    wrong = [row for row in sums if (row[1], row[2]) != (row[3], row[4])]
    assert wrong == []


def _check_credits(s: Session, through: dt.date) -> None:
    """Each ended contract has exactly one credit memo, of the unused part, on its cut period,
    from the round that reached its end date."""
    memos = s.execute(
        select(Contract.number, ARTransaction.amount, ARTransaction.tax, ARTransaction.category)
        .join(ContractPeriod, ContractPeriod.contract_id == Contract.id)
        .join(ARTransaction, ARTransaction.id == ContractPeriod.credit_id)
        .order_by(Contract.number)
    ).all()
    expected = [
        (number, amount, tax, MemoCategory.PART_PERIOD_CREDIT)
        for number, (by, amount, tax) in CREDITED.items()
        if by <= through
    ]
    assert [tuple(memo) for memo in memos] == expected
    assert len(_documents(s, TransactionType.CREDIT_MEMO)) == len(expected)


def _check_round(
    db: Database, plans: list[Plan], through: dt.date, outcomes: list[BillingOutcome]
) -> tuple[BillingOutcome, set[str], set[str]]:
    """Every period due is billed once, whoever billed it. The run that billed, and the
    invoices and credit memos in the database afterwards."""
    # The counter lock lets one run bill; the others then find nothing left (or, were that
    # lock gone, the unique period rows would refuse them: BilledMeanwhile).
    billed = [o for o in outcomes if o.billed]
    assert len(billed) == 1
    with db.read() as s:
        _check_lines(s, plans, through)
        _check_sums(s)
        _check_credits(s, through)
        invoices = _documents(s, TransactionType.INVOICE)
        return billed[0], invoices, _documents(s, TransactionType.CREDIT_MEMO)


def _two_rounds(db: Database, workers: int) -> None:
    plans = _seed(db)
    made, invoices, credits = _check_round(
        db, plans, FIRST_ROUND, _bill_at_once(db, workers, FIRST_ROUND)
    )
    # What the billing process was told it made is what the database holds.
    assert (set(made.invoices), set(made.credits)) == (invoices, {"CM-00001"})
    assert made.lines == sum(due_count(p, FIRST_ROUND) for p in plans)
    later, later_invoices, later_credits = _check_round(
        db, plans, SECOND_ROUND, _bill_at_once(db, workers, SECOND_ROUND)
    )
    assert set(later.invoices) == later_invoices - invoices
    assert set(later.credits) == later_credits - credits == {"CM-00002"}
    assert later.lines == sum(due_count(p, SECOND_ROUND) - due_count(p, FIRST_ROUND) for p in plans)


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize("workers", [2, 4])
def test_processes_bill_the_same_date_at_once_on_postgresql(
    postgres_db: Database, workers: int
) -> None:
    _two_rounds(postgres_db, workers)


@pytest.mark.slow
def test_two_processes_bill_the_same_date_at_once_on_sqlite(sqlite_db: Database) -> None:
    _two_rounds(sqlite_db, workers=2)
