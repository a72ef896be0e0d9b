"""What a local database file must be before the application works on it: on this computer,
under one name only, in a folder the clerk can write, and not damaged."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from app.store.errors import DatabaseError
from app.store.network_share import Mount, is_on_network_share
from app.store.sqlite_file import opened


class NetworkShareRefused(DatabaseError):
    """A local database file on a network share: SQLite's locking is not safe there."""


class DatabaseDamaged(DatabaseError):
    """SQLite finds the file's pages broken, or the file is not a database at all."""


def folder_not_writable(database: Path) -> DatabaseError:
    folder = database.resolve().parent
    return DatabaseError(
        f"Invoice Batches cannot write in the folder {folder}, which holds the database "
        f"{database.name}: SQLite keeps its journal there, and the application its lock. Ask "
        "whoever looks after this computer to let you write in that folder, or copy the "
        "database to a folder you can write in."
    )


def _check_not_on_a_share(path: Path, mounts: Iterable[Mount] | None) -> None:
    if is_on_network_share(path, mounts=mounts):
        raise NetworkShareRefused(
            f"The database file {path} is on a network share. SQLite cannot lock a file "
            "safely there, and several clerks writing to it can corrupt it. Keep the file on "
            "this computer, or use a shared PostgreSQL server (File ▸ Database… ▸ Shared "
            "server) so several clerks can work together."
        )


def _check_one_name(path: Path) -> None:
    # SQLite names the journal after the name it was given: under two names one file gets two
    # journals, and each name's writers miss the other's (sqlite.org, "How To Corrupt", 2.5).
    if path.exists() and path.stat().st_nlink > 1:
        raise DatabaseError(
            f"The database file {path} also has another name on this disk (a hard link). "
            "Under two names SQLite cannot keep it safe. Remove the other name, or work on a "
            "copy of the file."
        )


def _check_folder_writable(path: Path) -> None:
    folder = path.resolve().parent
    # A folder not made yet is made in the nearest one that is.
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        raise folder_not_writable(path)


def check_not_damaged(path: Path) -> None:
    """SQLite's quick check of every page, read-only; raise DatabaseDamaged on a broken file."""
    if not path.exists():
        return
    try:
        with opened(path, "ro") as connection:
            found = [row[0] for row in connection.execute("PRAGMA quick_check")]
        reason = "SQLite finds broken pages in it" if found != ["ok"] else ""
    except sqlite3.DatabaseError as error:
        reason = f"SQLite says: {error}"
    if reason:
        raise DatabaseDamaged(
            f"The database {path} is damaged ({reason}). Invoice Batches will not work on it, "
            "so that nothing more is lost: restore it from a backup, and keep this file as it "
            "is in case it is needed."
        )


def check_local_file(path: Path, *, mounts: Iterable[Mount] | None = None) -> None:
    """Refuse a file on a network share, under two names, or in a folder the clerk cannot
    write; reads nothing inside the file, and creates nothing."""
    _check_not_on_a_share(path, mounts)
    _check_one_name(path)
    _check_folder_writable(path)
