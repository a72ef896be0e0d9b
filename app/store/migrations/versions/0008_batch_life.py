"""a batch's life (R12): approval, notes, deliveries, exports; locked = approved, printed, sent
or exported (R7 tightened)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

- invoice_batches gain `locked_at` (set by the first approval, print, delivery or export;
  cleared only by unapproving a batch that was never printed, sent or exported), who approved
  it and when, and notes;
- deliveries (R13: one row per attempt, with the exact PDF bytes) and batch_exports (R18), which
  the database keeps: a delivery changes only from `unknown` to its outcome, an export never;
- ar_transactions gain `fee_for_id`: the payment a card fee memo was made for (R14), kept by
  billing;
- every R7 trigger of 0004, 0006 and 0007 is made again on one definition of "locked",
  `LOCKED` below: inlined in each SQLite trigger, and the function `r7_locked_number()` on
  PostgreSQL. Refusals now say "R7: invoice batch N is locked: <what>".
"""

from __future__ import annotations

from types import ModuleType

import sqlalchemy as sa
from alembic import context, op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

PG_STATE = "integrity_constraint_violation"
LOCKED = "locked_at IS NOT NULL"  # said once: a row of invoice_batches is locked

BATCH_KEPT = "it cannot be changed or deleted"
TRANSACTIONS_KEPT = "its transactions cannot be changed, added or removed"
WORK_KEPT = "the work it billed stays invoiced"
PERIODS_KEPT = "the contract periods it billed or credited stay so"
DELIVERY_KEPT = "a delivery is kept as it went out"
EXPORT_KEPT = "an export is kept as it was made"
ORIGINAL_KEPT = "its first print is kept as mailed"
# A locked batch keeps these; its description, notes and print count (upwards) may change, its
# print time may be set once, and it is unlocked only by unapproving it before any print,
# delivery or export.
FIXED = ("id", "number", "close_date", "kind", "created_at")


def _revision(number: str) -> ModuleType:
    module: ModuleType = context.script.get_revision(number).module
    return module


def _previous_triggers(create: bool) -> None:
    """The R7 triggers of 0004, 0006 and 0007, made again (downgrade) or dropped (upgrade)."""
    if create:
        _revision("0004").upgrade()
        _revision("0006").create_triggers()
        _revision("0007").create_triggers()
    else:
        _revision("0007").drop_triggers()
        _revision("0006").drop_triggers()
        _revision("0004").downgrade()


