"""One open database: its engine, the short transactions it is changed in, and its reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from app.store.engine import make_engine
from app.store.errors import DatabaseError
from app.store.reading import reader_sessions
from app.store.schema import Upgrade, migrate
from app.store.urls import resolve_url, sqlite_path


class Database:
    """One open database: its engine and a factory of short transactions."""

    def __init__(self, engine: Engine, upgrade: Upgrade | None = None) -> None:
        self.engine = engine
        self.upgrade = upgrade
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = reader_sessions(engine)

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

    @contextmanager
    def one_connection(self) -> Iterator[Connection]:
        """One connection held for a run of short transactions (`with connection.begin():`),
        written with plain statements: a send commits once a message, and taking a connection
        from the pool each time costs a liveness ping and a reset, two round trips more than
        the work itself, as a Session a message costs more than its statements."""
        with self.engine.connect() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only: it never waits behind a writer, and refuses to write."""
        with self._readers() as session:
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
