"""What this application remembers of the local database files it closed cleanly, so that a
file nobody has touched since is not read page by page again on every start.

SQLite's quick check reads every page: 1.5 s for three years of a mid-size company, on every
window and every command. A file whose size, times and identity on disk are exactly what they
were when the application last closed it, after finding no damage, has not been written since;
so it is checked again only when that is not so, or once a day (a disk can fail without
touching a file's times).
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from app.store.paths import config_dir

RECORD_FILE = "closed-cleanly.json"
CHECK_AT_LEAST_EVERY_SECONDS = 24 * 60 * 60
KEEP_FILES = 32  # the most recently closed; a forgotten file is only checked once more
log = logging.getLogger(__name__)
_damaged: set[str] = set()  # files SQLite found damaged in this process


@dataclass(frozen=True)
class FileState:
    """The file as the operating system describes it: any write changes one of these."""

    device: int
    inode: int
    size: int
    modified_ns: int
    changed_ns: int

    @classmethod
    def of(cls, path: Path) -> FileState | None:
        try:
            found = path.stat()
        except OSError:
            return None
        return cls(found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _key(path: Path) -> str:
    return str(path.resolve())


def _records(folder: Path) -> dict[str, Any]:
    try:
        loaded = json.loads((folder / RECORD_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("Ignoring %s: %s", folder / RECORD_FILE, error)
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write(folder: Path, records: dict[str, Any]) -> None:
    target = folder / RECORD_FILE
    # Several commands may close at once: each writes its own partial file, then replaces.
    partial = target.with_name(f"{RECORD_FILE}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(records, indent=1), encoding="utf-8")
        os.replace(partial, target)
    except OSError as error:  # only a saving lost: the next open checks the file
        log.warning("Cannot write %s: %s", target, error)


def _recorded(record: object) -> tuple[FileState, float] | None:
    if not isinstance(record, dict):
        return None
    try:
        state = FileState(*(int(record[field.name]) for field in fields(FileState)))
        return state, float(record["checked_at"])
    except (KeyError, TypeError, ValueError):
        return None


def last_found_sound(path: Path, folder: Path | None = None) -> float | None:
    """When `path` was last checked and found sound, if it is exactly as the application
    closed it since and that check is less than a day old; else None (check it now)."""
    recorded = _recorded(_records(folder or config_dir()).get(_key(path)))
    if recorded is None or recorded[0] != FileState.of(path):
        return None
    checked_at = recorded[1]
    return checked_at if 0 <= time.time() - checked_at < CHECK_AT_LEAST_EVERY_SECONDS else None


def remember_clean_close(path: Path, checked_at: float, folder: Path | None = None) -> None:
    """Note `path` as it is now, closed cleanly, last found sound at `checked_at`."""
    state = FileState.of(path)
    if state is None or _key(path) in _damaged:
        return
    where = folder or config_dir()
    records = _records(where)
    records.pop(_key(path), None)  # to the end: the newest are kept
    records[_key(path)] = {**asdict(state), "checked_at": checked_at}
    _write(where, dict(list(records.items())[-KEEP_FILES:]))


def damage_seen(path: Path, folder: Path | None = None) -> None:
    """SQLite refused `path` as damaged: forget that it was closed cleanly, so that its next
    open checks it, and do not note it so again in this process."""
    _damaged.add(_key(path))
    where = folder or config_dir()
    records = _records(where)
    if records.pop(_key(path), None) is not None:
        _write(where, records)
