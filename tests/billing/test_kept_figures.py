"""Kept figures never serve a stale total: after every kind of change, the list's R8 totals,
R17 aging and R12 states are the same read with the change still marked (worked out afresh from
the marks), after the kept rows are brought up to date, and worked out from nothing, and each
batch's totals and aging are its own (statements.batch_record). On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app import billing
from app.billing.batch_states import states_of
from app.billing.batch_totals import BatchTotals, totals_by_batch
from app.billing.keeping import MANY_MARKS, keep_figures
from app.billing.records import BatchRecord
from app.models import ARTransaction, Customer, InvoiceBatch, KeptFigures, StaleCustomer
from app.store import Database
from tests.billing.helpers import day, generate, mark_printed
from tests.billing.test_batch_totals import _history
from tests.billing.test_statements import _move_paid_date
from tests.factories import customer, transaction

Figures = tuple[list[BatchRecord], dict[int, Any]]


def listed(session: Session) -> Figures:
    """Every batch's row (R8 and R17) and states (R12), read from the kept figures as they are
    (not brought up to date first), with the states checked against each customer's parts."""
    batches = session.scalars(select(InvoiceBatch).order_by(InvoiceBatch.number)).all()
    totals = totals_by_batch(session, [b.id for b in batches])
    records = [
        BatchRecord.of(b, t.customer_count, t.transaction_count, t.totals)
        for b, t in ((b, totals.get(b.id, BatchTotals())) for b in batches)
    ]
    states = states_of(session, batches, each_customer=False)
    each = states_of(session, batches)
    assert states == {batch_id: replace(s, customers=()) for batch_id, s in each.items()}
    return billing.with_kept_aging(session, records), each


@contextmanager
def nothing_kept(db: Database) -> Iterator[Session]:
    """A session on the database with nothing kept and every customer marked from the
    beginning, rolled back afterwards."""
    with db.engine.connect() as connection, Session(connection) as session:
        connection.execute(text("DELETE FROM kept_figures"))
        connection.execute(text("DELETE FROM stale_customers"))
        connection.execute(
            text(
                "INSERT INTO stale_customers (customer_id, since)"
                " SELECT id, :beginning FROM customers"
            ),
            {"beginning": dt.date(1, 1, 1)},
        )
        yield session
        connection.rollback()


def from_nothing(db: Database) -> Figures:
    """The same worked out with nothing kept and every customer marked from the beginning."""
    with nothing_kept(db) as session:
        return listed(session)


def marked_customers(db: Database) -> list[str]:
    with db.read() as s:
        marked = s.scalars(
            select(Customer.number).join(StaleCustomer, StaleCustomer.customer_id == Customer.id)
        )
        return list(marked)


def assert_never_stale(db: Database) -> Figures:
    with db.read() as s:
        marked = listed(s)
        one_by_one = [billing.batch_row(s, r.number) for r in marked[0]]
    assert marked[0] == one_by_one
    with db.transaction() as s:
        keep_figures(s)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StaleCustomer)) == 0
        assert s.scalar(select(func.count()).select_from(KeptFigures))
        kept = listed(s)
    assert kept == marked == from_nothing(db)
    return kept


def _id_of(session: Session, number: str) -> int:
    found = session.scalar(select(ARTransaction.id).where(ARTransaction.number == number))
    assert found is not None
    return found


