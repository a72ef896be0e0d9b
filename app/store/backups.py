"""Backups of a local database file, made with SQLite's backup API, and the list of them.

A backup is written under `.partial/` in the backups folder, checked, and only then moved to
its name with one rename on the same file system: a backup that fails, or a process killed
midway, never leaves a file that looks like a backup.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from app.store.errors import DatabaseError
from app.store.sqlite_file import opened

SUFFIX = ".sqlite3"
PARTIAL_FOLDER = ".partial"
# Older than any backup takes: such a file was left by a process that was killed.
STALE_PARTIAL_SECONDS = 3600
SQLITE_HEADER = b"SQLite format 3\x00"


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """The number of rows of every table, read in the connection's current snapshot."""
    names = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in names
    }


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """What SQLite's integrity check found; empty when the file is sound."""
    found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    return [] if found == ["ok"] else found


def _copy(source: Path, partial: Path) -> dict[str, int]:
    """Copy `source` into `partial`; returns the source's row counts in the snapshot copied."""
    with opened(source, "rw") as src, closing(sqlite3.connect(partial)) as dst:
        src.execute("BEGIN")  # one read snapshot for both the counts and the copy
        counts = table_counts(src)
        src.backup(dst)
        src.rollback()
        # A file that stands alone: no -wal or -shm appears beside it when it is read.
        dst.execute("PRAGMA journal_mode=DELETE")
    return counts


def _check(partial: Path, counts: dict[str, int]) -> None:
    with opened(partial, "ro") as copy:
        problems = integrity_problems(copy)
        copied = table_counts(copy)
    if problems:
        raise DatabaseError(f"the copy is damaged ({'; '.join(problems[:3])})")
    if copied != counts:
        raise DatabaseError("the copy does not hold every row of the database")


def remove_copy(partial: Path) -> None:
    """Remove an unfinished copy and the journal SQLite may have left beside it."""
    for path in (partial, partial.with_name(f"{partial.name}-journal")):
        path.unlink(missing_ok=True)


def checked_copy(source: Path, partial: Path) -> None:
    """Copy `source` to `partial` and check it: sound, and every table's rows all there."""
    if not source.is_file():
        raise DatabaseError(f"the database file {source} does not exist")
    # A journal left beside a killed copy of the same name would be rolled into this one.
    remove_copy(partial)
    _check(partial, _copy(source, partial))


def partial_folder(folder: Path) -> Path:
    """Where copies are written before they are checked and named; never listed."""
    return folder / PARTIAL_FOLDER


def _remove_stale(partials: Path) -> None:
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for leftover in partials.iterdir():
        if leftover.is_file() and leftover.stat().st_mtime < cutoff:
            leftover.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; Windows cannot open a folder)."""
    if os.name == "posix":
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently, check the copy, and only then name it `target`.

    Raises DatabaseError, leaving no file behind, when the copy cannot be made or checked."""
    partials = partial_folder(target.parent)
    partial = partials / target.name
    try:
        partials.mkdir(parents=True, exist_ok=True)
        _remove_stale(partials)
        checked_copy(source, partial)
        os.replace(partial, target)
        _sync_folder(target.parent)
    except (sqlite3.Error, OSError, DatabaseError) as error:
        with suppress(OSError):
            remove_copy(partial)
        raise DatabaseError(
            f"The backup could not be made: {error}. Nothing was written."
        ) from error
    finally:
        with suppress(OSError):  # still in use by another backup, or already gone
            partials.rmdir()
    return target


def unusable_because(path: Path) -> str | None:
    """Why a file cannot be a backup of an Invoice Batches database, at a quick look; None
    when it can be (a restore checks it fully)."""
    size = path.stat().st_size
    if size == 0:
        return "the file is empty"
    with path.open("rb") as file:
        header = file.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return "the file is not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size  # how the header writes 64 KiB
    pages = int.from_bytes(header[28:32], "big")
    size_is_valid = header[24:28] == header[92:96]  # SQLite's own rule for the size field
    if size_is_valid and size < pages * page_size:
        return "the file is cut short"
    try:
        # immutable: reading a backup must not leave a -wal or -shm in the backups folder.
        with opened(path, "ro&immutable=1") as backup:
            tables = {str(row[0]) for row in backup.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        return f"the file cannot be read ({error})"
    if "alembic_version" not in tables:
        return "it is not an Invoice Batches database"
    return None


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: dt.datetime
    size: int
    problem: str | None = None  # why it cannot be restored; None for a good backup

    @property
    def usable(self) -> bool:
        return self.problem is None

    @property
    def reason(self) -> str:
        """Why it was made, read from the name each maker gives its files."""
        name = self.path.stem
        if "-before-restore-" in name:
            return "Before a restore"
        if "-before-" in name:
            return "Before an upgrade"
        return "Backed up"


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in `folder`, newest first; a file that cannot be one says why."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        stat = path.stat()
        made = dt.datetime.fromtimestamp(stat.st_mtime)
        found.append(BackupFile(path, made, stat.st_size, unusable_because(path)))
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


def stamped(folder: Path, stem: str, what: str) -> Path:
    """A new backup's name: the database, why, and when; two in one second do not collide."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}-{what}-{stamp}{SUFFIX}"
    serial = 2
    while path.exists():
        path = folder / f"{stem}-{what}-{stamp}-{serial}{SUFFIX}"
        serial += 1
    return path


def back_up_now(database: Path, folder: Path) -> Path:
    """A consistent copy of the file in use, even while it is being written."""
    return backup_sqlite(database, stamped(folder, database.stem, "backup"))


def database_of(backup: Path) -> str:
    """The name of the database a backup was made of (the part before the stamp)."""
    match = re.match(r"^(.*?)-(backup|before-.+?)-\d{8}-\d{6}", backup.stem)
    return match.group(1) if match else backup.stem
