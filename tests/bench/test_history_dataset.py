"""bench/dataset.py's three years of history (issue 16): its batches are the ones the app's
own generation makes, and a shorter history is the tail of the longer one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine, insert, text

from app import billing
from app.billing import GenerationRequest, NothingToInclude
from app.models import Customer
from app.store import Database, open_database
from bench.dataset import (
    HISTORY_COLUMNS,
    OPEN_CLOSE_DATES,
    History,
    bulk_insert,
    fee_runs,
    history_customers,
    history_rows,
    load_history,
)

CUSTOMERS = 30
LONG = History(CUSTOMERS, dt.date(2026, 6, 20), rows_a_day=8)
# From the 15th of July on: the day after the earliest close date before the first fee run.
SHORT = History(CUSTOMERS, dt.date(2026, 7, 15), rows_a_day=8)
Membership = dict[str, tuple[str, str]]


def _membership(engine: Engine) -> Membership:
    """Each batched document's number: its batch's close date and description."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT t.number, b.close_date, b.description FROM ar_transactions t "
                "JOIN invoice_batches b ON b.id = t.batch_id"
            )
        ).all()
    return {number: (str(close), description) for number, close, description in rows}


def _requests(history: History, day: dt.date) -> list[GenerationRequest]:
    """A day's runs as a clerk makes them: a fee run (override over its range) first, then the
    cutoff run of the day."""
    fees = [
        GenerationRequest(
            day,
            run.description,
            from_customer=f"C{run.first_customer:05d}",
            to_customer=f"C{run.last_customer:05d}",
            override=True,
        )
        for run in fee_runs(history.customers)
        if run.date == day
    ]
    return [*fees, GenerationRequest(day)]


def _generated_day_by_day(db: Database, history: History) -> None:
    """The same history posted day by day, each day's runs made by billing.generate_batch."""
    customers = history_customers(history)
    with db.engine.begin() as connection:
        connection.execute(insert(Customer), customers)
    rows = list(history_rows(history, [c["cutoff_day"] for c in customers]))
    for day in history.days:
        posted = [(c, *row, None) for c, *row, _run in rows if row[2] == day]
        bulk_insert(db.engine, "ar_transactions", HISTORY_COLUMNS, posted)
        for request in _requests(history, day):
            try:
                with db.transaction() as session:
                    billing.generate_batch(session, request)
            except NothingToInclude:
                pass


def test_batches_are_the_ones_generation_makes(db: Database, tmp_path: Path) -> None:
    load_history(db.engine, LONG)
    generated = open_database(f"sqlite:///{tmp_path}/generated.sqlite3", backup_to=None)
    try:
        _generated_day_by_day(generated, LONG)
        assert _membership(db.engine) == _membership(generated.engine)
    finally:
        generated.dispose()


def _fee_batches(engine: Engine) -> Membership:
    fees = {run.description for run in fee_runs(CUSTOMERS)}
    return {n: batch for n, batch in _membership(engine).items() if batch[1] in fees}


def test_the_short_history_holds_the_same_fee_batches(db: Database, tmp_path: Path) -> None:
    load_history(db.engine, LONG)
    short = open_database(f"sqlite:///{tmp_path}/short.sqlite3", backup_to=None)
    try:
        load_history(short.engine, SHORT)
        assert _fee_batches(db.engine) == _fee_batches(short.engine)
        assert len(set(_fee_batches(db.engine).values())) == 2
    finally:
        short.dispose()


def test_only_the_newest_close_dates_are_open(db: Database) -> None:
    load_history(db.engine, LONG)
    with db.engine.connect() as connection:
        batches = connection.execute(
            text(
                "SELECT close_date, locked_at IS NOT NULL, printed_at IS NOT NULL "
                "FROM invoice_batches"
            )
        ).all()
    newest = sorted({str(close) for close, _locked, _printed in batches})[-OPEN_CLOSE_DATES:]
    for close, locked, printed in batches:
        assert (locked, printed) == ((False, False) if str(close) in newest else (True, True))
