"""Restoring a backup over the local database file in use.

A safety backup of the file in use is made first, and if the restored file cannot be opened
the safety backup goes straight back.
"""

from __future__ import annotations

from pathlib import Path

from app.store.backups import backup_sqlite, stamped
from app.store.database import Database, open_database
from app.store.errors import DatabaseError
from app.store.opening import check_connection
from app.store.profile import ConnectionProfile
from app.store.urls import sqlite_path


def local_file(db: Database) -> Path:
    """The file behind `db`; a shared server is refused, it is backed up by whoever runs it."""
    path = sqlite_path(db.url)
    if path is None:
        raise DatabaseError(
            "The shared server is backed up by whoever runs it (for example with pg_dump); "
            "Invoice Batches backs up local database files only."
        )
    return path


def _readable_backup(backup: Path) -> None:
    if not backup.is_file():
        raise DatabaseError(f"{backup} does not exist.")
    check = check_connection(ConnectionProfile.local(backup), None)
    if not check.ok:
        raise DatabaseError(f"{backup} cannot be restored: {check.message}")


def restore_backup(db: Database, backup: Path, folder: Path) -> tuple[Database, Path]:
    """Replace the file behind `db` (which is closed) with `backup`, and open it again.

    Returns the reopened database and the safety backup of the file as it was."""
    path = local_file(db)
    if backup.resolve() == path.resolve():
        raise DatabaseError("That is the database in use, not a backup of it.")
    _readable_backup(backup)
    safety = backup_sqlite(path, stamped(folder, path.stem, "before-restore"))
    url = f"sqlite:///{path}"
    db.dispose()
    try:
        backup_sqlite(backup, path)
        return open_database(url, backup_to=folder), safety
    except Exception:
        # The old engine stays usable after dispose(): it reconnects to the file put back.
        backup_sqlite(safety, path)
        raise
