"""One desktop application per local database file: a lock file beside the database.

The lock is the operating system's (flock on macOS and Linux, a byte-range lock on Windows),
so it is released when the process ends, even after a crash: no stale lock to clean up. The
command line does not take it: its short transactions are safe beside one window.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO

from app.store.errors import DatabaseError
from app.store.local_file import folder_not_writable

# Windows locks a byte range; one far past the text we write keeps that text readable.
_WINDOWS_LOCK_OFFSET = 1 << 20


class DatabaseInUse(DatabaseError):
    """Another copy of the application has this database file open."""


def lock_path(database: Path) -> Path:
    """Beside the file itself: a symbolic link to the database leads to the same lock."""
    real = database.resolve()
    return real.with_name(real.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"{info['user']} on {info['host']} (process {info['pid']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another copy of Invoice Batches"


class DatabaseLock:
    """Held while a window works on the file; `release()` (or the process ending) frees it."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._handle: IO[str] | None = None

    @classmethod
    def acquire(cls, database: Path) -> DatabaseLock:
        """Take the lock, or raise DatabaseInUse naming who holds it."""
        lock = cls(database)
        try:
            lock.path.parent.mkdir(parents=True, exist_ok=True)
            # "a" creates the file without truncating what the holder wrote about itself.
            handle = open(lock.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept while held
        except OSError:
            raise folder_not_writable(database) from None
        if not _try_lock(handle):
            handle.close()
            raise DatabaseInUse(
                f"The database {database} is in use by {_holder(lock.path)}. Only one copy of "
                "Invoice Batches can work on a local database file at a time; close the other "
                "one first, or move the database to a shared server (File ▸ Database…) so "
                "several clerks can work on it together."
            )
        handle.seek(0)
        handle.truncate()
        info = {"user": getpass.getuser(), "host": socket.gethostname(), "pid": os.getpid()}
        handle.write(json.dumps(info))
        handle.flush()
        lock._handle = handle
        return lock

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        handle.seek(0)
        handle.truncate()
        handle.close()  # closing the handle releases the operating system's lock
