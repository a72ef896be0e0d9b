"""kept batches: each batch's kept figures summed, so the Invoice Batches list reads one row a
batch instead of every (batch, customer) row of the history

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

kept_batches holds, per batch, the sums of its kept_figures rows (0009): R8's totals, R12's
paid amount and how many customers are unpaid or paying, R17's buckets, in cents. Billing
writes it together with the rows it sums, and reads it only while no customer is marked stale,
in the same statement that checks so. It is filled here from the rows already kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COUNTS = ("customers", "transactions", "unpaid_customers", "paying_customers")
CENTS = (
    "former_amount", "payments", "invoiced", "charges", "taxes", "discounts", "card_fees",
    "paid_amount", "aging_current", "aging_1_30", "aging_31_60", "aging_61_90", "aging_over_90",
)  # fmt: skip

# Each customer's invoice amount and paid amount (R12: at most what is owed, never below 0).
PAID = """
SELECT k.*, CASE WHEN capped < 0 THEN 0 ELSE capped END AS paid
FROM (
    SELECT kept_figures.*, prior + total - paid_through AS owed,
        CASE WHEN paid_after < prior + total - paid_through THEN paid_after
        ELSE prior + total - paid_through END AS capped
    FROM kept_figures
) k"""

FILL = f"""
INSERT INTO kept_batches (batch_id, {", ".join(COUNTS)}, {", ".join(CENTS)})
SELECT batch_id, count(*), sum(transactions),
    sum(CASE WHEN owed > 0 AND paid < owed THEN 1 ELSE 0 END),
    sum(CASE WHEN paid <> 0 THEN 1 ELSE 0 END),
    sum(prior - paid_before), sum(paid_through - paid_before), sum(invoiced), sum(charges),
    sum(taxes), sum(discounts), sum(card_fees), sum(paid), sum(aging_current),
    sum(aging_1_30), sum(aging_31_60), sum(aging_61_90), sum(aging_over_90)
FROM ({PAID}) paid_figures
GROUP BY batch_id"""


def upgrade() -> None:
    op.create_table(
        "kept_batches",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in CENTS),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["invoice_batches.id"],
            name=op.f("fk_kept_batches_batch_id_invoice_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_kept_batches")),
    )
    op.execute(FILL)


def downgrade() -> None:
    op.drop_table("kept_batches")
