"""invoicing work (R15): service types, work entries, invoice lines; customer terms and tax

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

- customers gain a tax rate and terms (empty = the company's), a statement delivery channel
  and free tags; the columns are added in place, so the R7 triggers of 0004 stay as they are;
- service_types, work_entries (claimed by an invoice through `invoice_id`) and invoice_lines;
- counters for the numbers the application gives invoices and memos;
- R7 reaches the new tables: the database refuses any change to a line of a transaction in a
  locked batch, and to the invoice of a work entry billed by one (so printed work can never be
  returned to unbilled and billed twice). "Locked" is the predicate of 0004, said again here
  because a revision never imports another: a batch with `printed_at` set.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COUNTERS = ("invoice_number", "credit_memo_number", "debit_memo_number")
LINES_KEPT = "its transactions cannot be changed, added or removed"
WORK_KEPT = "the work it billed stays invoiced"
PG_STATE = "integrity_constraint_violation"

CUSTOMER_COLUMNS = (
    "tax_rate BIGINT CONSTRAINT ck_customers_tax_rate"
    " CHECK (tax_rate IS NULL OR (tax_rate BETWEEN 0 AND 1000000))",
    "terms_days INTEGER CONSTRAINT ck_customers_terms"
    " CHECK (terms_days IS NULL OR (terms_days BETWEEN 0 AND 3650))",
    "delivery VARCHAR(5) DEFAULT 'print' NOT NULL CONSTRAINT ck_customers_delivery"
    " CHECK (delivery IN ('print', 'email', 'both'))",
    "tags TEXT DEFAULT '' NOT NULL",
)


def _locked(transaction_id: str) -> str:
    """True when the transaction with id `transaction_id` is in a locked batch (SQLite)."""
    return (
        "EXISTS (SELECT 1 FROM ar_transactions t JOIN invoice_batches b ON b.id = t.batch_id"
        f" WHERE t.id = {transaction_id} AND b.printed_at IS NOT NULL)"
    )


def _replaces_line(other_than: str) -> str:
    """SQLite's OR REPLACE deletes a colliding row without its DELETE trigger."""
    return (
        "EXISTS (SELECT 1 FROM invoice_lines l WHERE (l.id = NEW.id"
        " OR l.work_entry_id = NEW.work_entry_id)"
        f" AND l.id IS NOT {other_than} AND {_locked('l.transaction_id')})"
    )


def _replaces_entry(other_than: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM work_entries w WHERE w.id = NEW.id"
        f" AND w.id IS NOT {other_than} AND {_locked('w.invoice_id')})"
    )


SQLITE_TRIGGERS = {
    "r7_line_delete": ("BEFORE DELETE", "invoice_lines", _locked("OLD.transaction_id"), LINES_KEPT),
    "r7_line_update": (
        "BEFORE UPDATE",
        "invoice_lines",
        f"{_locked('OLD.transaction_id')} OR {_locked('NEW.transaction_id')}"
        f" OR {_replaces_line('OLD.id')}",
        LINES_KEPT,
    ),
    "r7_line_insert": (
        "BEFORE INSERT",
        "invoice_lines",
        f"{_locked('NEW.transaction_id')} OR {_replaces_line('NULL')}",
        LINES_KEPT,
    ),
    "r7_work_delete": ("BEFORE DELETE", "work_entries", _locked("OLD.invoice_id"), WORK_KEPT),
    "r7_work_update": (
        "BEFORE UPDATE",
        "work_entries",
        f"(OLD.invoice_id IS NOT NEW.invoice_id AND ({_locked('OLD.invoice_id')}"
        f" OR {_locked('NEW.invoice_id')})) OR {_replaces_entry('OLD.id')}",
        WORK_KEPT,
    ),
    "r7_work_insert": (
        "BEFORE INSERT",
        "work_entries",
        f"{_locked('NEW.invoice_id')} OR {_replaces_entry('NULL')}",
        WORK_KEPT,
    ),
}


def _pg_check(transaction_id: str, what: str) -> str:
    """Refuse when the transaction is in a locked batch; FOR SHARE makes a concurrent first
    print wait for this transaction, or this check see it."""
    return f"""
    SELECT b.number INTO locked_number FROM ar_transactions t
        JOIN invoice_batches b ON b.id = t.batch_id
        WHERE t.id = {transaction_id} AND b.printed_at IS NOT NULL FOR SHARE OF b;
    IF FOUND THEN
        RAISE EXCEPTION 'R7: invoice batch % is printed: {what}', locked_number
            USING ERRCODE = '{PG_STATE}';
    END IF;"""


