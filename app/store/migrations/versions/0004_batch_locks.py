"""the database itself keeps a printed batch as it was mailed (R7)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Triggers refuse, whatever the code path (ORM flush, bulk UPDATE, raw SQL):
- on invoice_batches: deleting a locked batch, and any change to it but its description and a
  higher print count; printed_at, once set, is one of the columns that stay;
- on ar_transactions: changing or deleting a row in a locked batch, and putting a row into one;
- on original_prints: any change or deletion (the first print is kept as mailed).

Each refusal says "R7: invoice batch N is printed: <what>" (SQLite's RAISE takes a fixed text
before 3.47, so there it names no number); app.billing.printed_lock turns it into BatchPrinted.
A later revision that rebuilds one of these tables on SQLite must drop its triggers first and
create them again afterwards.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# What counts as locked, said once for both engines; `{row}` is a row of invoice_batches.
# R12 widens it to approved, sent or exported.
LOCKED = "{row}.printed_at IS NOT NULL"

# The columns of a locked batch that never change; its description may, and its print count
# may rise with each reprint.
KEPT_COLUMNS = ("id", "number", "close_date", "kind", "created_at", "printed_at")

# What each refusal says after "R7: invoice batch N is printed: ".
BATCH_KEPT = "it cannot be changed or deleted"
TRANSACTIONS_KEPT = "its transactions cannot be changed, added or removed"
ORIGINAL_KEPT = "its first print is kept as mailed"

PG_STATE = "integrity_constraint_violation"


def _batch_changed(distinct: str) -> str:
    kept = " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in KEPT_COLUMNS)
    return f"({kept} OR NEW.print_count < OLD.print_count)"


def _locked_batch(batch_id: str) -> str:
    """True when the batch with id `batch_id` is locked (SQLite)."""
    locked = LOCKED.format(row="b")
    return f"EXISTS (SELECT 1 FROM invoice_batches b WHERE b.id = {batch_id} AND {locked})"


# SQLite: INSERT OR REPLACE and UPDATE OR REPLACE delete the row they collide with without
# firing its DELETE trigger, so a write that would replace a kept row is refused as well.


def _replaces_batch(other_than: str) -> str:
    locked = LOCKED.format(row="b")
    return (
        "EXISTS (SELECT 1 FROM invoice_batches b WHERE (b.id = NEW.id OR b.number = NEW.number)"
        f" AND b.id IS NOT {other_than} AND {locked})"
    )


def _replaces_transaction(other_than: str) -> str:
    kept = _locked_batch("t.batch_id")
    same_document = "t.number = NEW.number AND t.type <> 'payment' AND NEW.type <> 'payment'"
    return (
        f"EXISTS (SELECT 1 FROM ar_transactions t WHERE t.id = NEW.id AND {kept})"
        f" OR EXISTS (SELECT 1 FROM ar_transactions t WHERE {same_document}"
        f" AND t.id IS NOT {other_than} AND {kept})"
    )


def _sqlite_refusal(name: str, moment: str, table: str, when: str, what: str) -> str:
    return (
        f"CREATE TRIGGER {name} {moment} ON {table} FOR EACH ROW WHEN {when} "
        f"BEGIN SELECT RAISE(ABORT, 'R7: invoice batch is printed: {what}'); END"
    )


SQLITE_TRIGGERS = {
    "r7_batch_delete": ("BEFORE DELETE", "invoice_batches", LOCKED.format(row="OLD"), BATCH_KEPT),
    "r7_batch_update": (
        "BEFORE UPDATE",
        "invoice_batches",
        f"({LOCKED.format(row='OLD')} AND {_batch_changed('IS NOT')})"
        f" OR {_replaces_batch('OLD.id')}",
        BATCH_KEPT,
    ),
    "r7_batch_insert": ("BEFORE INSERT", "invoice_batches", _replaces_batch("NULL"), BATCH_KEPT),
    "r7_transaction_delete": (
        "BEFORE DELETE",
        "ar_transactions",
        _locked_batch("OLD.batch_id"),
        TRANSACTIONS_KEPT,
    ),
    "r7_transaction_update": (
        "BEFORE UPDATE",
        "ar_transactions",
        f"{_locked_batch('OLD.batch_id')} OR {_locked_batch('NEW.batch_id')}"
        f" OR {_replaces_transaction('OLD.id')}",
        TRANSACTIONS_KEPT,
    ),
    "r7_transaction_insert": (
        "BEFORE INSERT",
        "ar_transactions",
        f"{_locked_batch('NEW.batch_id')} OR {_replaces_transaction('NULL')}",
        TRANSACTIONS_KEPT,
    ),
    "r7_original_delete": ("BEFORE DELETE", "original_prints", "1", ORIGINAL_KEPT),
    "r7_original_update": ("BEFORE UPDATE", "original_prints", "1", ORIGINAL_KEPT),
    "r7_original_insert": (
        "BEFORE INSERT",
        "original_prints",
        "EXISTS (SELECT 1 FROM original_prints o WHERE o.batch_id = NEW.batch_id)",
        ORIGINAL_KEPT,
    ),
}


def _pg_refusal(number: str, what: str) -> str:
    return (
        f"RAISE EXCEPTION 'R7: invoice batch % is printed: {what}', {number} "
        f"USING ERRCODE = '{PG_STATE}';"
    )


def _pg_locked_number(batch_id: str) -> str:
    """Into `locked_number`: the number of the batch with id `batch_id` when it is locked.

    FOR SHARE makes a concurrent first print wait for this transaction, or this check see it.
    """
    locked = LOCKED.format(row="b")
    return (
        f"SELECT b.number INTO locked_number FROM invoice_batches b "
        f"WHERE b.id = {batch_id} AND {locked} FOR SHARE;"
    )


PG_FUNCTIONS = {
    "r7_keep_batch": f"""
BEGIN
    IF {LOCKED.format(row="OLD")}
       AND (TG_OP = 'DELETE' OR {_batch_changed("IS DISTINCT FROM")}) THEN
        {_pg_refusal("OLD.number", BATCH_KEPT)}
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END""",
    "r7_keep_transactions": f"""
DECLARE
    locked_number integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        {_pg_locked_number("OLD.batch_id")}
        IF FOUND THEN
            {_pg_refusal("locked_number", TRANSACTIONS_KEPT)}
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    {_pg_locked_number("NEW.batch_id")}
    IF FOUND THEN
        {_pg_refusal("locked_number", TRANSACTIONS_KEPT)}
    END IF;
    RETURN NEW;
END""",
    "r7_keep_original": f"""
BEGIN
    {_pg_refusal("(SELECT number FROM invoice_batches WHERE id = OLD.batch_id)", ORIGINAL_KEPT)}
END""",
}

PG_TRIGGERS = {
    "r7_keep_batch": ("BEFORE UPDATE OR DELETE", "invoice_batches"),
    "r7_keep_transactions": ("BEFORE INSERT OR UPDATE OR DELETE", "ar_transactions"),
    "r7_keep_original": ("BEFORE UPDATE OR DELETE", "original_prints"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, (moment, table, when, what) in SQLITE_TRIGGERS.items():
            op.execute(_sqlite_refusal(name, moment, table, when, what))
        return
    for name, body in PG_FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$")
        moment, table = PG_TRIGGERS[name]
        op.execute(
            f"CREATE TRIGGER {name} {moment} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        return
    for name, (_moment, table) in PG_TRIGGERS.items():
        op.execute(f"DROP TRIGGER {name} ON {table}")
        op.execute(f"DROP FUNCTION {name}()")
