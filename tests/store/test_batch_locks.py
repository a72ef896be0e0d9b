"""R7 in the database itself: plain SQL from outside the application cannot change what was mailed.

On SQLite the statements go through Python's sqlite3 module straight to the file; on PostgreSQL
through the real psql client. Neither knows anything of the application.
"""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from app import billing
from app.store import Database, alembic_config, sqlite_path
from tests.billing.helpers import day, mark_printed
from tests.factories import customer, transaction
from tests.store.outside import run_outside

BATCH_KEPT = "it cannot be changed or deleted"
TRANSACTIONS_KEPT = "its transactions cannot be changed, added or removed"
ORIGINAL_KEPT = "its first print is kept as mailed"

PRINTED = "(SELECT id FROM invoice_batches WHERE number = 1)"
OPEN = "(SELECT id FROM invoice_batches WHERE number = 2)"
NEW_INVOICE = (
    "INSERT INTO ar_transactions (customer_id, type, number, invoice_date, due_date, amount, "
    "tax, description, batch_id) SELECT customer_id, 'invoice', 'INV-LATE', invoice_date, "
    "due_date, 500, 0, '', {batch} FROM ar_transactions WHERE number = 'INV-A1'"
)


def _books(db: Database) -> None:
    """Batch 1 printed with INV-A1; batch 2 open with INV-A2; INV-B1 in no batch."""
    with db.transaction() as s:
        customer(s, "A", 15)
        customer(s, "B", 15)
        transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "100.00")
        transaction(s, "A", "invoice", "INV-A2", "2027-03-02", "20.00")
        transaction(s, "B", "invoice", "INV-B1", "2027-03-03", "50.00")
        printed = billing.create_manual_batch(s, day("2027-03-15"), "Mailed").number
        billing.add_transactions(s, printed, ["INV-A1"])
        mark_printed(s, printed)
        still_open = billing.create_manual_batch(s, day("2027-03-15"), "Open").number
        billing.add_transactions(s, still_open, ["INV-A2"])
    assert (printed, still_open) == (1, 2)


def _refusal(db: Database, what: str) -> str:
    """What the trigger says: PostgreSQL names the batch, SQLite's fixed RAISE text cannot."""
    batch = "invoice batch is" if sqlite_path(db.url) is not None else "invoice batch 1 is"
    return f"R7: {batch} locked: {what}"


def _everything(db: Database) -> dict[str, list[Any]]:
    queries = {
        "batches": "SELECT number, close_date, description, kind, created_at, printed_at, "
        "print_count FROM invoice_batches ORDER BY number",
        "transactions": "SELECT t.number, t.amount, b.number FROM ar_transactions t "
        "LEFT JOIN invoice_batches b ON b.id = t.batch_id ORDER BY t.number",
        "originals": "SELECT b.number, o.printed_at, o.pdf FROM original_prints o "
        "JOIN invoice_batches b ON b.id = o.batch_id",
    }
    with db.engine.connect() as connection:
        return {name: list(connection.execute(text(sql)).all()) for name, sql in queries.items()}


REFUSED = {
    "renumber the batch": ("UPDATE invoice_batches SET number = 9 WHERE number = 1", BATCH_KEPT),
    "move the close date": (
        "UPDATE invoice_batches SET close_date = '2027-03-31' WHERE number = 1",
        BATCH_KEPT,
    ),
    "unprint": ("UPDATE invoice_batches SET printed_at = NULL WHERE number = 1", BATCH_KEPT),
    "print again at another time": (
        "UPDATE invoice_batches SET printed_at = '2030-01-01 09:00:00' WHERE number = 1",
        BATCH_KEPT,
    ),
    "lower the print count": (
        "UPDATE invoice_batches SET print_count = 0 WHERE number = 1",
        BATCH_KEPT,
    ),
    "delete the batch": ("DELETE FROM invoice_batches WHERE number = 1", BATCH_KEPT),
    "delete every batch": ("DELETE FROM invoice_batches", BATCH_KEPT),
    "edit a transaction": (
        "UPDATE ar_transactions SET amount = 1 WHERE number = 'INV-A1'",
        TRANSACTIONS_KEPT,
    ),
    "release a transaction": (
        "UPDATE ar_transactions SET batch_id = NULL WHERE number = 'INV-A1'",
        TRANSACTIONS_KEPT,
    ),
    "delete a transaction": (
        "DELETE FROM ar_transactions WHERE number = 'INV-A1'",
        TRANSACTIONS_KEPT,
    ),
    "insert a transaction": (NEW_INVOICE.format(batch=PRINTED), TRANSACTIONS_KEPT),
    "move a transaction in": (
        f"UPDATE ar_transactions SET batch_id = {PRINTED} WHERE number = 'INV-B1'",
        TRANSACTIONS_KEPT,
    ),
    "move a batched transaction in": (
        f"UPDATE ar_transactions SET batch_id = {PRINTED} WHERE number = 'INV-A2'",
        TRANSACTIONS_KEPT,
    ),
    "replace the original": ("UPDATE original_prints SET pdf = pdf || pdf", ORIGINAL_KEPT),
    "delete the original": ("DELETE FROM original_prints", ORIGINAL_KEPT),
}


