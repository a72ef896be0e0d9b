"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("address1", sa.String(length=120), nullable=False),
        sa.Column("address2", sa.String(length=120), nullable=False),
        sa.Column("city", sa.String(length=80), nullable=False),
        sa.Column("region", sa.String(length=80), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("cutoff_day", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "cutoff_day IS NULL OR (cutoff_day BETWEEN 1 AND 31)",
            name=op.f("ck_customers_cutoff_day"),
        ),
        sa.CheckConstraint("length(number) > 0", name=op.f("ck_customers_number_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("number", name=op.f("uq_customers_number")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_cutoff_day"), ["cutoff_day"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_name"), ["name"], unique=False)

    op.create_table(
        "invoice_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("close_date", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=True),
        sa.Column("print_count", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('generated', 'manual', 'opening')", name=op.f("ck_invoice_batches_kind")
        ),
        sa.CheckConstraint("number > 0", name=op.f("ck_invoice_batches_number_positive")),
        sa.CheckConstraint("print_count >= 0", name=op.f("ck_invoice_batches_print_count")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_batches")),
        sa.UniqueConstraint("number", name=op.f("uq_invoice_batches_number")),
    )
    with op.batch_alter_table("invoice_batches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_batches_close_date"), ["close_date"], unique=False
        )

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "ar_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=12), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "type <> 'payment' OR batch_id IS NULL",
            name=op.f("ck_ar_transactions_payment_not_batched"),
        ),
        sa.CheckConstraint(
            "type IN ('invoice', 'credit_memo', 'debit_memo', 'payment')",
            name=op.f("ck_ar_transactions_type"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_ar_transactions_amount_positive")),
        sa.CheckConstraint("length(number) > 0", name=op.f("ck_ar_transactions_number_not_empty")),
        sa.CheckConstraint("tax >= 0", name=op.f("ck_ar_transactions_tax_not_negative")),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["invoice_batches.id"],
            name=op.f("fk_ar_transactions_batch_id_invoice_batches"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_ar_transactions_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_transactions")),
    )
    with op.batch_alter_table("ar_transactions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ar_transactions_amount"), ["amount"], unique=False)
        batch_op.create_index(batch_op.f("ix_ar_transactions_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(
            "ix_ar_transactions_customer_type_date",
            ["customer_id", "type", "invoice_date"],
            unique=False,
        )
        batch_op.create_index(
            "ix_ar_transactions_unbatched",
            ["customer_id", "invoice_date"],
            unique=False,
            sqlite_where=sa.text("batch_id IS NULL AND type <> 'payment'"),
            postgresql_where=sa.text("batch_id IS NULL AND type <> 'payment'"),
        )
        batch_op.create_index(
            "uq_ar_transactions_document_number",
            ["number"],
            unique=True,
            sqlite_where=sa.text("type <> 'payment'"),
            postgresql_where=sa.text("type <> 'payment'"),
        )

    op.create_table(
        "original_prints",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["invoice_batches.id"],
            name=op.f("fk_original_prints_batch_id_invoice_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_original_prints")),
    )
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
    op.bulk_insert(counters, [{"name": "batch_number", "value": 0}])


def downgrade() -> None:
    op.drop_table("original_prints")
    with op.batch_alter_table("ar_transactions", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_ar_transactions_document_number",
            sqlite_where=sa.text("type <> 'payment'"),
            postgresql_where=sa.text("type <> 'payment'"),
        )
        batch_op.drop_index(
            "ix_ar_transactions_unbatched",
            sqlite_where=sa.text("batch_id IS NULL AND type <> 'payment'"),
            postgresql_where=sa.text("batch_id IS NULL AND type <> 'payment'"),
        )
        batch_op.drop_index("ix_ar_transactions_customer_type_date")
        batch_op.drop_index(batch_op.f("ix_ar_transactions_batch_id"))
        batch_op.drop_index(batch_op.f("ix_ar_transactions_amount"))

    op.drop_table("ar_transactions")
    op.drop_table("settings")
    with op.batch_alter_table("invoice_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_batches_close_date"))

    op.drop_table("invoice_batches")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_name"))
        batch_op.drop_index(batch_op.f("ix_customers_cutoff_day"))

    op.drop_table("customers")
    op.drop_table("counters")
