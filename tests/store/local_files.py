"""Local database files a clerk can meet: damaged, or in a folder the clerk cannot write."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import open_database

REPOSITORY = Path(__file__).resolve().parents[2]


def make_database(path: Path) -> Path:
    """A migrated database file, checkpointed and closed: no -wal or -shm beside it."""
    open_database(f"sqlite:///{path}", backup_to=None).dispose()
    return path


def damage(path: Path) -> None:
    """Break the page that holds the customers table, as a failing disk would."""
    with sqlite3.connect(path) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'customers'"
        ).fetchone()[0]
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * 16)


@pytest.fixture
def unwritable_folder() -> Iterator[Path]:
    """A folder holding a database, which the clerk (run with `as_clerk`) cannot write in.

    Tests run as root, which ignores permissions, so `as_clerk` runs as nobody then; the
    folder lies outside pytest's own, which only root may enter.
    """
    folder = Path(tempfile.mkdtemp(prefix="invoice-batches-"))
    database = make_database(folder / "books.sqlite3")
    database.chmod(0o666)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def as_clerk(*args: str) -> subprocess.CompletedProcess[str]:
    """Run Python with `args` as a user without root's privileges."""
    return subprocess.run(
        [sys.executable, *args],
        user="nobody" if os.geteuid() == 0 else None,
        cwd=REPOSITORY,
        env={**os.environ, "HOME": tempfile.gettempdir()},
        capture_output=True,
        text=True,
        timeout=60,
    )
