"""The schema's revision, and bringing it to the newest one with Alembic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.store.backups import backup_sqlite, stamped
from app.store.errors import DatabaseError, DatabaseTooNew
from app.store.paths import backups_dir
from app.store.schema_current import is_current
from app.store.urls import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Alembic is imported where it is used: it costs a start more than the rest of opening does,
# and a database already at the newest revision needs none of it (see schema_current.py).


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class Upgrade:
    """What opening the database changed: the revisions, and the backup made before."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def refuse_too_new(current: str | None) -> None:
    """Raise DatabaseTooNew when a newer version of the application wrote this schema."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseTooNew(
            "This database was upgraded by a newer version of Invoice Batches "
            f"(revision {current}). Install the newer version to open it."
        )


def migrate(engine: Engine, backup_to: Path | None = None) -> Upgrade | None:
    """Bring the schema to the newest revision; back up an existing SQLite file first."""
    if is_current(engine, MIGRATIONS):
        return None
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    refuse_too_new(current)
    backup = None
    path = sqlite_path(engine.url)
    if current is not None and path is not None:
        folder = backup_to or backups_dir()
        backup = backup_sqlite(path, stamped(folder, path.stem, f"before-{head}"))
    _run_upgrade(engine)
    return Upgrade(current, head, backup)


def _run_upgrade(engine: Engine) -> None:
    from alembic import command

    config = alembic_config()
    is_sqlite = engine.url.get_backend_name() == "sqlite"
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if is_sqlite and raw is not None:
            # A batch table rebuild would otherwise fire ON DELETE CASCADE and lose child rows.
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if is_sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(f"The upgrade left broken references: {broken[:5]}")
            connection.commit()
        finally:
            if is_sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
