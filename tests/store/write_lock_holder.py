"""Another process in the middle of a change: it holds the write lock (SQLite's, or PostgreSQL's
lock on the batches) with an uncommitted edit, until the test lets it go.

Run as `python -m tests.store.write_lock_holder URL`: it prints "holding" once it holds the
lock, and rolls back when its stdin closes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.store import Database, sqlite_path

REPO = Path(__file__).resolve().parents[2]
HOLDING = "holding"
EDIT = "UPDATE invoice_batches SET description = 'being changed'"


def _hold_sqlite(path: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(EDIT)
    print(HOLDING, flush=True)
    sys.stdin.read()
    connection.execute("ROLLBACK")
    connection.close()


def _hold_server(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as connection:
        # EXCLUSIVE lets plain reads through but stops every writer and every FOR UPDATE.
        connection.execute(text("LOCK TABLE invoice_batches IN EXCLUSIVE MODE"))
        connection.execute(text(EDIT))
        print(HOLDING, flush=True)
        sys.stdin.read()
        connection.rollback()
    engine.dispose()


@contextmanager
def another_process_writing(db: Database) -> Iterator[None]:
    """While the block runs, a second process holds the write lock with an open change."""
    url = db.url.render_as_string(hide_password=False)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.write_lock_holder", url],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdin is not None
        assert child.stdout.readline().strip() == HOLDING
        yield
        child.stdin.close()
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


if __name__ == "__main__":
    path = sqlite_path(make_url(sys.argv[1]))
    if path is not None:
        _hold_sqlite(path)
    else:
        _hold_server(sys.argv[1])
