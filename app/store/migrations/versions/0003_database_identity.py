"""an identity for each database

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

A random identity, written once when the database is created or first upgraded, lets a restore
tell a backup of this database from a backup of another company's.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

IDENTITY_KEY = "database_id"
settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    # A backup made before this revision and restored already carries the identity of the
    # database it was restored into (app/store/restore.py); it keeps that one.
    present = sa.select(settings.c.key).where(settings.c.key == IDENTITY_KEY)
    if op.get_bind().execute(present).first() is None:
        op.execute(settings.insert().values(key=IDENTITY_KEY, value=uuid.uuid4().hex))


def downgrade() -> None:
    op.execute(settings.delete().where(settings.c.key == IDENTITY_KEY))
