"""Reads never wait behind a writer (DESIGN.md §5), and a session for reading cannot write."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select, update

from app import billing
from app.models import InvoiceBatch, Setting
from app.store import Database
from app.store.engine import SQLITE_BUSY_TIMEOUT_MS
from app.store.reading import WriteWhileReading
from tests.store.write_lock_holder import another_process_writing


def _three_batches(db: Database) -> None:
    with db.transaction() as session:
        for day, text in ((1, "First"), (8, "Second"), (15, "Third")):
            billing.create_manual_batch(session, dt.date(2026, 11, day), text)


def test_listing_batches_does_not_wait_for_another_process_writing(db: Database) -> None:
    _three_batches(db)
    with another_process_writing(db):
        started = time.perf_counter()
        with db.read() as session:
            batches = billing.list_batches(session)
        elapsed = time.perf_counter() - started
    # A bound on correctness, not a benchmark: waiting for the writer takes its busy timeout.
    assert elapsed < SQLITE_BUSY_TIMEOUT_MS / 1000
    assert [(b.number, b.description) for b in batches] == [
        (3, "Third"),
        (2, "Second"),
        (1, "First"),
    ]  # what was committed, not the other process's open change


def test_a_reading_session_refuses_to_save(db: Database) -> None:
    with db.read() as session:
        session.add(Setting(key="company_name", value="Written by a reader"))
        with pytest.raises(WriteWhileReading, match=r"use Database\.transaction\(\)"):
            session.flush()
    with db.read() as session, pytest.raises(WriteWhileReading, match="cannot change rows"):
        session.execute(update(InvoiceBatch).values(description="Written by a reader"))
    with db.read() as session:
        stored = select(Setting.value).where(Setting.key == "company_name")
        assert session.scalars(stored).all() == []


def test_a_transaction_after_a_read_writes_as_before(db: Database) -> None:
    """The reader's connection goes back to the pool; the next writer on it must still write."""
    for _ in range(3):
        with db.read() as session:
            billing.load_settings(session)
        with db.transaction() as session:
            billing.set_setting(session, "company_name", "Harbor Supply Co.")
    with db.read() as session:
        assert billing.load_settings(session).company_name == "Harbor Supply Co."
