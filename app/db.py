"""Engine and sessions for the local SQLite file or a shared server, migrations and backups."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "InvoiceBatches"
ENV_VARIABLE = "INVOICE_BATCHES_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says why, for the clerk."""


class DatabaseTooNew(DatabaseError):
    """The database was upgraded by a newer version of Invoice Batches."""


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'invoice-batches.sqlite3'}"


def resolve_url(explicit: str | None = None) -> str:
    """The database to use: `--db`, else $INVOICE_BATCHES_DB, else the file in the data folder."""
    return explicit or os.environ.get(ENV_VARIABLE) or default_url()


def normalise_url(url: str | URL) -> URL:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for a server or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _lower(text: str | None) -> str | None:
    return None if text is None else str(text).lower()


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy so the "begin" hook below decides how to begin.
        dbapi_connection.isolation_level = None
        # SQLite's own lower() folds A to Z only, so "łódź" would not find "Łódź"; Python's
        # folds every letter, as PostgreSQL's lower() does.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
            "synchronous=NORMAL",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A deferred transaction that reads and then writes fails at once with "database is
        # locked" when another writer got there first; IMMEDIATE waits for busy_timeout instead.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | URL) -> Engine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        _tune_sqlite(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class Upgrade:
    """What opening the database changed: the revisions, and the backup made before."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently with SQLite's own backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def backups_dir() -> Path:
    return data_dir() / "backups"


def refuse_too_new(current: str | None) -> None:
    """Raise DatabaseTooNew when a newer version of the application wrote this schema."""
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseTooNew(
            "This database was upgraded by a newer version of Invoice Batches "
            f"(revision {current}). Install the newer version to open it."
        )


def migrate(engine: Engine, backup_to: Path | None = None) -> Upgrade | None:
    """Bring the schema to the newest revision; back up an existing SQLite file first."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    refuse_too_new(current)
    backup = None
    path = sqlite_path(engine.url)
    if current is not None and path is not None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = backup_to or backups_dir()
        backup = backup_sqlite(path, folder / f"{path.stem}-before-{head}-{stamp}.sqlite3")
    _run_upgrade(engine)
    return Upgrade(current, head, backup)


def _run_upgrade(engine: Engine) -> None:
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


class Database:
    """One open database: its engine and a factory of short transactions."""

    def __init__(self, engine: Engine, upgrade: Upgrade | None = None) -> None:
        self.engine = engine
        self.upgrade = upgrade
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def display_name(self) -> str:
        path = sqlite_path(self.url)
        if path is not None:
            return str(path)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends, and rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, backup_to: Path | None = None) -> Database:
    """Open (and create or upgrade) the database at `url`, or the default one."""
    engine = make_engine(resolve_url(url))
    try:
        upgrade = migrate(engine, backup_to)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as error:
        engine.dispose()
        raise DatabaseError(f"Cannot open the database {engine.url!r}: {error}") from error
    return Database(engine, upgrade)
