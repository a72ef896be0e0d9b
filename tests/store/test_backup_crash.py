"""A process killed (SIGKILL) in the middle of a backup leaves nothing in the backups folder
that is not a good backup, and Backups… offers only good ones."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from app.store import Database, sqlite_path
from app.store.backups import PARTIAL_FOLDER, list_backups
from tests.store.backup_workers import back_up_until_killed

CUSTOMERS = 60_000  # with long notes: about 25 MB, a copy of a tenth of a second here
KILL_AFTER_SECONDS = (0.02, 0.06, 0.11, 0.17, 0.3)


def _fill(db: Database) -> Path:
    path = sqlite_path(db.url)
    assert path is not None
    db.dispose()
    with closing(sqlite3.connect(path)) as connection:
        connection.executemany(
            "INSERT INTO customers (number, name, address1, address2, city, region, "
            "postal_code, country, email, phone, notes, active, cutoff_day) "
            "VALUES (?, ?, '', '', '', '', '', '', '', '', ?, 1, 15)",
            [(f"C{i:06d}", f"Customer {i}", "n" * 300) for i in range(CUSTOMERS)],
        )
        connection.commit()
    assert path.stat().st_size > 20_000_000
    return path


def _kill_during_backups(database: Path, folder: Path, after: float, started: Path) -> None:
    started.unlink(missing_ok=True)
    child = multiprocessing.get_context("spawn").Process(
        target=back_up_until_killed, args=(str(database), str(folder), str(started))
    )
    child.start()
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert child.is_alive(), "the backups ended before they started"
            assert time.monotonic() < deadline, "the backups never started"
            time.sleep(0.005)
        time.sleep(after)
    finally:
        child.kill()
        child.join(timeout=30)
    assert child.exitcode == -9


def _sound(path: Path) -> bool:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)) as backup:
        checked = backup.execute("PRAGMA integrity_check").fetchall()
        customers = backup.execute("SELECT count(*) FROM customers").fetchone()[0]
    return checked == [("ok",)] and customers == CUSTOMERS


def test_killed_backups_leave_only_good_backups(sqlite_db: Database, tmp_path: Path) -> None:
    database = _fill(sqlite_db)
    folder = tmp_path / "backups"
    killed_mid_copy = 0
    for after in KILL_AFTER_SECONDS:
        _kill_during_backups(database, folder, after, tmp_path / "started")
        partials = folder / PARTIAL_FOLDER
        killed_mid_copy += partials.is_dir() and any(partials.iterdir())
        files = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
        assert [p.name for p in files if not _sound(p)] == []
        assert sorted(b.path for b in list_backups(folder) if b.usable) == sorted(files)
    # The kills did land in the middle of a copy: what they cut short stayed out of sight.
    assert killed_mid_copy >= 1
    assert len(list_backups(folder)) >= 1
