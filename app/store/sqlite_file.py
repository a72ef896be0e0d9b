"""Opening a database file with Python's sqlite3 beside the application's engine.

Never creates a missing file, and closes what it opens: `with sqlite3.connect(…)` only ends a
transaction, and a connection left to the garbage collector keeps the file (and its -wal and
-shm) open, locked on Windows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path


@contextmanager
def opened(path: Path, mode: str) -> Iterator[sqlite3.Connection]:
    """A connection that never creates a missing file (`mode` rw, ro or ro&immutable=1),
    closed when the block ends."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        yield connection
