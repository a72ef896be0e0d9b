"""backup_sqlite: a checked copy under a temporary name, every file closed, nothing left when
it fails; list_backups offers only files that can be restored, and says why not."""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from app.store import Database, DatabaseError, sqlite_path
from app.store.backups import back_up_now, backup_sqlite, list_backups
from app.store.local_file import check_not_damaged
from app.store.opening import check_connection
from app.store.profile import ConnectionProfile
from tests.factories import customer


@pytest.fixture
def live(sqlite_db: Database) -> Path:
    """The test database's file with two customers, and no connection left open on it."""
    with sqlite_db.transaction() as session:
        customer(session, "C001")
        customer(session, "C002")
    sqlite_db.dispose()
    path = sqlite_path(sqlite_db.url)
    assert path is not None
    return path


@pytest.fixture
def no_garbage_collection() -> Iterator[None]:
    """A file left open until garbage collection stays open while the test looks."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def open_files() -> set[str]:
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            found.add(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the descriptor listdir itself used, closed since
            continue
    return found


def customer_count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("SELECT count(*) FROM customers").fetchone()[0])


@pytest.mark.usefixtures("no_garbage_collection")
def test_backup_leaves_no_file_open(live: Path, tmp_path: Path) -> None:
    target = backup_sqlite(live, tmp_path / "backups" / "copy.sqlite3")
    watched = {str(p) for p in (live, target)} | {f"{live}-wal", f"{live}-shm"}
    assert open_files() & watched == set()
    assert customer_count(target) == 2


def test_backup_stands_alone_and_is_listed(live: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    made = back_up_now(live, folder)
    assert sorted(p.name for p in folder.iterdir()) == [made.name]  # no -wal, no .partial
    (listed,) = list_backups(folder)
    assert (listed.path, listed.size, listed.problem) == (made, made.stat().st_size, None)


def break_an_index(path: Path) -> None:
    """Leave an index's pages in the file but drop it from the schema: every row still reads,
    and SQLite's integrity check finds pages that nothing uses."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE filler (x TEXT)")
        connection.executemany("INSERT INTO filler VALUES (?)", [("x" * 200,)] * 500)
        connection.execute("CREATE INDEX filler_x ON filler (x)")
        connection.commit()
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("DELETE FROM sqlite_master WHERE name = 'filler_x'")
        connection.commit()


def test_a_backup_whose_check_fails_leaves_no_file(live: Path, tmp_path: Path) -> None:
    break_an_index(live)
    folder = tmp_path / "backups"
    with pytest.raises(DatabaseError) as refused:
        back_up_now(live, folder)
    message = str(refused.value)
    assert message.startswith("The backup could not be made: the copy is damaged (")
    assert message.endswith(". Nothing was written.")
    assert list(folder.iterdir()) == []


def test_a_missing_database_is_not_backed_up(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    missing = tmp_path / "gone.sqlite3"
    with pytest.raises(DatabaseError) as refused:
        back_up_now(missing, folder)
    assert str(refused.value) == (
        f"The backup could not be made: the database file {missing} does not exist. "
        "Nothing was written."
    )
    assert list(folder.iterdir()) == []
    assert not missing.exists()  # SQLite was not allowed to create it


def test_list_backups_says_which_files_cannot_be_restored(live: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    good = back_up_now(live, folder)
    (folder / "empty-backup-20261201-101010.sqlite3").touch()
    (folder / "text-backup-20261201-101011.sqlite3").write_text("not a database " * 100)
    cut = folder / "cut-backup-20261201-101012.sqlite3"
    cut.write_bytes(good.read_bytes()[:8192])
    other = folder / "other-backup-20261201-101013.sqlite3"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE notes (x TEXT)")
    problems = {b.path.name: b.problem for b in list_backups(folder)}
    assert problems == {
        good.name: None,
        "empty-backup-20261201-101010.sqlite3": "the file is empty",
        "text-backup-20261201-101011.sqlite3": "the file is not an SQLite database",
        cut.name: "the file is cut short",
        other.name: "it is not an Invoice Batches database",
    }
    assert sorted(p.name for p in folder.iterdir()) == sorted(problems)  # nothing beside them


def test_leftovers_of_a_killed_backup_go_with_the_next_backup(live: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    leftover = folder / ".partial" / "books-backup-20261201-101010.sqlite3"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half a copy")
    recent = folder / ".partial" / "books-backup-20261201-101011.sqlite3"
    recent.write_bytes(b"another backup still being written")
    two_hours_ago = leftover.stat().st_mtime - 7200
    os.utime(leftover, (two_hours_ago, two_hours_ago))
    made = back_up_now(live, folder)
    assert sorted(p.name for p in folder.iterdir()) == [".partial", made.name]
    assert [p.name for p in (folder / ".partial").iterdir()] == [recent.name]


@pytest.mark.usefixtures("no_garbage_collection")
def test_checking_a_file_before_opening_it_leaves_nothing_open(live: Path) -> None:
    """The damage check and Test connection's revision read close what they open, as SQLite's
    own connections close when the engine is disposed."""
    check_not_damaged(live)
    check = check_connection(ConnectionProfile.local(live), None, mounts=[])
    assert check.ok, check.message
    watched = {str(live), f"{live}-wal", f"{live}-shm"}
    assert open_files() & watched == set()
