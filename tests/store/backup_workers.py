"""What the backup crash test runs in a child process (started with 'spawn'): backups of one
file, one after another, until the test kills it."""

from __future__ import annotations

from pathlib import Path

from app.store.backups import back_up_now


def back_up_until_killed(database: str, folder: str, started: str) -> None:
    Path(started).write_text("started")
    while True:
        back_up_now(Path(database), Path(folder))