PG_FUNCTIONS = {
    "r7_keep_lines": (
        "invoice_lines",
        f"""
DECLARE
    locked_number integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN {_pg_check("OLD.transaction_id", LINES_KEPT)}
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    {_pg_check("NEW.transaction_id", LINES_KEPT)}
    RETURN NEW;
END""",
    ),
    "r7_keep_billed_work": (
        "work_entries",
        f"""
DECLARE
    locked_number integer;
BEGIN
    IF TG_OP = 'DELETE' THEN {_pg_check("OLD.invoice_id", WORK_KEPT)}
        RETURN OLD;
    END IF;
    IF TG_OP = 'INSERT' OR OLD.invoice_id IS DISTINCT FROM NEW.invoice_id THEN
        IF TG_OP = 'UPDATE' THEN {_pg_check("OLD.invoice_id", WORK_KEPT)}
        END IF;
        {_pg_check("NEW.invoice_id", WORK_KEPT)}
    END IF;
    RETURN NEW;
END""",
    ),
}


def _create_tables() -> None:
    op.create_table(
        "service_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("taxable", sa.Boolean(), nullable=False),
        sa.CheckConstraint("length(code) > 0", name=op.f("ck_service_types_code_not_empty")),
        sa.CheckConstraint("rate >= 0", name=op.f("ck_service_types_rate_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_types")),
        sa.UniqueConstraint("code", name=op.f("uq_service_types_code")),
    )
    op.create_table(
        "work_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("work_date", sa.Date(), nullable=False),
        sa.Column("service_type_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("worker", sa.String(length=80), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_work_entries_quantity_positive")),
        sa.CheckConstraint("rate >= 0", name=op.f("ck_work_entries_rate_not_negative")),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_work_entries_amount_not_negative")),
        sa.CheckConstraint(
            "billable OR invoice_id IS NULL",
            name=op.f("ck_work_entries_non_billable_never_invoiced"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_work_entries_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["service_type_id"],
            ["service_types.id"],
            name=op.f("fk_work_entries_service_type_id_service_types"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["ar_transactions.id"],
            name=op.f("fk_work_entries_invoice_id_ar_transactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_entries")),
    )
    for column in ("customer_id", "work_date", "service_type_id", "worker", "invoice_id"):
        op.create_index(op.f(f"ix_work_entries_{column}"), "work_entries", [column])
    op.create_index(
        "ix_work_entries_unbilled",
        "work_entries",
        ["customer_id", "work_date"],
        sqlite_where=sa.text("invoice_id IS NULL AND billable"),
        postgresql_where=sa.text("invoice_id IS NULL AND billable"),
    )
    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=True),
        sa.Column("service_type_id", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("taxable", sa.Boolean(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("work_entry_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_invoice_lines_quantity_positive")),
        sa.CheckConstraint("rate >= 0", name=op.f("ck_invoice_lines_rate_not_negative")),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_invoice_lines_amount_not_negative")),
        sa.CheckConstraint("tax >= 0", name=op.f("ck_invoice_lines_tax_not_negative")),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ar_transactions.id"],
            name=op.f("fk_invoice_lines_transaction_id_ar_transactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_type_id"],
            ["service_types.id"],
            name=op.f("fk_invoice_lines_service_type_id_service_types"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["work_entry_id"],
            ["work_entries.id"],
            name=op.f("fk_invoice_lines_work_entry_id_work_entries"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
        sa.UniqueConstraint("work_entry_id", name=op.f("uq_invoice_lines_work_entry_id")),
    )
    for column in ("transaction_id", "service_type_id"):
        op.create_index(op.f(f"ix_invoice_lines_{column}"), "invoice_lines", [column])


def create_triggers() -> None:
    """The R7 triggers of this revision; 0008 replaces them, and restores them on downgrade."""
    if op.get_bind().dialect.name == "sqlite":
        for name, (moment, table, when, what) in SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {moment} ON {table} FOR EACH ROW WHEN {when} "
                f"BEGIN SELECT RAISE(ABORT, 'R7: invoice batch is printed: {what}'); END"
            )
        return
    for name, (table, body) in PG_FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$")
        op.execute(
            f"CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()"
        )


def drop_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        return
    for name, (table, _body) in PG_FUNCTIONS.items():
        op.execute(f"DROP TRIGGER {name} ON {table}")
        op.execute(f"DROP FUNCTION {name}()")


def upgrade() -> None:
    for column in CUSTOMER_COLUMNS:
        op.execute(f"ALTER TABLE customers ADD COLUMN {column}")
    _create_tables()
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
    op.bulk_insert(counters, [{"name": name, "value": 0} for name in COUNTERS])
    create_triggers()


def downgrade() -> None:
    drop_triggers()
    op.execute(f"DELETE FROM counters WHERE name IN {COUNTERS!r}")
    op.drop_table("invoice_lines")
    op.drop_table("work_entries")
    op.drop_table("service_types")
    # Each CHECK was added with its own column, so SQLite drops it with the column in place.
    for column in ("tags", "delivery", "terms_days", "tax_rate"):
        op.execute(f"ALTER TABLE customers DROP COLUMN {column}")
