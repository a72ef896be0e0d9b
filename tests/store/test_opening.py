"""Opening for the desktop: local files checked and locked, failures told in plain words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.store import DatabaseError, DatabaseTooNew
from app.store.file_lock import DatabaseInUse, DatabaseLock
from app.store.network_share import Mount
from app.store.opening import (
    NetworkShareRefused,
    PasswordRefused,
    ServerUnreachable,
    check_connection,
    explain,
    open_for_desktop,
)
from app.store.profile import ConnectionProfile

LOCAL_DISK = [Mount("/", "ext4")]


def test_local_file_is_created_locked_and_released(tmp_path: Path) -> None:
    path = tmp_path / "books.sqlite3"
    opened = open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK)
    assert path.exists()
    with pytest.raises(DatabaseInUse):
        open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK)
    opened.close()
    open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK).close()


def test_file_on_a_network_share_is_refused(tmp_path: Path) -> None:
    share = [Mount("/", "ext4"), Mount(str(tmp_path), "cifs")]
    with pytest.raises(NetworkShareRefused, match="shared PostgreSQL server"):
        open_for_desktop(f"sqlite:///{tmp_path / 'books.sqlite3'}", mounts=share)
    assert list(tmp_path.iterdir()) == []  # neither the file nor a lock was made


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        (
            'connection to server at "10.0.0.5", port 5432 failed: FATAL:  password '
            'authentication failed for user "clerk"',
            PasswordRefused,
            "refused the password",
        ),
        ("fe_sendauth: no password supplied", PasswordRefused, "refused the password"),
        (
            'connection to server at "10.0.0.5", port 5432 failed: Connection refused\n'
            "\tIs the server running on that host and accepting TCP/IP connections?",
            ServerUnreachable,
            "Cannot reach the database server db:5432/books",
        ),
        (
            'failed to resolve host "nohost": [Errno -2] Name or service not known',
            ServerUnreachable,
            "Check the host name and port",
        ),
        ('FATAL:  database "bookz" does not exist', DatabaseError, "no database named 'bookz'"),
    ],
)
def test_failures_are_explained(text: str, kind: type[DatabaseError], words: str) -> None:
    # As open_database raises it: its own error, caused by SQLAlchemy's, caused by the driver's.
    driver = RuntimeError(text)
    wrapped = OperationalError("SELECT 1", {}, driver)
    wrapped.__cause__ = driver
    opened = DatabaseError("Cannot open the database")
    opened.__cause__ = wrapped
    for failure in (opened, wrapped):
        error = explain(failure, "db:5432/books")
        assert type(error) is kind
        assert words in str(error)


def test_too_new_passes_through_unchanged() -> None:
    error = DatabaseTooNew("newer")
    assert explain(error, "x") is error


def test_check_a_new_and_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "books.sqlite3"
    check = check_connection(ConnectionProfile.local(path), None, mounts=LOCAL_DISK)
    assert check.ok
    assert "does not exist yet" in check.message
    assert not path.exists()
    open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK).close()
    check = check_connection(ConnectionProfile.local(path), None, mounts=LOCAL_DISK)
    assert (check.ok, check.message) == (True, f"{path} opens. It is ready to use.")
    opened = open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK)
    check = check_connection(ConnectionProfile.local(path), None, mounts=LOCAL_DISK)
    assert not check.ok
    assert check.message.startswith(f"The database {path} is in use by ")
    opened.close()


def test_check_refuses_a_file_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "books.sqlite3"
    open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    check = check_connection(ConnectionProfile.local(path), None, mounts=LOCAL_DISK)
    assert not check.ok
    assert "upgraded by a newer version of Invoice Batches" in check.message
    with pytest.raises(DatabaseTooNew):
        open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK)
    DatabaseLock.acquire(path).release()  # the refusal let go of the lock


def test_check_refuses_other_files(tmp_path: Path) -> None:
    other = tmp_path / "notes.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text)")
    check = check_connection(ConnectionProfile.local(other), None, mounts=LOCAL_DISK)
    assert (check.ok, check.message) == (
        False,
        f"{other} holds other data; it is not an Invoice Batches database.",
    )
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all, just some text" * 100)
    check = check_connection(ConnectionProfile.local(junk), None, mounts=LOCAL_DISK)
    assert not check.ok
    assert "is not an Invoice Batches database" in check.message


def test_check_an_unreachable_server() -> None:
    profile = ConnectionProfile.server("127.0.0.1", 1, "books", "clerk")
    check = check_connection(profile, "pw")
    assert not check.ok
    assert check.message.startswith("Cannot reach the database server 127.0.0.1:1/books")


@pytest.mark.postgres
def test_check_and_open_the_shared_server(postgres_url: str) -> None:
    profile = ConnectionProfile.from_url(postgres_url)
    check = check_connection(profile, None)
    assert check.ok, check.message
    assert check.message.endswith("It is ready to use.")
    missing = ConnectionProfile.server(profile.host, profile.port, "no_such_books", profile.user)
    check = check_connection(missing, None)
    assert not check.ok
    assert "has no database named 'no_such_books'" in check.message
    opened = open_for_desktop(profile.url(None))
    assert opened.lock is None
    assert make_url(str(opened.db.url)).database == profile.database
    opened.close()
