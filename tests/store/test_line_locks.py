"""R7 for invoice lines in the database itself: no SQL, from outside or through the
application's own connection, changes a line of a transaction in a printed batch.

On SQLite the statements go through Python's sqlite3 module straight to the file; on PostgreSQL
through the real psql client.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, text, update

from app import billing
from app.billing import BatchPrinted, LineDraft
from app.models import InvoiceLine
from app.store import Database, sqlite_path
from tests.billing.helpers import day, mark_printed
from tests.factories import customer, transaction
from tests.store.outside import run_outside

LINES_KEPT = "its transactions cannot be changed, added or removed"
PRINTED_TX = "(SELECT id FROM ar_transactions WHERE number = 'INV-P')"
OPEN_TX = "(SELECT id FROM ar_transactions WHERE number = 'INV-O')"
NEW_LINE = (
    "INSERT INTO invoice_lines (transaction_id, position, description, quantity, rate, amount, "
    "taxable, tax) VALUES ({tx}, 9, 'Slipped in', 100, 100, 100, false, 0)"
)


def _books(db: Database) -> None:
    """INV-P with two lines in printed batch 1; INV-O with one line in open batch 2."""
    lines = [
        LineDraft("Labour", Decimal("2"), Decimal("40.00")),
        LineDraft("Parts", Decimal("0.5"), Decimal("12.75")),
    ]
    with db.transaction() as s:
        customer(s, "A", 15, tax_rate=Decimal("8.25"))
        transaction(s, "A", "invoice", "INV-P", "2027-03-01", lines=lines)
        transaction(s, "A", "invoice", "INV-O", "2027-03-02", lines=lines[:1])
        printed = billing.create_manual_batch(s, day("2027-03-15"), "Mailed").number
        billing.add_transactions(s, printed, ["INV-P"])
        mark_printed(s, printed)
        still_open = billing.create_manual_batch(s, day("2027-03-15"), "Open").number
        billing.add_transactions(s, still_open, ["INV-O"])
    assert (printed, still_open) == (1, 2)


def _lines(db: Database) -> list[Any]:
    sql = (
        "SELECT t.number, l.position, l.description, l.quantity, l.rate, l.amount, l.taxable, "
        "l.tax FROM invoice_lines l JOIN ar_transactions t ON t.id = l.transaction_id "
        "ORDER BY t.number, l.position"
    )
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _refusal(db: Database) -> str:
    batch = "invoice batch is" if sqlite_path(db.url) is not None else "invoice batch 1 is"
    return f"R7: {batch} locked: {LINES_KEPT}"


REFUSED = {
    "change a line's amount": "UPDATE invoice_lines SET amount = 1 "
    f"WHERE transaction_id = {PRINTED_TX}",
    "retype a description": "UPDATE invoice_lines SET description = 'Other' "
    f"WHERE transaction_id = {PRINTED_TX} AND position = 2",
    "delete a line": f"DELETE FROM invoice_lines WHERE transaction_id = {PRINTED_TX}",
    "delete every line": "DELETE FROM invoice_lines",
    "add a line": NEW_LINE.format(tx=PRINTED_TX),
    "move a line out": f"UPDATE invoice_lines SET transaction_id = {OPEN_TX} "
    f"WHERE transaction_id = {PRINTED_TX}",
    "move a line in": f"UPDATE invoice_lines SET transaction_id = {PRINTED_TX} "
    f"WHERE transaction_id = {OPEN_TX}",
}


@pytest.mark.parametrize("change", list(REFUSED))
def test_plain_sql_cannot_change_a_line_of_a_printed_batch(db: Database, change: str) -> None:
    _books(db)
    before = _lines(db)
    assert run_outside(db, REFUSED[change]) == _refusal(db)
    assert _lines(db) == before


def test_sqlite_replace_cannot_overwrite_a_printed_line(sqlite_db: Database) -> None:
    _books(sqlite_db)
    before = _lines(sqlite_db)
    replace = (
        "INSERT OR REPLACE INTO invoice_lines SELECT * FROM invoice_lines "
        f"WHERE transaction_id = {PRINTED_TX}"
    )
    assert run_outside(sqlite_db, replace) == _refusal(sqlite_db)
    assert _lines(sqlite_db) == before


def test_the_applications_own_connection_is_refused_too(db: Database) -> None:
    _books(db)
    before = _lines(db)
    for statement in (
        update(InvoiceLine).values(amount=Decimal("0.01")),
        delete(InvoiceLine),
    ):
        with db.engine.connect() as connection:
            with pytest.raises(BatchPrinted, match="is locked"):
                connection.execute(statement)
            connection.rollback()
    assert _lines(db) == before


def test_lines_of_an_open_batch_stay_free(db: Database) -> None:
    _books(db)
    for sql in (
        "UPDATE invoice_lines SET description = 'Labour, on site' "
        f"WHERE transaction_id = {OPEN_TX}",
        NEW_LINE.format(tx=OPEN_TX),
        f"DELETE FROM invoice_lines WHERE transaction_id = {OPEN_TX} AND position = 9",
    ):
        assert run_outside(db, sql) is None, sql
    assert [row[:3] for row in _lines(db)] == [
        ("INV-O", 1, "Labour, on site"),
        ("INV-P", 1, "Labour"),
        ("INV-P", 2, "Parts"),
    ]
