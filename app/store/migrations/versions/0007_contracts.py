"""contracts and recurring charges (R16); memo categories and payment methods; run-due

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

- contracts, and contract_periods: one row per billed or skipped period, unique per contract
  and period, so a period is billed at most once whatever runs at the same moment;
- ar_transactions gain a memo category and a payment method (DESIGN.md §2), added in place
  so the R7 triggers of 0004 stay;
- R7 reaches contract_periods: a period billed, or credited, by a transaction in a locked batch
  can be neither forgotten nor moved, so it can never be billed or credited twice. "Locked" is
  said again here as in 0006: a batch with `printed_at` set.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CATEGORIES = (
    "discount", "return", "goodwill", "part_period_credit", "finance_charge", "card_fee",
    "freight", "other",
)  # fmt: skip
METHODS = ("check", "card", "bank_transfer", "cash", "other")
PERIODS_KEPT = "the contract periods it billed or credited stay so"
PG_STATE = "integrity_constraint_violation"


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


TRANSACTION_COLUMNS = (
    "category VARCHAR(20) DEFAULT 'other' NOT NULL CONSTRAINT ck_ar_transactions_category"
    f" CHECK (category IN ({_listed(CATEGORIES)}))",
    "method VARCHAR(15) DEFAULT 'check' NOT NULL CONSTRAINT ck_ar_transactions_method"
    f" CHECK (method IN ({_listed(METHODS)}))",
)
MOVED = (
    "OLD.transaction_id IS NOT NEW.transaction_id OR OLD.credit_id IS NOT NEW.credit_id"
    " OR OLD.contract_id IS NOT NEW.contract_id OR OLD.period_index IS NOT NEW.period_index"
)


def _locked(transaction_id: str) -> str:
    """True when the transaction with id `transaction_id` is in a locked batch (SQLite)."""
    return (
        "EXISTS (SELECT 1 FROM ar_transactions t JOIN invoice_batches b ON b.id = t.batch_id"
        f" WHERE t.id = {transaction_id} AND b.printed_at IS NOT NULL)"
    )


def _kept(row: str) -> str:
    return f"({_locked(f'{row}.transaction_id')} OR {_locked(f'{row}.credit_id')})"


SQLITE_TRIGGERS = {
    "r7_period_delete": ("BEFORE DELETE", _kept("OLD")),
    "r7_period_update": ("BEFORE UPDATE", f"({MOVED}) AND {_kept('OLD')}"),
    "r7_period_insert": (
        "BEFORE INSERT",
        f"EXISTS (SELECT 1 FROM contract_periods p WHERE p.id = NEW.id AND {_kept('p')})",
    ),
}

PG_BODY = f"""
DECLARE
    locked_number integer;
BEGIN
    IF TG_OP = 'UPDATE' AND NOT ({MOVED.replace("IS NOT", "IS DISTINCT FROM")}) THEN
        RETURN NEW;
    END IF;
    SELECT b.number INTO locked_number FROM ar_transactions t
        JOIN invoice_batches b ON b.id = t.batch_id
        WHERE t.id IN (OLD.transaction_id, OLD.credit_id) AND b.printed_at IS NOT NULL
        LIMIT 1 FOR SHARE OF b;
    IF FOUND THEN
        RAISE EXCEPTION 'R7: invoice batch % is printed: {PERIODS_KEPT}', locked_number
            USING ERRCODE = '{PG_STATE}';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END"""


def create_triggers() -> None:
    """The R7 triggers of this revision; 0008 replaces them, and restores them on downgrade."""
    if op.get_bind().dialect.name == "sqlite":
        for name, (moment, when) in SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {moment} ON contract_periods FOR EACH ROW WHEN {when} "
                f"BEGIN SELECT RAISE(ABORT, 'R7: invoice batch is printed: {PERIODS_KEPT}'); END"
            )
        return
    op.execute(
        f"CREATE FUNCTION r7_keep_periods() RETURNS trigger LANGUAGE plpgsql AS $${PG_BODY}$$"
    )
    op.execute(
        "CREATE TRIGGER r7_keep_periods BEFORE UPDATE OR DELETE ON contract_periods "
        "FOR EACH ROW EXECUTE FUNCTION r7_keep_periods()"
    )


def drop_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        return
    op.execute("DROP TRIGGER r7_keep_periods ON contract_periods")
    op.execute("DROP FUNCTION r7_keep_periods()")


def upgrade() -> None:
    for column in TRANSACTION_COLUMNS:
        op.execute(f"ALTER TABLE ar_transactions ADD COLUMN {column}")
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("period_months", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("taxable", sa.Boolean(), nullable=False),
        sa.Column("billing", sa.String(length=7), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("length(number) > 0", name=op.f("ck_contracts_number_not_empty")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_contracts_amount_positive")),
        sa.CheckConstraint(
            "period_months IN (1, 3, 6, 12)", name=op.f("ck_contracts_period_months")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_contracts_ends_after_start")
        ),
        sa.CheckConstraint("billing IN ('advance', 'arrears')", name=op.f("ck_contracts_billing")),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_contracts_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
        sa.UniqueConstraint("number", name=op.f("uq_contracts_number")),
    )
    op.create_index(op.f("ix_contracts_customer_id"), "contracts", ["customer_id"])
    op.create_table(
        "contract_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("period_index", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=7), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("credit_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "period_index >= 0", name=op.f("ck_contract_periods_index_not_negative")
        ),
        sa.CheckConstraint(
            "state IN ('billed', 'skipped')", name=op.f("ck_contract_periods_state")
        ),
        sa.CheckConstraint(
            "(state = 'billed') = (transaction_id IS NOT NULL)",
            name=op.f("ck_contract_periods_billed_on_an_invoice"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_contract_periods_contract_id_contracts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ar_transactions.id"],
            name=op.f("fk_contract_periods_transaction_id_ar_transactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["credit_id"],
            ["ar_transactions.id"],
            name=op.f("fk_contract_periods_credit_id_ar_transactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_periods")),
        sa.UniqueConstraint(
            "contract_id", "period_index", name=op.f("uq_contract_periods_contract_id")
        ),
    )
    for column in ("contract_id", "transaction_id", "credit_id"):
        op.create_index(op.f(f"ix_contract_periods_{column}"), "contract_periods", [column])
    op.bulk_insert(
        sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer)),
        [{"name": "run_due_through", "value": 0}],
    )
    create_triggers()


def downgrade() -> None:
    drop_triggers()
    op.execute("DELETE FROM counters WHERE name = 'run_due_through'")
    op.drop_table("contract_periods")
    op.drop_table("contracts")
    for column in ("method", "category"):
        op.execute(f"ALTER TABLE ar_transactions DROP COLUMN {column}")
