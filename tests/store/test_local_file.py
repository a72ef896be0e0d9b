"""A local file is opened only when it is safe: one name, a writable folder, no damage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.store import DatabaseError
from app.store.file_lock import DatabaseInUse, DatabaseLock
from app.store.local_file import DatabaseDamaged
from app.store.network_share import Mount
from app.store.opening import open_for_desktop
from tests.store.local_files import as_clerk, damage, make_database, unwritable_folder

__all__ = ["unwritable_folder"]  # the fixture, used by name

LOCAL_DISK = [Mount("/", "ext4")]

OPEN_FOR_DESKTOP = """
import sys
from app.store import DatabaseError
from app.store.opening import open_for_desktop
try:
    open_for_desktop(sys.argv[1])
except DatabaseError as error:
    print(f"{type(error).__name__}: {error}")
"""


def test_a_second_window_through_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "books.sqlite3"
    link = tmp_path / "elsewhere" / "shortcut.sqlite3"
    link.parent.mkdir()
    link.symlink_to(database)
    opened = open_for_desktop(f"sqlite:///{database}", mounts=LOCAL_DISK)
    with pytest.raises(DatabaseInUse, match=f"^The database {link} is in use by "):
        open_for_desktop(f"sqlite:///{link}", mounts=LOCAL_DISK)
    with pytest.raises(DatabaseInUse):
        DatabaseLock.acquire(link)
    opened.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "books.sqlite3",
        "books.sqlite3.lock",
        "elsewhere",
    ]


def test_a_file_with_two_names_is_refused(tmp_path: Path) -> None:
    database = make_database(tmp_path / "books.sqlite3")
    other_name = tmp_path / "copy.sqlite3"
    os.link(database, other_name)
    with pytest.raises(DatabaseError, match="also has another name on this disk"):
        open_for_desktop(f"sqlite:///{other_name}", mounts=LOCAL_DISK)


def test_a_damaged_file_is_refused_in_plain_words(tmp_path: Path) -> None:
    database = make_database(tmp_path / "books.sqlite3")
    damage(database)
    with pytest.raises(DatabaseDamaged) as refused:
        open_for_desktop(f"sqlite:///{database}", mounts=LOCAL_DISK)
    assert str(refused.value) == (
        f"The database {database} is damaged (SQLite says: database disk image is malformed). "
        "Invoice Batches will not work on it, so that nothing more is lost: restore it from a "
        "backup, and keep this file as it is in case it is needed."
    )
    DatabaseLock.acquire(database).release()  # the refusal let go of the lock


def test_a_folder_the_clerk_cannot_write(unwritable_folder: Path) -> None:
    database = unwritable_folder / "books.sqlite3"
    done = as_clerk("-c", OPEN_FOR_DESKTOP, f"sqlite:///{database}")
    assert (done.stdout, done.stderr) == (
        f"DatabaseError: Invoice Batches cannot write in the folder {unwritable_folder}, which "
        "holds the database books.sqlite3: SQLite keeps its journal there, and the application "
        "its lock. Ask whoever looks after this computer to let you write in that folder, or "
        "copy the database to a folder you can write in.\n",
        "",
    )


def test_a_folder_that_is_a_file(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(DatabaseError, match=f"cannot write in the folder {not_a_folder},"):
        open_for_desktop(f"sqlite:///{not_a_folder / 'books.sqlite3'}", mounts=LOCAL_DISK)
