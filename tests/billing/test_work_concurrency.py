"""R15 and R5 under load: several processes invoicing overlapping selections of work at once.

Afterwards no entry is on two invoices, every claimed entry points at the invoice of its line,
every invoice's amount and tax are the sums of its lines, the work left unbilled is on no line,
and each run either made what it reported or was refused for a reason a clerk is told
(WorkClaimedMeanwhile, NothingToInclude): never a crash, a deadlock or a lock timeout.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import billing
from app.billing import ServiceTypeDraft
from app.billing.lines import line_amount
from app.models import ARTransaction, Customer, InvoiceLine, ServiceType, WorkEntry
from app.store import Database
from tests.billing.workers import WorkOutcome, WorkStep, invoice_work_steps

CUSTOMERS = 48  # the last 8 are never ticked
ENTRIES = 10  # per customer, the last not billable
FIRST_DAY = dt.date(2026, 11, 2)
MIDDLE = dt.date(2026, 11, 14)
KINDS = (("LAB", "Labour", "42.50", True), ("KM", "Travel", "0.67", False))


def _number(i: int) -> str:
    return f"K{i:03d}"


def _seed(db: Database) -> None:
    """Customers at the company's 8.25 %, their own 10 % or exempt, with ten entries each over
    four weeks."""
    with db.transaction() as s:
        billing.not_audited(s, "test data, inserted in bulk")
        billing.set_setting(s, "tax_rate", "8.25")
        rates = (Decimal(0), Decimal(10), None, None, None)
        s.execute(
            insert(Customer),
            [
                {"number": _number(i), "name": f"Customer {i}", "tax_rate": rates[i % 5]}
                for i in range(CUSTOMERS)
            ],
        )
        for code, name, rate, taxable in KINDS:
            billing.create_service_type(s, ServiceTypeDraft(code, name, Decimal(rate), taxable))
        s.execute(insert(WorkEntry), _entries(s))


def _entries(s: Session) -> list[dict[str, object]]:
    ids = dict(s.execute(select(Customer.number, Customer.id)).all())
    kinds = dict(s.execute(select(ServiceType.code, ServiceType.id)).all())
    rows: list[dict[str, object]] = []
    for i in range(CUSTOMERS):
        for k in range(ENTRIES):
            code, _name, rate, _taxable = KINDS[k % 2]
            quantity = Decimal(f"{1 + (i + k) % 7}.{(25 * k) % 100:02d}")
            rows.append(
                {
                    "customer_id": ids[_number(i)],
                    "work_date": FIRST_DAY + dt.timedelta(days=(3 * k + i) % 26),
                    "service_type_id": kinds[code],
                    "description": f"job {i}-{k}",
                    "worker": ("Ana", "Bo")[k % 2],
                    "quantity": quantity,
                    "rate": Decimal(rate),
                    "amount": line_amount(quantity, Decimal(rate)),
                    "billable": k != ENTRIES - 1,
                    "invoice_id": None,
                }
            )
    return rows


def _plan(worker: int) -> list[WorkStep]:
    """A block of 16 customers that overlaps the next worker's up to the middle of the month,
    every third customer from the worker's own, then the block again for the rest."""
    block = tuple(_number(c) for c in range(8 * worker, 8 * worker + 16))
    thirds = tuple(_number(c) for c in range(worker, CUSTOMERS - 8, 3))
    return [WorkStep(block, MIDDLE), WorkStep(thirds), WorkStep(block)]


def _run(db: Database, workers: int) -> list[WorkOutcome]:
    url = db.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(workers), ctx.Queue()
    processes = [
        ctx.Process(target=invoice_work_steps, args=(url, _plan(w), start, results))
        for w in range(workers)
    ]
    for p in processes:
        p.start()
    gathered = [results.get(timeout=120) for _ in processes]
    for p in processes:
        p.join(timeout=30)
        assert p.exitcode == 0
    errors = [o for outcomes in gathered for o in outcomes if isinstance(o, str)]
    assert errors == []
    return [o for outcomes in gathered for o in outcomes if isinstance(o, WorkOutcome)]


