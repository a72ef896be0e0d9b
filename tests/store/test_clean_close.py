"""A local file the application closed cleanly, untouched since, is not read page by page on
every start; any change to it, a day gone by, or damage SQLite met brings the check back, and a
damaged file is still refused before anything is written to it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError

from app.store import clean_close, opening
from app.store.clean_close import (
    CHECK_AT_LEAST_EVERY_SECONDS,
    last_found_sound,
    remember_clean_close,
)
from app.store.local_file import DatabaseDamaged, check_not_damaged
from app.store.network_share import Mount
from app.store.opening import open_for_command_line, open_for_desktop
from tests.store.local_files import damage, make_database

LOCAL_DISK = [Mount("/", "ext4")]


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files SQLite's quick check read, in order (the check itself still runs)."""
    done: list[Path] = []

    def counted(path: Path) -> None:
        done.append(path)
        check_not_damaged(path)

    monkeypatch.setattr(opening, "check_not_damaged", counted)
    return done


def _open_and_close(path: Path) -> None:
    open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK).close()


def test_a_file_closed_cleanly_and_untouched_is_not_checked_again(
    tmp_path: Path, checks: list[Path]
) -> None:
    path = make_database(tmp_path / "books.sqlite3")
    _open_and_close(path)
    _open_and_close(path)
    open_for_command_line(f"sqlite:///{path}", mounts=LOCAL_DISK).close()
    assert checks == [path]


def test_a_file_written_since_is_checked_and_refused_when_damaged(
    tmp_path: Path, checks: list[Path]
) -> None:
    path = make_database(tmp_path / "books.sqlite3")
    _open_and_close(path)
    modified = path.stat().st_mtime_ns
    damage(path)
    os.utime(path, ns=(modified, modified))  # even with its old time, the write shows
    with pytest.raises(DatabaseDamaged):
        _open_and_close(path)
    assert checks == [path, path]


def test_a_file_written_by_another_program_is_checked(tmp_path: Path, checks: list[Path]) -> None:
    path = make_database(tmp_path / "books.sqlite3")
    _open_and_close(path)
    with open(path, "ab") as file:
        file.write(b"\0" * 4096)  # a whole page more: still a sound file
    _open_and_close(path)
    _open_and_close(path)
    assert checks == [path, path]


def test_a_check_more_than_a_day_old_is_made_again(tmp_path: Path, checks: list[Path]) -> None:
    path = make_database(tmp_path / "books.sqlite3")
    _open_and_close(path)
    remember_clean_close(path, time.time() - CHECK_AT_LEAST_EVERY_SECONDS - 1)
    assert last_found_sound(path) is None
    _open_and_close(path)
    _open_and_close(path)
    assert checks == [path, path]


def test_a_check_keeps_its_time_through_the_closes_after_it(tmp_path: Path) -> None:
    path = make_database(tmp_path / "books.sqlite3")
    before = time.time()
    _open_and_close(path)
    checked_at = last_found_sound(path)
    assert checked_at is not None
    assert before <= checked_at
    opened = open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK)
    with opened.db.transaction() as session:
        session.execute(text("UPDATE counters SET value = value + 1 WHERE name = 'batch_number'"))
    opened.close()
    assert last_found_sound(path) == checked_at


def test_damage_sqlite_meets_while_working_brings_the_check_back(
    tmp_path: Path, checks: list[Path]
) -> None:
    path = make_database(tmp_path / "books.sqlite3")
    damage(path)
    # As if a failing disk had broken a page without changing the file's times.
    remember_clean_close(path, time.time())
    opened = open_for_desktop(f"sqlite:///{path}", mounts=LOCAL_DISK)
    with pytest.raises(SQLAlchemyDatabaseError, match="malformed"), opened.db.read() as session:
        session.execute(text("SELECT * FROM customers")).all()
    opened.close()
    assert last_found_sound(path) is None
    with pytest.raises(DatabaseDamaged):
        _open_and_close(path)
    assert checks == [path]


def test_the_record_keeps_the_most_recent_files(tmp_path: Path) -> None:
    paths = [tmp_path / f"books-{n}.sqlite3" for n in range(clean_close.KEEP_FILES + 1)]
    for path in paths:
        path.write_bytes(b"")
        remember_clean_close(path, time.time())
    assert last_found_sound(paths[0]) is None
    assert all(last_found_sound(path) is not None for path in paths[1:])


def test_an_unreadable_record_means_checking(
    tmp_path: Path, checks: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clean_close, "config_dir", lambda: tmp_path / "config")
    path = make_database(tmp_path / "books.sqlite3")
    _open_and_close(path)
    record = tmp_path / "config" / clean_close.RECORD_FILE
    record.write_text("{not json", encoding="utf-8")
    _open_and_close(path)
    assert checks == [path, path]