def _raw(db: Database, statement: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(text(statement))


def _october(figures: Figures) -> BatchRecord:
    return next(r for r in figures[0] if r.close_date == day("2026-10-15") and r.number == 4)


CHANGES: dict[str, Callable[[Database], None]] = {
    "new transaction": lambda db: _with(
        db, lambda s: transaction(s, "C002", "invoice", "N-1", "2026-10-02", "60.00", "6.00")
    ),
    "transaction into an open batch": lambda db: _with(
        db,
        lambda s: (
            transaction(s, "C002", "invoice", "N-2", "2026-10-02", "60.00"),
            billing.add_transactions(s, 4, ["N-2"]),
        ),
    ),
    "payment added": lambda db: _with(
        db, lambda s: transaction(s, "C003", "payment", "P-9", "2026-10-01", "10.00")
    ),
    "transaction deleted from an open batch": lambda db: _with(
        db, lambda s: billing.delete_transaction(s, _id_of(s, "B-2"))
    ),
    "batch deleted": lambda db: _with(db, lambda s: billing.delete_batch(s, 5)),
    "batch close date changed (raw SQL)": lambda db: _raw(
        db, "UPDATE invoice_batches SET close_date = '2026-10-12' WHERE number = 4"
    ),
    "payment's paid date moved (raw SQL)": lambda db: _raw(
        db, "UPDATE ar_transactions SET due_date = '2026-09-10' WHERE number = 'P-2'"
    ),
    "customer's transactions moved to another (raw SQL)": lambda db: _raw(
        db,
        "UPDATE ar_transactions SET customer_id = (SELECT id FROM customers WHERE number ="
        " 'C002') WHERE number = 'B-1'",
    ),
}


def _with(db: Database, change: Callable[[Session], object]) -> None:
    with db.transaction() as s:
        change(s)


def test_every_kind_of_change_is_followed(db: Database) -> None:
    _history(db)
    assert_never_stale(db)
    for name, change in CHANGES.items():
        change(db)
        try:
            assert_never_stale(db)
        except AssertionError as error:
            raise AssertionError(f"after: {name}") from error


def test_a_paid_date_moved_after_printing_moves_the_reprinted_figures(db: Database) -> None:
    """R8: a reprint follows the paid dates as they are now; the kept figures with it."""
    _history(db)
    with db.transaction() as s:
        mark_printed(s, 4)
    before = _october(assert_never_stale(db))
    # P-3 (82.78, C003) moves from October's period to after its close: not paid by D any more.
    with db.transaction() as s:
        _move_paid_date(s, "P-3", "2026-10-20")
    after = _october(assert_never_stale(db))
    assert after.totals.payments == before.totals.payments - Decimal("82.78")
    assert after.totals.invoice_amount == before.totals.invoice_amount + Decimal("82.78")
    with db.read() as s:
        assert billing.batch_row(s, 4).totals == after.totals


def test_a_run_over_many_customers_keeps_what_is_worked_out_from_nothing(db: Database) -> None:
    """Over MANY_MARKS customers a run's keeping plans from fresh statistics on PostgreSQL;
    what it keeps is still every figure worked out from nothing."""
    many = MANY_MARKS + 50
    with db.transaction() as s:
        for n in range(many):
            number = f"M{n:05d}"
            customer(s, number, 15)
            transaction(s, number, "invoice", f"MA-{n}", "2026-09-02", "100.00", "8.00")
            transaction(s, number, "payment", f"MP-{n}", "2026-09-20", f"{n % 97}.25")
            transaction(s, number, "invoice", f"MB-{n}", "2026-10-02", "40.10")
        generate(s, "2026-09-15")
        generate(s, "2026-10-15", override=True)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StaleCustomer)) == 0
        assert s.scalar(select(func.count()).select_from(KeptFigures)) == 2 * many
    assert_never_stale(db)


def test_a_run_keeps_its_own_customers_and_leaves_the_others_marked(db: Database) -> None:
    """A run keeps only its batch's customers: whoever else is marked stays marked for the
    next reader, and every figure is still the one worked out from nothing."""
    _history(db)
    with db.transaction() as s:
        keep_figures(s)
        transaction(s, "C002", "invoice", "X-1", "2026-11-02", "60.00", "4.80")
        transaction(s, "C001", "payment", "P-9", "2026-11-05", "25.00")
        generate(s, "2026-11-30")  # cutoff day 30: C002 alone
    assert marked_customers(db) == ["C001"]
    assert_never_stale(db)
