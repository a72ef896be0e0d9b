"""Migration 0009: the database itself marks a customer's kept figures stale, from the earliest
close date a change can move, whatever writes the change (here: raw SQL on the connection)."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import Connection, inspect, text

from app.store import Database, schema
from tests.billing.helpers import generate
from tests.factories import customer, transaction


def _history(db: Database) -> None:
    """C1 in the October and November batches with a payment between; C2 in October only."""
    with db.transaction() as s:
        customer(s, "C1")
        customer(s, "C2")
        transaction(s, "C1", "invoice", "INV-1", "2026-10-01", "100.00")
        transaction(s, "C2", "invoice", "INV-2", "2026-10-02", "50.00")
        generate(s, "2026-10-15")
        transaction(s, "C1", "payment", "P-1", "2026-10-20", "30.00")
        transaction(s, "C1", "invoice", "INV-3", "2026-11-01", "40.00")
        generate(s, "2026-11-15")


def _marks_after(db: Database, *statements: str) -> dict[str, dt.date]:
    """The marks the statements leave, starting from none, by customer number."""
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM stale_customers"))
        for statement in statements:
            connection.execute(text(statement))
        return _marks(connection)


def _marks(connection: Connection) -> dict[str, dt.date]:
    rows = connection.execute(
        text(
            "SELECT c.number, s.since FROM stale_customers s"
            " JOIN customers c ON c.id = s.customer_id"
        )
    )
    return {number: _date(since) for number, since in rows}


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


C1 = "(SELECT id FROM customers WHERE number = 'C1')"
OCTOBER = "(SELECT id FROM invoice_batches WHERE close_date = '2026-10-15')"


def test_a_changed_transaction_marks_its_customer_from_its_batch_or_paid_date(
    db: Database,
) -> None:
    _history(db)
    assert _marks_after(db, "UPDATE ar_transactions SET amount = 9900 WHERE number = 'INV-3'") == {
        "C1": dt.date(2026, 11, 15)
    }
    # A paid date moved back marks from the earlier of the two dates.
    moved = "UPDATE ar_transactions SET due_date = '2026-10-05' WHERE number = 'P-1'"
    assert _marks_after(db, moved) == {"C1": dt.date(2026, 10, 5)}
    deleted = "DELETE FROM ar_transactions WHERE number = 'INV-2'"
    assert _marks_after(db, deleted) == {"C2": dt.date(2026, 10, 15)}
    # An unbatched invoice moves no figure; a new payment marks from its paid date.
    added = (
        "INSERT INTO ar_transactions (customer_id, type, number, invoice_date, due_date, amount,"
        " tax, description, category, method) VALUES ({C1}, '{kind}', '{number}', '2026-12-01',"
        " '2026-12-01', 100, 0, '', 'other', 'check')"
    )
    assert _marks_after(db, added.format(C1=C1, kind="invoice", number="INV-9")) == {}
    assert _marks_after(db, added.format(C1=C1, kind="payment", number="P-9")) == {
        "C1": dt.date(2026, 12, 1)
    }


def test_a_later_change_never_narrows_a_mark(db: Database) -> None:
    _history(db)
    assert _marks_after(
        db,
        "UPDATE ar_transactions SET amount = 1 WHERE number = 'INV-1'",
        "UPDATE ar_transactions SET amount = 2 WHERE number = 'INV-3'",
    ) == {"C1": dt.date(2026, 10, 15)}


def test_a_moved_or_deleted_batch_marks_its_customers(db: Database) -> None:
    _history(db)
    moved = f"UPDATE invoice_batches SET close_date = '2026-10-10' WHERE id = {OCTOBER}"
    assert _marks_after(db, moved) == {"C1": dt.date(2026, 10, 10), "C2": dt.date(2026, 10, 10)}
    notes = f"UPDATE invoice_batches SET notes = 'checked' WHERE id = {OCTOBER}"
    assert _marks_after(db, notes) == {}
    deleted = "DELETE FROM invoice_batches WHERE close_date = '2026-11-15'"
    assert _marks_after(db, deleted) == {"C1": dt.date(2026, 11, 15)}


def test_the_revision_goes_down_and_up_again(db: Database) -> None:
    _history(db)
    config = schema.alembic_config()
    with db.engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
        names = set(inspect(connection).get_table_names())
        assert {"kept_figures", "stale_customers"}.isdisjoint(names)
        command.upgrade(config, "head")
        # Every customer with transactions starts stale: nothing kept is trusted yet.
        assert set(_marks(connection)) == {"C1", "C2"}
        connection.commit()
