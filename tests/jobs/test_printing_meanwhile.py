"""While a batch prints, other clerks go on working: nothing is locked while the printer takes
the report, and a print is recorded only if the batch is still as it was rendered."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import create_engine, text

from app import billing
from app.billing import ChangedWhilePrinting
from app.jobs.printing import print_report
from app.store import Database, sqlite_path
from tests.factories import transaction
from tests.reports.printing import print_batch
from tests.reports.scenario import move_payment, two_batches


def _lock_it_elsewhere(db: Database, number: int) -> None:
    """Take, from another connection and without waiting, what recording a print takes."""
    path = sqlite_path(db.url)
    if path is not None:
        writer = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            writer.execute("PRAGMA busy_timeout = 0")
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("ROLLBACK")
        finally:
            writer.close()
        return
    engine = create_engine(db.url)
    try:
        with engine.connect() as other:
            locked = other.execute(
                text("SELECT number FROM invoice_batches WHERE number = :n FOR UPDATE NOWAIT"),
                {"n": number},
            )
            assert locked.scalar_one() == number
            other.rollback()
    finally:
        engine.dispose()


@pytest.mark.parametrize("reprint", [False, True], ids=["first print", "reprint"])
def test_nothing_is_locked_while_the_report_is_delivered(db: Database, reprint: bool) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    if reprint:
        print_batch(db, number)
    delivered: list[bytes] = []

    def deliver(pdf: bytes) -> None:
        _lock_it_elsewhere(db, number)  # raises "locked" (or waits) if the job held a lock
        delivered.append(pdf)

    printed = print_report(db, number, deliver)
    assert printed.reprint is reprint
    assert delivered == [printed.pdf]
    with db.read() as session:
        assert billing.batch_row(session, number).print_count == (2 if reprint else 1)


def test_a_batch_changed_while_printing_is_not_recorded(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)

    def add_an_invoice_meanwhile(_pdf: bytes) -> None:
        with db.transaction() as session:
            transaction(session, "C002", "invoice", "INV-1004", "2026-11-05", "75.00")
            billing.add_transactions(session, number, ["INV-1004"])

    with pytest.raises(ChangedWhilePrinting) as refused:
        print_report(db, number, add_an_invoice_meanwhile)
    assert str(refused.value) == (
        "Invoice batch 2 changed while it was printing; nothing was recorded. Print it again."
    )
    with db.read() as session:
        after = billing.batch_row(session, number)
        assert (after.printed_at, after.print_count) == (None, 0)
        with pytest.raises(billing.NotFound, match="has not been printed yet"):
            billing.original_print(session, number)
        statement = billing.statement_of(session, number)
    numbers = [t.number for c in statement.customers for t in c.transactions]
    assert "INV-1004" in numbers  # the other clerk's change stands
    again = print_batch(db, number)
    assert not again.report.reprint
    with db.read() as session:
        assert billing.original_print(session, number) == again.delivered


def test_a_batch_printed_by_someone_else_meanwhile_is_recorded_once(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    theirs: list[bytes] = []

    def someone_else_prints_it(_pdf: bytes) -> None:
        theirs.append(print_batch(db, number).delivered)

    with pytest.raises(ChangedWhilePrinting) as refused:
        print_report(db, number, someone_else_prints_it)
    assert str(refused.value) == (
        "Invoice batch 2 was printed by someone else while this print was being made; "
        "nothing was recorded. Print it again."
    )
    with db.read() as session:
        assert billing.batch_row(session, number).print_count == 1
        assert billing.original_print(session, number) == theirs[0]


def test_a_reprint_records_though_the_batch_changed_meanwhile(db: Database) -> None:
    """A reprint recalculates from the data as it is; only a first print locks what it shows."""
    with db.transaction() as session:
        number = two_batches(session)
    first = print_batch(db, number)

    def move_a_payment_meanwhile(_pdf: bytes) -> None:
        with db.transaction() as session:
            move_payment(session, "CHK-1", dt.date(2026, 11, 20))

    reprint = print_report(db, number, move_a_payment_meanwhile)
    assert reprint.reprint
    with db.read() as session:
        assert billing.batch_row(session, number).print_count == 2
        assert billing.original_print(session, number) == first.delivered
