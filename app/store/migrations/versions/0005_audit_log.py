"""the audit trail (R20), append-only

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

One row per change, written in the change's own transaction. The database refuses UPDATE and
DELETE on it, whatever the code path, so the trail can only grow.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

REFUSAL = "R20: the audit log is append-only: an entry is never changed or deleted"
PG_STATE = "integrity_constraint_violation"
INDEXED = ("at", "os_user", "action", "batch_number", "customer_number")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("os_user", sa.String(length=120), nullable=False),
        sa.Column("db_user", sa.String(length=120), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("batch_number", sa.Integer(), nullable=True),
        sa.Column("customer_number", sa.String(length=20), nullable=True),
        sa.Column("transaction_number", sa.String(length=30), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    for column in INDEXED:
        op.create_index(op.f(f"ix_audit_log_{column}"), "audit_log", [column])
    if op.get_bind().dialect.name == "sqlite":
        for moment in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER r20_audit_log_{moment.lower()} BEFORE {moment} ON audit_log "
                f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION r20_keep_audit_log() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN "
        f"RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = '{PG_STATE}'; END$$"
    )
    # Row triggers for UPDATE and DELETE; TRUNCATE has only statement triggers.
    op.execute(
        "CREATE TRIGGER r20_keep_audit_log BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION r20_keep_audit_log()"
    )
    op.execute(
        "CREATE TRIGGER r20_keep_audit_log_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION r20_keep_audit_log()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER r20_audit_log_update")
        op.execute("DROP TRIGGER r20_audit_log_delete")
    else:
        op.execute("DROP TRIGGER r20_keep_audit_log_truncate ON audit_log")
        op.execute("DROP TRIGGER r20_keep_audit_log ON audit_log")
        op.execute("DROP FUNCTION r20_keep_audit_log()")
    for column in INDEXED:
        op.drop_index(op.f(f"ix_audit_log_{column}"), table_name="audit_log")
    op.drop_table("audit_log")
