"""claims pay for fewer index entries and one R7 check a statement

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

Claiming a transaction sets its `batch_id`, an indexed column, so the database writes a new
entry in every index of ar_transactions for every row claimed (PostgreSQL's updates are HOT
only when no indexed column changes). An override run claims nine in ten rows of the history,
so each index is paid a million times. The sorting indexes of 0002 stay (without them the
first page of the A/R Transactions list sorted by amount takes over a second at a million rows
instead of a millisecond); these two change:
- `ix_ar_transactions_customer_id` goes: `ix_ar_transactions_customer_type_date` leads with the
  same column and serves every look-up and sort by customer that it served;
- `ix_ar_transactions_fee_for_id` keeps only the card fee memos (`fee_for_id IS NOT NULL`), the
  only rows anyone looks up by it, so claiming any other row writes nothing into it.
On PostgreSQL the R7 check of changed transactions runs once per statement over the changed
rows (a transition table), where it ran a plpgsql function and two look-ups per row; inserts and
deletes keep their row trigger. The refusal and its text are 0008's.
"""

from __future__ import annotations

from types import ModuleType

import sqlalchemy as sa
from alembic import context, op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLE = "ar_transactions"
CUSTOMER_INDEX = "ix_ar_transactions_customer_id"
FEE_INDEX = "ix_ar_transactions_fee_for_id"
FEES_ONLY = "fee_for_id IS NOT NULL"


def _r7() -> ModuleType:
    """0008: where the R7 triggers, their refusal and their words are defined."""
    module: ModuleType = context.script.get_revision("0008").module
    return module


def _pg_row_trigger(events: str) -> None:
    op.execute("DROP TRIGGER r7_keep_transactions ON ar_transactions")
    op.execute(
        f"CREATE TRIGGER r7_keep_transactions BEFORE {events} ON ar_transactions "
        "FOR EACH ROW EXECUTE FUNCTION r7_keep_transactions()"
    )


def _pg_statement_check() -> None:
    r7 = _r7()
    # FOR SHARE as r7_locked_number(): a batch locked meanwhile is seen, or waits for us.
    op.execute(f"""
CREATE FUNCTION r7_keep_changed_transactions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    locked_number integer;
BEGIN
    SELECT number INTO locked_number FROM invoice_batches
    WHERE {r7.LOCKED}
      AND (id IN (SELECT batch_id FROM old_rows) OR id IN (SELECT batch_id FROM new_rows))
    ORDER BY number LIMIT 1 FOR SHARE;
    IF locked_number IS NOT NULL THEN
        {r7._pg_refuse("locked_number", r7.TRANSACTIONS_KEPT)}
    END IF;
    RETURN NULL;
END$$""")
    op.execute(
        "CREATE TRIGGER r7_keep_changed_transactions AFTER UPDATE ON ar_transactions "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION r7_keep_changed_transactions()"
    )


def upgrade() -> None:
    op.drop_index(CUSTOMER_INDEX, table_name=TABLE)
    op.drop_index(FEE_INDEX, table_name=TABLE)
    op.create_index(
        FEE_INDEX,
        TABLE,
        ["fee_for_id"],
        sqlite_where=sa.text(FEES_ONLY),
        postgresql_where=sa.text(FEES_ONLY),
    )
    if op.get_bind().dialect.name == "postgresql":
        _pg_row_trigger("INSERT OR DELETE")
        _pg_statement_check()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER r7_keep_changed_transactions ON ar_transactions")
        op.execute("DROP FUNCTION r7_keep_changed_transactions()")
        _pg_row_trigger("INSERT OR UPDATE OR DELETE")
    op.drop_index(FEE_INDEX, table_name=TABLE)
    op.create_index(FEE_INDEX, TABLE, ["fee_for_id"])
    op.create_index(CUSTOMER_INDEX, TABLE, ["customer_id"])
