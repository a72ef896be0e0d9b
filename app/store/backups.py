"""Backups of a local database file, made with SQLite's backup API, and the list of them."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SUFFIX = ".sqlite3"


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently with SQLite's own backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: dt.datetime
    size: int

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
    """The backups in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        stat = path.stat()
        found.append(BackupFile(path, dt.datetime.fromtimestamp(stat.st_mtime), stat.st_size))
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