def _refused_and_unchanged(db: Database, sql: str, what: str) -> None:
    _books(db)
    before = _everything(db)
    assert run_outside(db, sql) == _refusal(db, what)
    assert _everything(db) == before


@pytest.mark.parametrize("change", list(REFUSED))
def test_plain_sql_cannot_change_a_printed_batch(db: Database, change: str) -> None:
    _refused_and_unchanged(db, *REFUSED[change])


# SQLite's REPLACE deletes the row it collides with without firing that row's DELETE trigger.
REPLACING = {
    "a batch": (
        "INSERT OR REPLACE INTO invoice_batches (id, number, close_date, description, kind, "
        f"created_at, print_count) SELECT {PRINTED}, 1, '2027-03-15', '', 'manual', "
        "'2027-03-15 10:00:00', 0",
        BATCH_KEPT,
    ),
    "a batch by its number": (
        "UPDATE OR REPLACE invoice_batches SET number = 1 WHERE number = 2",
        BATCH_KEPT,
    ),
    "a transaction": (
        "INSERT OR REPLACE INTO ar_transactions SELECT * FROM ar_transactions "
        "WHERE number = 'INV-A1'",
        TRANSACTIONS_KEPT,
    ),
    "a transaction by its number": (
        "UPDATE OR REPLACE ar_transactions SET number = 'INV-A1' WHERE number = 'INV-B1'",
        TRANSACTIONS_KEPT,
    ),
    "the original": (
        "INSERT OR REPLACE INTO original_prints SELECT batch_id, printed_at, X'00' "
        "FROM original_prints",
        ORIGINAL_KEPT,
    ),
}


@pytest.mark.parametrize("what", list(REPLACING))
def test_sqlite_replace_cannot_overwrite_a_printed_batch(sqlite_db: Database, what: str) -> None:
    _refused_and_unchanged(sqlite_db, *REPLACING[what])


def test_a_printed_batch_keeps_its_description_editable_and_counts_reprints(
    db: Database,
) -> None:
    _books(db)
    sent = "UPDATE invoice_batches SET description = 'Sent' WHERE number = 1"
    assert run_outside(db, sent) is None
    assert (
        run_outside(db, "UPDATE invoice_batches SET print_count = print_count + 1 WHERE number = 1")
        is None
    )
    batches = _everything(db)["batches"]
    assert [(b.number, b.description, b.print_count) for b in batches] == [
        (1, "Sent", 2),
        (2, "Open", 0),
    ]


OPEN_BOOKS = [
    f"UPDATE invoice_batches SET close_date = '2027-03-31', number = 7 WHERE id = {OPEN}",
    "UPDATE ar_transactions SET amount = 2100 WHERE number = 'INV-A2'",
    f"UPDATE ar_transactions SET batch_id = {OPEN} WHERE number = 'INV-B1'",
    NEW_INVOICE.format(batch=OPEN),
    "DELETE FROM ar_transactions WHERE number = 'INV-LATE'",
    "DELETE FROM invoice_batches WHERE number = 7",
]


def test_open_batches_and_unbatched_transactions_stay_free(db: Database) -> None:
    _books(db)
    for sql in OPEN_BOOKS:
        assert run_outside(db, sql) is None, sql
    after = _everything(db)
    assert [b.number for b in after["batches"]] == [1]
    assert [tuple(t) for t in after["transactions"]] == [
        ("INV-A1", 10000, 1),
        ("INV-A2", 2100, None),
        ("INV-B1", 5000, None),
    ]


def _migrate(db: Database, to: str) -> None:
    config = alembic_config()
    with db.engine.connect() as connection:
        config.attributes["connection"] = connection
        if to == "head":
            command.upgrade(config, to)
        else:
            command.downgrade(config, to)
        connection.commit()


def test_downgrading_removes_the_locks_and_upgrading_restores_them(db: Database) -> None:
    _books(db)
    _migrate(db, "0003")
    try:
        edit = "UPDATE ar_transactions SET amount = 1 WHERE number = 'INV-A1'"
        assert run_outside(db, edit) is None
    finally:
        _migrate(db, "head")
    delete = "DELETE FROM original_prints"
    assert run_outside(db, delete) == _refusal(db, ORIGINAL_KEPT)
    assert tuple(_everything(db)["transactions"][0]) == ("INV-A1", 1, 1)  # cents, unlocked
