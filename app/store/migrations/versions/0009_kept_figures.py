"""kept figures: each (batch, customer)'s statement figures in cents, kept honest by triggers

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

- kept_figures: one row per (batch, customer) with R8's parts, R12's paid window and R17's
  buckets in integer cents, so a list of batches sums kept rows instead of the whole history;
- stale_customers: the customers whose kept rows may be out of date, and from which close
  date on. Triggers write it, so no code path (ORM, bulk UPDATE, raw SQL) can leave a kept
  row looking current after a change:
  - a transaction inserted, changed or deleted marks its customer (before and after the
    change) from its batch's close date, and a payment from its paid date: nothing earlier
    in R8's order can move;
  - a batch whose close date or number changes, or that is deleted, marks its customers from
    its (earliest) close date.
  On SQLite a row trigger per event; on PostgreSQL one statement trigger per event over the
  transition tables, so a claim of a million rows marks its customers once, not a million
  times.
- every customer with transactions is marked from the beginning: the first reader who can
  write fills the kept rows (app/billing/kept_figures.py).

A SQLite migration after this one that rebuilds ar_transactions or invoice_batches (batch
mode) drops their triggers with the table: it calls `drop_triggers()` and `create_triggers()`
of this revision around the rebuild, as 0008 does with the R7 triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BEGINNING = "0001-01-01"  # before any close date: every kept row of the customer is stale
# The columns of a transaction that R8, R12 or R17 read; a change to any other (description,
# payment method, card fee link) leaves every figure as it was.
FIGURE_COLUMNS = (
    "customer_id", "type", "number", "invoice_date", "due_date", "amount", "tax",
    "batch_id", "category",
)  # fmt: skip
CENTS = (
    "transactions", "total", "prior", "invoiced", "charges", "taxes", "discounts", "card_fees",
    "paid_before", "paid_through", "paid_after", "aging_current", "aging_1_30", "aging_31_60",
    "aging_61_90", "aging_over_90",
)  # fmt: skip


def _tables() -> None:
    op.create_table(
        "kept_figures",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("close_date", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("next_close", sa.Date(), nullable=True),
        *(
            sa.Column(
                name, sa.Integer() if name == "transactions" else sa.BigInteger(), nullable=False
            )
            for name in CENTS
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["invoice_batches.id"],
            name=op.f("fk_kept_figures_batch_id_invoice_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_kept_figures_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", "customer_id", name=op.f("pk_kept_figures")),
    )
    op.create_index(
        "ix_kept_figures_customer_order", "kept_figures", ["customer_id", "close_date", "number"]
    )
    op.create_table(
        "stale_customers",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("refreshing", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_stale_customers_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_stale_customers")),
    )


# SQLite -------------------------------------------------------------------------------------

# A later date never widens a mark: only an earlier one replaces it.
SQLITE_UPSERT = (
    "ON CONFLICT (customer_id) DO UPDATE SET since = excluded.since"
    " WHERE excluded.since < stale_customers.since;"
)


def _sqlite_marks(row: str) -> str:
    """Mark the customer of `row` (NEW or OLD) from its paid date or its batch's close date."""
    return (
        f"INSERT INTO stale_customers (customer_id, since) SELECT {row}.customer_id,"
        f" {row}.due_date WHERE {row}.type = 'payment' {SQLITE_UPSERT}"
        f" INSERT INTO stale_customers (customer_id, since) SELECT {row}.customer_id,"
        f" b.close_date FROM invoice_batches b WHERE b.id = {row}.batch_id {SQLITE_UPSERT}"
    )


def _sqlite_members(batch: str, since: str) -> str:
    return (
        "INSERT INTO stale_customers (customer_id, since) SELECT DISTINCT t.customer_id,"
        f" {since} FROM ar_transactions t WHERE t.batch_id = {batch} {SQLITE_UPSERT}"
    )


BATCH_MOVED = "OLD.close_date IS NOT NEW.close_date OR OLD.number IS NOT NEW.number"

SQLITE_TRIGGERS = {
    "kept_transaction_insert": (
        "AFTER INSERT ON ar_transactions FOR EACH ROW",
        _sqlite_marks("NEW"),
    ),
    "kept_transaction_update": (
        f"AFTER UPDATE OF {', '.join(FIGURE_COLUMNS)} ON ar_transactions FOR EACH ROW",
        _sqlite_marks("OLD") + " " + _sqlite_marks("NEW"),
    ),
    "kept_transaction_delete": (
        "AFTER DELETE ON ar_transactions FOR EACH ROW",
        _sqlite_marks("OLD"),
    ),
    "kept_batch_update": (
        f"AFTER UPDATE OF close_date, number ON invoice_batches FOR EACH ROW WHEN {BATCH_MOVED}",
        _sqlite_members("NEW.id", "min(OLD.close_date, NEW.close_date)"),
    ),
    # Before the delete: its transactions still name it (SET NULL comes with the delete).
    "kept_batch_delete": (
        "BEFORE DELETE ON invoice_batches FOR EACH ROW",
        _sqlite_members("OLD.id", "OLD.close_date"),
    ),
}


