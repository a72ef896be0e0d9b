"""indexes for sorting the A/R transactions list

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

Each column the A/R Transactions list sorts by gets an index of its own, so the database reads
the first page of 100,000 rows in order instead of sorting them all.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ("customer_id", "type", "number", "invoice_date", "due_date", "tax")


def upgrade() -> None:
    for column in COLUMNS:
        op.create_index(op.f(f"ix_ar_transactions_{column}"), "ar_transactions", [column])


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(op.f(f"ix_ar_transactions_{column}"), table_name="ar_transactions")
