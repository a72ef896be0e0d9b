"""Backups of the local database file with SQLite's backup API, and restoring one of them.

Restoring replaces the file in use: a safety backup of it is made first, and if the restored
file cannot be opened the safety backup goes straight back.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from app.connection.opening import check_connection
from app.connection.profile import ConnectionProfile
from app.db import DatabaseError, backup_sqlite, open_database
from app.ui.database.workplace import Workplace

SUFFIX = ".sqlite3"


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


def _stamped(folder: Path, stem: str, what: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}-{what}-{stamp}{SUFFIX}"
    serial = 2
    while path.exists():  # two in the same second must not overwrite each other
        path = folder / f"{stem}-{what}-{stamp}-{serial}{SUFFIX}"
        serial += 1
    return path


def _local_file(workplace: Workplace) -> Path:
    path = workplace.local_path
    if path is None:
        raise DatabaseError(
            "The shared server is backed up by whoever runs it (for example with pg_dump); "
            "Invoice Batches backs up local database files only."
        )
    return path


def back_up_now(workplace: Workplace) -> Path:
    """A consistent copy of the file in use, even while it is being written."""
    path = _local_file(workplace)
    return backup_sqlite(path, _stamped(workplace.backups_folder, path.stem, "backup"))


def _readable_backup(backup: Path) -> None:
    if not backup.is_file():
        raise DatabaseError(f"{backup} does not exist.")
    check = check_connection(ConnectionProfile.local(backup), None)
    if not check.ok:
        raise DatabaseError(f"{backup} cannot be restored: {check.message}")


def restore_backup(workplace: Workplace, backup: Path) -> Path:
    """Replace the file in use with `backup` and reopen it; returns the safety backup."""
    path = _local_file(workplace)
    if backup.resolve() == path.resolve():
        raise DatabaseError("That is the database in use, not a backup of it.")
    _readable_backup(backup)
    safety = backup_sqlite(path, _stamped(workplace.backups_folder, path.stem, "before-restore"))
    url = f"sqlite:///{path}"
    workplace.db.dispose()
    try:
        backup_sqlite(backup, path)
        db = open_database(url, backup_to=workplace.backups_folder)
    except Exception:
        backup_sqlite(safety, path)
        workplace.replace_engine(open_database(url, backup_to=workplace.backups_folder))
        raise
    workplace.replace_engine(db)
    return safety


def database_of(backup: Path) -> str:
    """The name of the database a backup was made of (the part before the stamp)."""
    match = re.match(r"^(.*?)-(backup|before-.+?)-\d{8}-\d{6}", backup.stem)
    return match.group(1) if match else backup.stem