# PostgreSQL ---------------------------------------------------------------------------------

PG_UPSERT = (
    "ON CONFLICT (customer_id) DO UPDATE SET since = LEAST(stale_customers.since, EXCLUDED.since)"
)


def _pg_marks(rows: str) -> str:
    """Mark the customers of the transition table(s) `rows` once each, from their earliest
    paid date or batch close date."""
    since = "LEAST(CASE WHEN r.type = 'payment' THEN r.due_date END, b.close_date)"
    return f"""
    INSERT INTO stale_customers (customer_id, since)
    SELECT r.customer_id, min({since})
    FROM ({rows}) r LEFT JOIN invoice_batches b ON b.id = r.batch_id
    GROUP BY r.customer_id HAVING min({since}) IS NOT NULL
    {PG_UPSERT};"""


def _pg_rows(table: str) -> str:
    return f"SELECT customer_id, type, due_date, batch_id FROM {table}"


PG_MARK_TRANSACTIONS = f"""
BEGIN
    IF TG_OP = 'INSERT' THEN{_pg_marks(_pg_rows("new_rows"))}
    ELSIF TG_OP = 'DELETE' THEN{_pg_marks(_pg_rows("old_rows"))}
    ELSE{_pg_marks(f"{_pg_rows('old_rows')} UNION ALL {_pg_rows('new_rows')}")}
    END IF;
    RETURN NULL;
END"""

PG_MARK_BATCH = f"""
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO stale_customers (customer_id, since)
        SELECT DISTINCT customer_id, OLD.close_date FROM ar_transactions WHERE batch_id = OLD.id
        {PG_UPSERT};
        RETURN OLD;
    END IF;
    IF OLD.close_date IS DISTINCT FROM NEW.close_date OR OLD.number IS DISTINCT FROM NEW.number
    THEN
        INSERT INTO stale_customers (customer_id, since)
        SELECT DISTINCT customer_id, LEAST(OLD.close_date, NEW.close_date)
        FROM ar_transactions WHERE batch_id = OLD.id
        {PG_UPSERT};
    END IF;
    RETURN NEW;
END"""

PG_TRANSACTION_TRIGGERS = {
    "kept_transaction_insert": "AFTER INSERT ON ar_transactions REFERENCING NEW TABLE AS new_rows",
    "kept_transaction_update": (
        "AFTER UPDATE ON ar_transactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    ),
    "kept_transaction_delete": "AFTER DELETE ON ar_transactions REFERENCING OLD TABLE AS old_rows",
}


def create_triggers() -> None:
    """The triggers that mark customers stale; a later SQLite rebuild makes them again."""
    if op.get_bind().dialect.name == "sqlite":
        for name, (moment, body) in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {moment} BEGIN {body} END")
        return
    op.execute(
        "CREATE FUNCTION kept_mark_transactions() RETURNS trigger LANGUAGE plpgsql"
        f" AS $${PG_MARK_TRANSACTIONS}$$"
    )
    for name, moment in PG_TRANSACTION_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} {moment} FOR EACH STATEMENT"
            " EXECUTE FUNCTION kept_mark_transactions()"
        )
    op.execute(
        f"CREATE FUNCTION kept_mark_batch() RETURNS trigger LANGUAGE plpgsql AS $${PG_MARK_BATCH}$$"
    )
    op.execute(
        "CREATE TRIGGER kept_batch_change BEFORE UPDATE OR DELETE ON invoice_batches"
        " FOR EACH ROW EXECUTE FUNCTION kept_mark_batch()"
    )


def drop_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        return
    for name in PG_TRANSACTION_TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON ar_transactions")
    op.execute("DROP TRIGGER kept_batch_change ON invoice_batches")
    op.execute("DROP FUNCTION kept_mark_transactions()")
    op.execute("DROP FUNCTION kept_mark_batch()")


def upgrade() -> None:
    _tables()
    op.execute(
        "INSERT INTO stale_customers (customer_id, since)"
        f" SELECT customer_id, '{BEGINNING}' FROM ar_transactions GROUP BY customer_id"
    )
    create_triggers()


def downgrade() -> None:
    drop_triggers()
    op.drop_table("stale_customers")
    op.drop_index("ix_kept_figures_customer_order", table_name="kept_figures")
    op.drop_table("kept_figures")
