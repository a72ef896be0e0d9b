"""Alembic environment: runs on the connection that app.store.schema hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from app.models import Base


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through app.store.migrate(), which supplies the connection.")
run_migrations(connection)
