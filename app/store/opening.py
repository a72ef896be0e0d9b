"""Open the clerk's database, the same way for the window and the command line, with the
checks a local file needs, and say in plain words why a connection failed: a wrong password,
an unreachable server, a newer schema, a damaged file."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from app.store.clean_close import last_found_sound, remember_clean_close
from app.store.database import Database, open_database
from app.store.engine import make_engine
from app.store.errors import DatabaseError
from app.store.file_lock import DatabaseLock, lock_path
from app.store.local_file import (
    DatabaseDamaged,
    NetworkShareRefused,
    check_local_file,
    check_not_damaged,
)
from app.store.network_share import Mount
from app.store.profile import ConnectionProfile
from app.store.schema import current_revision, head_revision, refuse_too_new
from app.store.sqlite_file import opened
from app.store.urls import normalise_url, resolve_url, sqlite_path

__all__ = [
    "DatabaseDamaged",
    "NetworkShareRefused",
    "OpenedDatabase",
    "PasswordRefused",
    "ServerUnreachable",
    "check_connection",
    "explain",
    "open_for_command_line",
    "open_for_desktop",
]

_UNREACHABLE = re.compile(
    r"could not translate host name|name or service not known|nodename nor servname|"
    r"connection refused|timeout expired|timed out|no route to host|network is unreachable|"
    r"could not connect|server closed the connection unexpectedly",
    re.IGNORECASE,
)
_PASSWORD = re.compile(
    r"password authentication failed|no password supplied|password is required|"
    r"authentication failed",
    re.IGNORECASE,
)
_MISSING = re.compile(r'(database|role) "([^"]*)" does not exist', re.IGNORECASE)


class PasswordRefused(DatabaseError):
    """The server wants a (different) password."""


class ServerUnreachable(DatabaseError):
    """The server did not answer: a wrong host or port, no network, or the server is down."""


def _root_cause(error: BaseException) -> BaseException:
    while error.__cause__ is not None:
        error = error.__cause__
    return error


def explain(error: BaseException, where: str) -> DatabaseError:
    """The failure to connect to `where`, as the error class and message the clerk should see."""
    if isinstance(error, DatabaseError) and not isinstance(error.__cause__, SQLAlchemyError):
        return error
    text = str(_root_cause(error))
    if _PASSWORD.search(text):
        return PasswordRefused(
            f"The server {where} refused the password. Enter the password again (File ▸ Database…)."
        )
    missing = _MISSING.search(text)
    if missing:
        what = "database" if missing.group(1).lower() == "database" else "user"
        return DatabaseError(
            f"The server {where} has no {what} named {missing.group(2)!r}. Check the name, "
            "or ask whoever runs the server to create it."
        )
    if _UNREACHABLE.search(text):
        # The line that says why, without the driver's "connection to server at … failed: ".
        line = next(line for line in text.splitlines() if _UNREACHABLE.search(line))
        reason = line.rsplit(": ", 1)[-1].strip()
        return ServerUnreachable(
            f"Cannot reach the database server {where} ({reason}). Check the host name and "
            "port, the network connection, and that the server is running."
        )
    return DatabaseError(f"Cannot open the database {where}: {text}")


@dataclass
class OpenedDatabase:
    """A database open in the application, with the lock on its file if local (and held)."""

    db: Database
    lock: DatabaseLock | None = None
    path: Path | None = None  # the local file, which closing notes as closed cleanly
    found_sound_at: float = 0.0

    def close(self) -> None:
        self.db.dispose()
        if self.path is not None:
            remember_clean_close(self.path, self.found_sound_at)
        if self.lock is not None:
            self.lock.release()


def _found_sound_at(path: Path) -> float:
    """When the file was last found undamaged: at its last check, when it is exactly as the
    application closed it since and that check was today; else now, by checking it."""
    earlier = last_found_sound(path)
    if earlier is not None:
        return earlier
    now = time.time()
    check_not_damaged(path)
    return now


def _where(url: str) -> str:
    parsed = normalise_url(url)
    path = sqlite_path(parsed)
    if path is not None:
        return str(path)
    return f"{parsed.host}:{parsed.port or 5432}/{parsed.database}"


def _open(
    url: str, mounts: Iterable[Mount] | None, backup_to: Path | None, *, locked: bool
) -> OpenedDatabase:
    path = sqlite_path(normalise_url(url))
    lock = None
    if path is not None:
        check_local_file(path, mounts=mounts)
        if locked:
            lock = DatabaseLock.acquire(path)
    found_sound_at = 0.0
    try:
        if path is not None:
            found_sound_at = _found_sound_at(path)  # before an upgrade backs it up and writes
        db = open_database(url, backup_to=backup_to)
    except BaseException as error:
        if lock is not None:
            lock.release()
        if isinstance(error, ArgumentError | KeyboardInterrupt):
            raise  # not a URL, or a driver that is not installed: the caller's usage error
        raise explain(error, _where(url)) from error
    return OpenedDatabase(db, lock, path, found_sound_at)


def open_for_desktop(
    url: str, *, mounts: Iterable[Mount] | None = None, backup_to: Path | None = None
) -> OpenedDatabase:
    """Open (creating or upgrading) the database; a local file is checked and locked first."""
    return _open(url, mounts, backup_to, locked=True)


def open_for_command_line(
    url: str | None, *, mounts: Iterable[Mount] | None = None, backup_to: Path | None = None
) -> OpenedDatabase:
    """Open `--db`, $INVOICE_BATCHES_DB or the default file as the window does, but without
    the window's lock: a command's short transactions are safe beside one window."""
    return _open(resolve_url(url), mounts, backup_to, locked=False)


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str


def _schema_news(current: str | None) -> str:
    refuse_too_new(current)
    if current is None:
        return "It is empty; Invoice Batches will set it up when you open it."
    if current != head_revision():
        return "It will be upgraded when you open it (a local file is backed up first)."
    return "It is ready to use."


def _local_revision(path: Path) -> str | None:
    """The schema revision of an existing file, read without changing the file at all."""
    try:
        with opened(path, "ro") as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                return str(row[0]) if row else None
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} is not an Invoice Batches database ({error}).") from None
    if tables:
        raise DatabaseError(f"{path} holds other data; it is not an Invoice Batches database.")
    return None


def _check_local(path: Path, mounts: Iterable[Mount] | None) -> str:
    check_local_file(path, mounts=mounts)
    if not path.exists():
        return f"{path} does not exist yet; Invoice Batches will create it when you open it."
    news = _schema_news(_local_revision(path))  # first: a file of some other kind is no damage
    check_not_damaged(path)
    if lock_path(path).exists():  # no lock file: no window has ever worked on it
        DatabaseLock.acquire(path).release()  # refused while another window works on it
    return f"{path} opens. " + news


def check_connection(
    profile: ConnectionProfile, password: str | None, *, mounts: Iterable[Mount] | None = None
) -> ConnectionCheck:
    """Try the profile without changing anything: no schema upgrade, no file created."""
    problems = profile.problems()
    if problems:
        return ConnectionCheck(False, " ".join(problems))
    try:
        if profile.is_local:
            assert profile.path is not None
            return ConnectionCheck(True, _check_local(profile.path, mounts))
        engine = make_engine(profile.url(password))
        try:
            current = current_revision(engine)
        finally:
            engine.dispose()
        return ConnectionCheck(True, f"Connected to {profile.describe()}. " + _schema_news(current))
    except Exception as error:
        where = str(profile.path) if profile.is_local else _where(profile.url())
        return ConnectionCheck(False, str(explain(error, where)))
