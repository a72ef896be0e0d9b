"""A second copy of the application on the same local file is refused, naming the holder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.store.file_lock import DatabaseInUse, DatabaseLock, lock_path

TRY_LOCK = """
import sys
from pathlib import Path
from app.store.file_lock import DatabaseInUse, DatabaseLock
try:
    DatabaseLock.acquire(Path(sys.argv[1]))
except DatabaseInUse as error:
    print(error)
    sys.exit(3)
"""


def test_second_lock_on_the_same_file_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "books.sqlite3"
    first = DatabaseLock.acquire(database)
    assert first.held
    assert lock_path(database) == tmp_path / "books.sqlite3.lock"
    with pytest.raises(DatabaseInUse, match=r"is in use by .+ \(process \d+\)"):
        DatabaseLock.acquire(database)
    first.release()
    assert not first.held
    DatabaseLock.acquire(database).release()


def test_another_process_is_refused_until_the_lock_is_released(tmp_path: Path) -> None:
    database = tmp_path / "books.sqlite3"
    lock = DatabaseLock.acquire(database)
    refused = subprocess.run(
        [sys.executable, "-c", TRY_LOCK, str(database)], capture_output=True, text=True
    )
    assert refused.returncode == 3
    assert "Only one copy of Invoice Batches" in refused.stdout
    lock.release()
    allowed = subprocess.run([sys.executable, "-c", TRY_LOCK, str(database)], capture_output=True)
    assert allowed.returncode == 0