def _check_reports(db: Database, outcomes: list[WorkOutcome]) -> None:
    """What each process was told it made is what the database holds, and nothing else is."""
    reported = {n: (c, set(e), a, t) for o in outcomes for n, c, e, a, t in o.invoices}
    assert sum(len(o.invoices) for o in outcomes) == len(reported)  # no number told twice
    with db.read() as s:
        numbers = list(s.scalars(select(ARTransaction.number).order_by(ARTransaction.number)))
        stored: dict[str, tuple[str, set[int | None], Decimal, Decimal]] = {
            number: (customer, set(), amount, tax)
            for number, customer, amount, tax in s.execute(
                select(
                    ARTransaction.number, Customer.number, ARTransaction.amount, ARTransaction.tax
                ).join(Customer, Customer.id == ARTransaction.customer_id)
            )
        }
        for number, entry in s.execute(
            select(ARTransaction.number, InvoiceLine.work_entry_id).join(
                InvoiceLine, InvoiceLine.transaction_id == ARTransaction.id
            )
        ):
            stored[number][1].add(entry)
    assert stored == reported
    # Runs that were undone gave their numbers back: INV-00001 onwards, none missing.
    assert numbers == [f"INV-{n:05d}" for n in range(1, len(numbers) + 1)]
    for outcome in outcomes:
        made_for = {customer for _n, customer, _e, _a, _t in outcome.invoices}
        assert made_for <= set(outcome.step.customers)


def _check_lines(db: Database) -> None:
    with db.read() as s:
        # No entry on two lines, and each claimed entry points at the invoice of its line.
        on_lines = Counter(s.scalars(select(InvoiceLine.work_entry_id)))
        assert on_lines
        assert max(on_lines.values()) == 1
        mismatched = s.scalar(
            select(func.count())
            .select_from(InvoiceLine)
            .join(WorkEntry, WorkEntry.id == InvoiceLine.work_entry_id)
            .where(
                (WorkEntry.invoice_id.is_(None))
                | (WorkEntry.invoice_id != InvoiceLine.transaction_id)
            )
        )
        assert mismatched == 0
        claimed = set(s.scalars(select(WorkEntry.id).where(WorkEntry.invoice_id.is_not(None))))
        assert claimed == set(on_lines)
        # Every invoice's amount and tax are the sums of its lines, and each line its entry's.
        sums = s.execute(
            select(
                ARTransaction.amount,
                ARTransaction.tax,
                func.sum(InvoiceLine.amount),
                func.sum(InvoiceLine.tax),
            )
            .join(InvoiceLine, InvoiceLine.transaction_id == ARTransaction.id)
            .group_by(ARTransaction.id, ARTransaction.amount, ARTransaction.tax)
        ).all()
        assert sums
        assert all((a, t) == (la, lt) for a, t, la, lt in sums)
        different = s.scalar(
            select(func.count())
            .select_from(InvoiceLine)
            .join(WorkEntry, WorkEntry.id == InvoiceLine.work_entry_id)
            .join(ARTransaction, ARTransaction.id == InvoiceLine.transaction_id)
            .where(
                (InvoiceLine.amount != WorkEntry.amount)
                | (ARTransaction.customer_id != WorkEntry.customer_id)
                | WorkEntry.billable.is_(False)
            )
        )
        assert different == 0


def _check_left(db: Database, outcomes: list[WorkOutcome]) -> None:
    """The work nobody ticked, and the work of refused runs, is unbilled; ticked customers
    have nothing billable left unless a run was refused because of another."""
    ticked = {c for o in outcomes if o.step.date_to is None for c in o.step.customers}
    meanwhile = any(o.refusal and o.refusal[0] == "WorkClaimedMeanwhile" for o in outcomes)
    with db.read() as s:
        left = dict(
            s.execute(
                select(Customer.number, func.count(WorkEntry.id))
                .join(WorkEntry, WorkEntry.customer_id == Customer.id)
                .where(WorkEntry.invoice_id.is_(None), WorkEntry.billable.is_(True))
                .group_by(Customer.number)
            ).all()
        )
    never = {_number(i) for i in range(CUSTOMERS - 8, CUSTOMERS)}
    assert {c: n for c, n in left.items() if c in never} == dict.fromkeys(never, ENTRIES - 1)
    if not meanwhile:
        assert not ticked & set(left)


def _check(db: Database, outcomes: list[WorkOutcome]) -> None:
    _check_reports(db, outcomes)
    _check_lines(db)
    _check_left(db, outcomes)


@pytest.mark.slow
@pytest.mark.postgres
def test_four_processes_invoice_overlapping_work_at_once_on_postgresql(
    postgres_db: Database,
) -> None:
    _seed(postgres_db)
    outcomes = _run(postgres_db, workers=4)
    _check(postgres_db, outcomes)
    assert any(o.invoices for o in outcomes)


@pytest.mark.slow
def test_two_processes_invoice_overlapping_work_at_once_on_sqlite(sqlite_db: Database) -> None:
    _seed(sqlite_db)
    outcomes = _run(sqlite_db, workers=2)
    _check(sqlite_db, outcomes)
    assert any(o.invoices for o in outcomes)