def _tables() -> None:
    op.add_column("invoice_batches", sa.Column("locked_at", sa.DateTime(), nullable=True))
    op.add_column("invoice_batches", sa.Column("approved_at", sa.DateTime(), nullable=True))
    op.add_column("invoice_batches", sa.Column("approved_by", sa.String(length=120), nullable=True))
    op.add_column(
        "invoice_batches",
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
    )
    # No foreign key: SQLite could not drop the column again on downgrade; billing keeps the
    # link, deleting a card fee memo with its payment.
    op.add_column("ar_transactions", sa.Column("fee_for_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_ar_transactions_fee_for_id"), "ar_transactions", ["fee_for_id"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=5), nullable=False),
        sa.Column("addresses", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=7), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("sent_by", sa.String(length=120), nullable=False),
        sa.Column("message_id", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("channel IN ('print', 'email')", name=op.f("ck_deliveries_channel")),
        sa.CheckConstraint(
            "status IN ('sent', 'failed', 'unknown')", name=op.f("ck_deliveries_status")
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["invoice_batches.id"],
            name=op.f("fk_deliveries_batch_id_invoice_batches"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_deliveries_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
    )
    op.create_index(op.f("ix_deliveries_batch_id"), "deliveries", ["batch_id"])
    op.create_index(op.f("ix_deliveries_customer_id"), "deliveries", ["customer_id"])
    op.create_table(
        "batch_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=4), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("exported_by", sa.String(length=120), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "format IN ('iif', 'qbo', 'xero', 'csv')", name=op.f("ck_batch_exports_format")
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["invoice_batches.id"],
            name=op.f("fk_batch_exports_batch_id_invoice_batches"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_exports")),
    )
    op.create_index(op.f("ix_batch_exports_batch_id"), "batch_exports", ["batch_id"])


# SQLite -------------------------------------------------------------------------------------


# No view of the locked batches: with a view in its schema, SQLite 3.40's integrity_check no
# longer reports pages that nothing uses, and the backup and opening checks rely on it.


def _locked(batch_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM invoice_batches b WHERE b.id = {batch_id} AND b.{LOCKED})"


def _locked_via(transaction_id: str) -> str:
    """The transaction with this id is in a locked batch."""
    return (
        "EXISTS (SELECT 1 FROM ar_transactions t JOIN invoice_batches b ON b.id = t.batch_id"
        f" WHERE t.id = {transaction_id} AND b.{LOCKED})"
    )


def _batch_changed(distinct: str) -> str:
    """A change a locked batch refuses; `distinct` is the engine's IS NOT / IS DISTINCT FROM."""
    fixed = " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in FIXED)
    return (
        f"({fixed} OR NEW.print_count < OLD.print_count"
        f" OR (OLD.printed_at IS NOT NULL AND NEW.printed_at {distinct} OLD.printed_at)"
        f" OR (NEW.locked_at IS NOT NULL AND (NEW.locked_at {distinct} OLD.locked_at"
        f" OR NEW.approved_at {distinct} OLD.approved_at"
        f" OR NEW.approved_by {distinct} OLD.approved_by))"
        " OR (NEW.locked_at IS NULL AND (OLD.printed_at IS NOT NULL"
        " OR EXISTS (SELECT 1 FROM deliveries WHERE batch_id = OLD.id)"
        " OR EXISTS (SELECT 1 FROM batch_exports WHERE batch_id = OLD.id))))"
    )


# A printed batch is locked: nothing marks a batch printed and leaves it open.
PRINTED_OPEN = "(NEW.printed_at IS NOT NULL AND NEW.locked_at IS NULL)"


def _replaces_batch(other_than: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM invoice_batches b WHERE (b.id = NEW.id OR b.number = NEW.number)"
        f" AND b.id IS NOT {other_than} AND b.{LOCKED})"
    )


def _replaces_transaction(other_than: str) -> str:
    kept = _locked("t.batch_id")
    same_document = "t.number = NEW.number AND t.type <> 'payment' AND NEW.type <> 'payment'"
    return (
        f"EXISTS (SELECT 1 FROM ar_transactions t WHERE t.id = NEW.id AND {kept})"
        f" OR EXISTS (SELECT 1 FROM ar_transactions t WHERE {same_document}"
        f" AND t.id IS NOT {other_than} AND {kept})"
    )


def _replaces_line(other_than: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM invoice_lines l WHERE (l.id = NEW.id"
        " OR l.work_entry_id = NEW.work_entry_id)"
        f" AND l.id IS NOT {other_than} AND {_locked_via('l.transaction_id')})"
    )


def _replaces_entry(other_than: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM work_entries w WHERE w.id = NEW.id"
        f" AND w.id IS NOT {other_than} AND {_locked_via('w.invoice_id')})"
    )


def _period_kept(row: str) -> str:
    return f"({_locked_via(f'{row}.transaction_id')} OR {_locked_via(f'{row}.credit_id')})"


PERIOD_MOVED = (
    "OLD.transaction_id IS NOT NEW.transaction_id OR OLD.credit_id IS NOT NEW.credit_id"
    " OR OLD.contract_id IS NOT NEW.contract_id OR OLD.period_index IS NOT NEW.period_index"
)
DELIVERY_CHANGED = (
    "OLD.status <> 'unknown' OR NEW.pdf IS NOT OLD.pdf OR NEW.batch_id IS NOT OLD.batch_id"
    " OR NEW.customer_id IS NOT OLD.customer_id OR NEW.channel IS NOT OLD.channel"
    " OR NEW.addresses IS NOT OLD.addresses"
)

SQLITE_TRIGGERS = {
    "r7_batch_delete": ("BEFORE DELETE", "invoice_batches", f"OLD.{LOCKED}", BATCH_KEPT),
    "r7_batch_update": (
        "BEFORE UPDATE",
        "invoice_batches",
        f"(OLD.{LOCKED} AND {_batch_changed('IS NOT')}) OR {PRINTED_OPEN}"
        f" OR {_replaces_batch('OLD.id')}",
        BATCH_KEPT,
    ),
    "r7_batch_insert": (
        "BEFORE INSERT",
        "invoice_batches",
        f"{PRINTED_OPEN} OR {_replaces_batch('NULL')}",
        BATCH_KEPT,
    ),
    "r7_transaction_delete": (
        "BEFORE DELETE",
        "ar_transactions",
        _locked("OLD.batch_id"),
        TRANSACTIONS_KEPT,
    ),
    "r7_transaction_update": (
        "BEFORE UPDATE",
        "ar_transactions",
        f"{_locked('OLD.batch_id')} OR {_locked('NEW.batch_id')}"
        f" OR {_replaces_transaction('OLD.id')}",
        TRANSACTIONS_KEPT,
    ),
    "r7_transaction_insert": (
        "BEFORE INSERT",
        "ar_transactions",
        f"{_locked('NEW.batch_id')} OR {_replaces_transaction('NULL')}",
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
    "r7_line_delete": (
        "BEFORE DELETE",
        "invoice_lines",
        _locked_via("OLD.transaction_id"),
        TRANSACTIONS_KEPT,
    ),
    "r7_line_update": (
        "BEFORE UPDATE",
        "invoice_lines",
        f"{_locked_via('OLD.transaction_id')} OR {_locked_via('NEW.transaction_id')}"
        f" OR {_replaces_line('OLD.id')}",
        TRANSACTIONS_KEPT,
    ),
    "r7_line_insert": (
        "BEFORE INSERT",
        "invoice_lines",
        f"{_locked_via('NEW.transaction_id')} OR {_replaces_line('NULL')}",
        TRANSACTIONS_KEPT,
    ),
    "r7_work_delete": ("BEFORE DELETE", "work_entries", _locked_via("OLD.invoice_id"), WORK_KEPT),
    "r7_work_update": (
        "BEFORE UPDATE",
        "work_entries",
        f"(OLD.invoice_id IS NOT NEW.invoice_id AND ({_locked_via('OLD.invoice_id')}"
        f" OR {_locked_via('NEW.invoice_id')})) OR {_replaces_entry('OLD.id')}",
        WORK_KEPT,
    ),
    "r7_work_insert": (
        "BEFORE INSERT",
        "work_entries",
        f"{_locked_via('NEW.invoice_id')} OR {_replaces_entry('NULL')}",
        WORK_KEPT,
    ),
    "r7_period_delete": ("BEFORE DELETE", "contract_periods", _period_kept("OLD"), PERIODS_KEPT),
    "r7_period_update": (
        "BEFORE UPDATE",
        "contract_periods",
        f"({PERIOD_MOVED}) AND {_period_kept('OLD')}",
        PERIODS_KEPT,
    ),
    "r7_period_insert": (
        "BEFORE INSERT",
        "contract_periods",
        f"EXISTS (SELECT 1 FROM contract_periods p WHERE p.id = NEW.id AND {_period_kept('p')})",
        PERIODS_KEPT,
    ),
    "r7_delivery_delete": ("BEFORE DELETE", "deliveries", "1", DELIVERY_KEPT),
    "r7_delivery_update": ("BEFORE UPDATE", "deliveries", DELIVERY_CHANGED, DELIVERY_KEPT),
    "r7_delivery_insert": (
        "BEFORE INSERT",
        "deliveries",
        "EXISTS (SELECT 1 FROM deliveries d WHERE d.id = NEW.id)",
        DELIVERY_KEPT,
    ),
    "r7_export_delete": ("BEFORE DELETE", "batch_exports", "1", EXPORT_KEPT),
    "r7_export_update": ("BEFORE UPDATE", "batch_exports", "1", EXPORT_KEPT),
    "r7_export_insert": (
        "BEFORE INSERT",
        "batch_exports",
        "EXISTS (SELECT 1 FROM batch_exports e WHERE e.id = NEW.id)",
        EXPORT_KEPT,
    ),
}


def _sqlite_upgrade() -> None:
    for name, (moment, table, when, what) in SQLITE_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} {moment} ON {table} FOR EACH ROW WHEN {when} "
            f"BEGIN SELECT RAISE(ABORT, 'R7: invoice batch is locked: {what}'); END"
        )


# PostgreSQL ---------------------------------------------------------------------------------

# The number of the batch with this id when it is locked, else NULL. FOR SHARE makes a
# concurrent first lock wait for the caller's transaction, or the caller see it.
PG_LOCKED_NUMBER = f"""
CREATE FUNCTION r7_locked_number(batch integer) RETURNS integer LANGUAGE sql AS $$
    SELECT number FROM invoice_batches WHERE id = batch AND {LOCKED} FOR SHARE
$$"""


def _pg_refuse(number: str, what: str) -> str:
    return (
        f"RAISE EXCEPTION 'R7: invoice batch % is locked: {what}', {number} "
        f"USING ERRCODE = '{PG_STATE}';"
    )


def _pg_check(batch_id: str, what: str) -> str:
    return f"""
    locked_number := r7_locked_number({batch_id});
    IF locked_number IS NOT NULL THEN {_pg_refuse("locked_number", what)} END IF;"""


def _pg_batch_of(transaction_id: str) -> str:
    return f"(SELECT batch_id FROM ar_transactions WHERE id = {transaction_id})"


def _function(body: str) -> str:
    return f"""
DECLARE
    locked_number integer;
BEGIN{body}
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END"""


PG_TRIGGERS = {
    "r7_keep_batch": (
        "BEFORE INSERT OR UPDATE OR DELETE",
        "invoice_batches",
        _function(f"""
    IF TG_OP <> 'DELETE' AND {PRINTED_OPEN} THEN {_pg_refuse("NEW.number", BATCH_KEPT)} END IF;
    IF TG_OP <> 'INSERT' AND OLD.{LOCKED}
       AND (TG_OP = 'DELETE' OR {_batch_changed("IS DISTINCT FROM")}) THEN
        {_pg_refuse("OLD.number", BATCH_KEPT)}
    END IF;"""),
    ),
    "r7_keep_transactions": (
        "BEFORE INSERT OR UPDATE OR DELETE",
        "ar_transactions",
        _function(f"""
    IF TG_OP <> 'INSERT' THEN {_pg_check("OLD.batch_id", TRANSACTIONS_KEPT)} END IF;
    IF TG_OP <> 'DELETE' THEN {_pg_check("NEW.batch_id", TRANSACTIONS_KEPT)} END IF;"""),
    ),
    "r7_keep_original": (
        "BEFORE UPDATE OR DELETE",
        "original_prints",
        _function(f"""
    {_pg_refuse("(SELECT number FROM invoice_batches WHERE id = OLD.batch_id)", ORIGINAL_KEPT)}"""),
    ),
    "r7_keep_lines": (
        "BEFORE INSERT OR UPDATE OR DELETE",
        "invoice_lines",
        _function(f"""
    IF TG_OP <> 'INSERT' THEN
        {_pg_check(_pg_batch_of("OLD.transaction_id"), TRANSACTIONS_KEPT)}
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_pg_check(_pg_batch_of("NEW.transaction_id"), TRANSACTIONS_KEPT)}
    END IF;"""),
    ),
    "r7_keep_billed_work": (
        "BEFORE INSERT OR UPDATE OR DELETE",
        "work_entries",
        _function(f"""
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.invoice_id IS DISTINCT FROM NEW.invoice_id)
    THEN {_pg_check(_pg_batch_of("OLD.invoice_id"), WORK_KEPT)}
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.invoice_id IS DISTINCT FROM NEW.invoice_id)
    THEN {_pg_check(_pg_batch_of("NEW.invoice_id"), WORK_KEPT)}
    END IF;"""),
    ),
    "r7_keep_periods": (
        "BEFORE UPDATE OR DELETE",
        "contract_periods",
        _function(f"""
    IF TG_OP = 'DELETE' OR ({PERIOD_MOVED.replace("IS NOT", "IS DISTINCT FROM")}) THEN
        {_pg_check(_pg_batch_of("OLD.transaction_id"), PERIODS_KEPT)}
        {_pg_check(_pg_batch_of("OLD.credit_id"), PERIODS_KEPT)}
    END IF;"""),
    ),
    "r7_keep_deliveries": (
        "BEFORE UPDATE OR DELETE",
        "deliveries",
        _function(f"""
    IF TG_OP = 'DELETE' OR {DELIVERY_CHANGED.replace("IS NOT", "IS DISTINCT FROM")} THEN
        {_pg_refuse("(SELECT number FROM invoice_batches WHERE id = OLD.batch_id)", DELIVERY_KEPT)}
    END IF;"""),
    ),
    "r7_keep_exports": (
        "BEFORE UPDATE OR DELETE",
        "batch_exports",
        _function(f"""
    {_pg_refuse("(SELECT number FROM invoice_batches WHERE id = OLD.batch_id)", EXPORT_KEPT)}"""),
    ),
}


def _pg_upgrade() -> None:
    op.execute(PG_LOCKED_NUMBER)
    for name, (moment, table, body) in PG_TRIGGERS.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$")
        op.execute(
            f"CREATE TRIGGER {name} {moment} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
        )


def upgrade() -> None:
    _previous_triggers(create=False)
    _tables()
    op.execute("UPDATE invoice_batches SET locked_at = printed_at WHERE printed_at IS NOT NULL")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
    else:
        _pg_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    else:
        for name, (_moment, table, _body) in PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER {name} ON {table}")
            op.execute(f"DROP FUNCTION {name}()")
        op.execute("DROP FUNCTION r7_locked_number(integer)")
    op.drop_table("batch_exports")
    op.drop_table("deliveries")
    op.drop_index(op.f("ix_ar_transactions_fee_for_id"), table_name="ar_transactions")
    op.execute("ALTER TABLE ar_transactions DROP COLUMN fee_for_id")
    for column in ("notes", "approved_by", "approved_at", "locked_at"):
        op.execute(f"ALTER TABLE invoice_batches DROP COLUMN {column}")
    _previous_triggers(create=True)
