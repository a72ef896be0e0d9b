"""A restore checks the backup before it changes anything, says what it will lose, keeps the
batch counter at the higher of the two (R4), and refuses an empty or a foreign file."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from app import billing
from app.models import Customer, InvoiceBatch, Setting
from app.store import (
    Database,
    DatabaseError,
    alembic_config,
    make_engine,
    open_database,
    sqlite_path,
)
from app.store.backups import back_up_now, list_backups
from app.store.database_facts import BatchState
from app.store.restore import RestorePlan, plan_restore, restore_backup
from tests.factories import customer, transaction
from tests.store.test_backups import break_an_index

CLOSED = dt.date(2027, 1, 15)


@dataclass
class Books:
    db: Database
    path: Path
    folder: Path
    backup: Path  # made after batches 1 and 2


def identity(db: Database) -> str:
    with db.transaction() as session:
        row = session.get(Setting, "database_id")
        assert row is not None
        return row.value


def state(db: Database) -> tuple[list[str], list[tuple[int, bool]]]:
    """The customers, and each batch with whether it is printed."""
    with db.transaction() as session:
        customers = list(session.scalars(select(Customer.number).order_by(Customer.number)))
        batches = session.execute(
            select(InvoiceBatch.number, InvoiceBatch.printed_at).order_by(InvoiceBatch.number)
        )
        return customers, [(number, printed is not None) for number, printed in batches]


def print_batch(db: Database, number: int) -> None:
    with db.transaction() as session:
        job = billing.begin_print(session, number)
    with db.transaction() as session:
        billing.record_print(session, job, b"%PDF-1.4 printed")


def new_batch(db: Database) -> int:
    with db.transaction() as session:
        return billing.create_manual_batch(session, CLOSED, "month end").number


@pytest.fixture
def books(sqlite_db: Database, tmp_path: Path) -> Books:
    """Batches 1 and 2, backed up; then batch 3, batch 2 printed, a customer and an invoice."""
    with sqlite_db.transaction() as session:
        billing.set_setting(session, "company_name", "Acme Heating")
        customer(session, "C001")
        customer(session, "C002")
    assert (new_batch(sqlite_db), new_batch(sqlite_db)) == (1, 2)
    path = sqlite_path(sqlite_db.url)
    assert path is not None
    folder = tmp_path / "backups"
    backup = back_up_now(path, folder)
    assert new_batch(sqlite_db) == 3
    print_batch(sqlite_db, 2)
    with sqlite_db.transaction() as session:
        customer(session, "C003")
        transaction(session, "C003", "invoice", "INV-1", "2027-01-10", "100.00")
    return Books(sqlite_db, path, folder, backup)


@pytest.fixture
def other_company(tmp_path: Path) -> Iterator[Database]:
    other = open_database(f"sqlite:///{tmp_path / 'other' / 'other.sqlite3'}", backup_to=None)
    with other.transaction() as session:
        billing.set_setting(session, "company_name", "Other Co")
    yield other
    other.dispose()


def test_the_plan_says_whose_backup_and_what_is_lost(books: Books) -> None:
    assert plan_restore(books.db, books.backup) == RestorePlan(
        backup=books.backup,
        database=books.path,
        company_name="Acme Heating",
        newest_batch=BatchState(2, CLOSED, printed=False),
        judged_by_name=False,
        batches_made_after=(3,),
        batches_printed_after=(2,),
        customers_lost=1,
        transactions_lost=1,
        identity=identity(books.db),
        batch_counter=3,
    )


def test_a_restore_never_hands_a_batch_number_out_twice(books: Books) -> None:
    before = identity(books.db)
    restored, safety = restore_backup(books.db, books.backup, books.folder)
    try:
        assert state(restored) == (["C001", "C002"], [(1, False), (2, False)])
        assert new_batch(restored) == 4  # 3 was handed out after the backup
        assert identity(restored) == before
    finally:
        restored.dispose()
    assert {b.path: b.reason for b in list_backups(books.folder)} == {
        books.backup: "Backed up",
        safety: "Before a restore",
    }


def assert_refused(books: Books, backup: Path, reason: str) -> None:
    before = state(books.db)
    files = sorted(books.folder.iterdir())
    with pytest.raises(DatabaseError) as refused:
        restore_backup(books.db, backup, books.folder)
    assert str(refused.value) == f"{backup} cannot be restored: {reason}. Nothing was changed."
    assert state(books.db) == before
    assert sorted(books.folder.iterdir()) == files  # no safety backup was made


def test_an_empty_backup_is_refused(books: Books) -> None:
    empty = books.folder / "invoice-batches-backup-20270101-101010.sqlite3"
    empty.touch()
    assert_refused(books, empty, "the file is empty")


def test_another_companys_backup_is_refused(books: Books, other_company: Database) -> None:
    other_path = sqlite_path(other_company.url)
    assert other_path is not None
    foreign = back_up_now(other_path, books.folder)
    reason = (
        "it is a backup of another database (company 'Other Co'), not of this one "
        "(company 'Acme Heating')"
    )
    assert_refused(books, foreign, reason)


def made_before_identities(folder: Path, company: str) -> Path:
    """A backup as a version before migration 0003 made it: of `company`, with C001 only."""
    old = folder / "invoice-batches-backup-20260101-101010.sqlite3"
    engine = make_engine(f"sqlite:///{old}")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.commit()
    engine.dispose()
    with closing(sqlite3.connect(old)) as connection:
        connection.execute("INSERT INTO settings VALUES ('company_name', ?)", (company,))
        connection.execute(
            "INSERT INTO customers (number, name, address1, address2, city, region, "
            "postal_code, country, email, phone, notes, active, cutoff_day) "
            "VALUES ('C001', 'Customer C001', '', '', '', '', '', '', '', '', '', 1, 15)"
        )
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.commit()
    return old


def test_a_backup_without_identity_is_judged_by_company_name(books: Books) -> None:
    old = made_before_identities(books.folder, "Acme Heating")
    assert plan_restore(books.db, old).judged_by_name
    before = identity(books.db)
    restored, _safety = restore_backup(books.db, old, books.folder)
    try:
        assert state(restored) == (["C001"], [])
        assert new_batch(restored) == 4
        assert identity(restored) == before  # migration 0003 kept it
    finally:
        restored.dispose()


def test_a_backup_without_identity_of_another_company_is_refused(books: Books) -> None:
    old = made_before_identities(books.folder, "Other Co")
    reason = (
        "it was made before backups carried their database's identity, and its company "
        "'Other Co' is not this database's ('Acme Heating')"
    )
    assert_refused(books, old, reason)


def test_a_backup_from_a_newer_version_is_refused(books: Books) -> None:
    newer = books.folder / "newer.sqlite3"
    shutil.copy(books.backup, newer)
    with closing(sqlite3.connect(newer)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
        connection.commit()
    reason = (
        "it was made by a newer version of Invoice Batches (revision ffff_future); "
        "install the newer version to restore it"
    )
    assert_refused(books, newer, reason)


def test_a_damaged_backup_is_refused(books: Books) -> None:
    damaged = books.folder / "damaged.sqlite3"
    shutil.copy(books.backup, damaged)
    break_an_index(damaged)
    with pytest.raises(DatabaseError) as refused:
        plan_restore(books.db, damaged)
    assert str(refused.value).startswith(f"{damaged} cannot be restored: the file is damaged (")
