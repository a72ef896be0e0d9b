"""SQLite as STYLE.md tunes it: WAL, foreign keys, busy timeout, and BEGIN IMMEDIATE."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app import billing
from app.models import Setting
from app.store import SQLITE_BUSY_TIMEOUT_MS, Database, sqlite_path


def test_pragmas_are_set_on_every_connection(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar_one()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
        "synchronous": 1,  # NORMAL
    }


def _path(db: Database) -> Path:
    path = sqlite_path(db.url)
    assert path is not None
    return path


def test_every_transaction_takes_the_write_lock_at_begin(sqlite_db: Database) -> None:
    """Even a transaction that has only read so far holds the lock: no late 'locked' on write."""
    other = sqlite3.connect(_path(sqlite_db), timeout=0, isolation_level=None)
    try:
        with sqlite_db.transaction() as session:
            session.execute(select(Setting.key)).all()
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_two_writers_that_read_first_both_succeed(sqlite_db: Database) -> None:
    """With deferred transactions the second writer would fail at once with 'locked'."""
    errors: list[BaseException] = []

    def clerk(key: str) -> None:
        try:
            with sqlite_db.transaction() as session:
                billing.load_settings(session)
                time.sleep(0.2)
                billing.set_setting(session, key, f"set by {key}")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=clerk, args=(k,)) for k in ("phone", "email")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite_db.transaction() as session:
        settings = billing.load_settings(session)
    assert (settings.phone, settings.email) == ("set by phone", "set by email")


def test_foreign_keys_are_enforced(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        with pytest.raises(Exception, match="FOREIGN KEY constraint failed"):
            connection.execute(
                text(
                    "INSERT INTO ar_transactions (customer_id, type, number, invoice_date, "
                    "due_date, amount, tax, description) "
                    "VALUES (42, 'invoice', 'X', '2027-01-01', '2027-01-01', 1, 0, '')"
                )
            )
        connection.rollback()
