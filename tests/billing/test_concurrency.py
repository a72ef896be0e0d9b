"""R5 under load: several processes generating and adding at once on one database.

Afterwards every transaction is in at most one batch, each claim that a process was told about
is really in its batch, numbers are unique and gapless, and no run skipped a row it should
have taken.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select

from app import billing
from app.billing.eligibility import cutoff_days_for
from app.models import ARTransaction, BatchKind, Customer, InvoiceBatch, TransactionType
from app.store import Database
from tests.billing.workers import Outcome, Step, run_steps

CUSTOMERS = 320
CLOSE_DATES = [
    dt.date(2027, 1, 5),
    dt.date(2027, 1, 10),
    dt.date(2027, 1, 15),
    dt.date(2027, 1, 31),
    dt.date(2027, 2, 5),
    dt.date(2027, 2, 15),
    dt.date(2027, 2, 28),
    dt.date(2027, 3, 10),
    dt.date(2027, 3, 31),
]


def _number(i: int) -> str:
    return f"C{i:04d}"


def _seed(db: Database) -> None:
    """Customers with every cutoff day (and none), each with invoices across three months."""
    customers = [
        {"number": _number(i), "name": f"Customer {i}", "cutoff_day": (i % 32) or None}
        for i in range(CUSTOMERS)
    ]
    with db.transaction() as s:
        billing.not_audited(s, "test data, inserted in bulk")
        s.execute(insert(Customer), customers)
        ids = dict(s.execute(select(Customer.number, Customer.id)).all())
        rows = []
        for i in range(CUSTOMERS):
            for k in range(12):
                kind = (TransactionType.INVOICE, TransactionType.CREDIT_MEMO)[k % 6 == 5]
                when = dt.date(2027, 1, 1) + dt.timedelta(days=7 * k + i % 7)
                rows.append((ids[_number(i)], kind, f"D{i}-{k}", when))
            rows.append((ids[_number(i)], TransactionType.PAYMENT, f"P{i}", dt.date(2027, 2, 1)))
        s.execute(
            insert(ARTransaction),
            [
                {
                    "customer_id": c,
                    "type": kind,
                    "number": n,
                    "invoice_date": d,
                    "due_date": d,
                    "amount": Decimal("10.00"),
                    "tax": Decimal("0.50"),
                    "description": "",
                }
                for c, kind, n, d in rows
            ],
        )


def _plan(worker: int, workers: int) -> list[Step]:
    """The same close dates for every worker, each starting elsewhere, plus a ranged override
    run and a manual batch whose customers and transactions overlap the other workers'."""
    shift = worker * len(CLOSE_DATES) // workers
    steps = [Step(d) for d in CLOSE_DATES[shift:] + CLOSE_DATES[:shift]]
    first = 40 + 30 * worker
    steps.insert(
        2,
        Step(
            dt.date(2027, 2, 20),
            override=True,
            from_customer=_number(first),
            to_customer=_number(first + 50),
        ),
    )
    steps.insert(
        4 + worker % 3,
        Step(
            dt.date(2027, 2, 15),
            manual_customers=tuple(_number(c) for c in range(200 + worker, 240, 3)),
            # Customers 256 and 288 have no cutoff day: only these adds can take their documents.
            manual_transactions=tuple(f"D{c}-{k}" for c in (256, 288) for k in range(12)),
        ),
    )
    return steps


def _run(db: Database, workers: int) -> list[Outcome]:
    url = db.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(workers), ctx.Queue()
    processes = [
        ctx.Process(target=run_steps, args=(url, _plan(w, workers), start, results))
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
    return [o for outcomes in gathered for o in outcomes if isinstance(o, Outcome)]


def _check_claims(db: Database, outcomes: list[Outcome]) -> None:
    reported = {o.batch_number: o.claimed for o in outcomes if o.batch_number is not None}
    with db.transaction() as s:
        batches = dict(s.execute(select(InvoiceBatch.number, InvoiceBatch.kind)).all())
        in_db = Counter(
            dict(
                s.execute(
                    select(InvoiceBatch.number, func.count(ARTransaction.id))
                    .join(ARTransaction, ARTransaction.batch_id == InvoiceBatch.id)
                    .group_by(InvoiceBatch.number)
                ).all()
            )
        )
        batched = s.scalar(select(func.count()).where(ARTransaction.batch_id.is_not(None)))
        paid_in_batch = s.scalar(
            select(func.count()).where(
                ARTransaction.type == TransactionType.PAYMENT, ARTransaction.batch_id.is_not(None)
            )
        )
    # Every process's batch is the database's batch, and numbers run 1..N with no gap.
    assert sorted(reported) == sorted(batches) == list(range(1, len(batches) + 1))
    # What each process was told it claimed is exactly what its batch holds.
    assert {n: in_db[n] for n in batches} == reported
    assert sum(reported.values()) == sum(in_db.values()) == batched
    assert paid_in_batch == 0
    assert all(in_db[n] > 0 for n, kind in batches.items() if kind != BatchKind.MANUAL)


def _check_rules(db: Database, outcomes: list[Outcome]) -> None:
    """Each plain run took only what R1/R2 allow, and left nothing it should have taken."""
    plain = {
        o.batch_number: o.step.close_date for o in outcomes if o.step == Step(o.step.close_date)
    }
    with db.transaction() as s:
        rows = s.execute(
            select(InvoiceBatch.number, Customer.cutoff_day, ARTransaction.invoice_date)
            .join(ARTransaction, ARTransaction.batch_id == InvoiceBatch.id)
            .join(Customer, Customer.id == ARTransaction.customer_id)
            .where(InvoiceBatch.number.in_([n for n in plain if n is not None]))
        ).all()
        for number, cutoff, invoice_date in rows:
            assert cutoff in cutoff_days_for(plain[number])
            assert invoice_date <= plain[number]
        for close_date in CLOSE_DATES:
            left = s.scalar(
                select(func.count())
                .select_from(ARTransaction)
                .join(Customer, Customer.id == ARTransaction.customer_id)
                .where(
                    ARTransaction.batch_id.is_(None),
                    ARTransaction.type != TransactionType.PAYMENT,
                    Customer.cutoff_day.in_(cutoff_days_for(close_date)),
                    ARTransaction.invoice_date <= close_date,
                )
            )
            assert left == 0, close_date


@pytest.mark.slow
@pytest.mark.postgres
def test_four_processes_generate_and_add_at_once_on_postgresql(postgres_db: Database) -> None:
    _seed(postgres_db)
    outcomes = _run(postgres_db, workers=4)
    _check_claims(postgres_db, outcomes)
    _check_rules(postgres_db, outcomes)
    refused = [r for o in outcomes for r in o.refusals]
    assert any(r.startswith("No invoice batch was created") for r in refused)
    # Every worker adds the same 24 single transactions to its manual batch: one gets each.
    taken = ("Already in a batch", "Another clerk put some of these transactions")
    assert sum(r.startswith(taken) for r in refused) == 3 * 24


@pytest.mark.slow
def test_two_processes_generate_at_once_on_sqlite(sqlite_db: Database) -> None:
    _seed(sqlite_db)
    outcomes = _run(sqlite_db, workers=2)
    _check_claims(sqlite_db, outcomes)
    _check_rules(sqlite_db, outcomes)
