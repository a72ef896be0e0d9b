"""A file dialog listing the data folder leaves SQLite's locks whole (STYLE.md, hard-won facts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileSystemModel
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.store import Database
from app.ui import messages
from app.ui.import_actions import CSV_FILTER

TRY_TO_WRITE = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA busy_timeout=0")
try:
    connection.execute("BEGIN IMMEDIATE")
except sqlite3.OperationalError as error:
    print(error)
else:
    print("the write lock was free")
"""


def _another_process_tries_to_write(database: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", TRY_TO_WRITE, str(database)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout.strip()


def test_listing_the_data_folder_keeps_the_write_lock(sqlite_db: Database, qtbot: QtBot) -> None:
    database = Path(str(sqlite_db.url.database))
    folder = database.parent
    with sqlite_db.engine.connect() as connection:
        connection.execute(text("UPDATE counters SET value = value"))  # holds the write lock
        assert _another_process_tries_to_write(database) == "database is locked"

        dialog = messages.FileDialog(None, "Import Customers", CSV_FILTER, str(folder))
        qtbot.addWidget(dialog)
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        dialog.show()
        # Listed: the model knows each file's type, which is where Qt's own provider opens them.
        listed = [model.index(str(folder / f"{database.name}{end}")) for end in ("-wal", "-shm")]
        qtbot.waitUntil(lambda: all(model.type(index) for index in listed), timeout=10_000)
        dialog.close()

        assert _another_process_tries_to_write(database) == "database is locked"
        # Named from the file name alone.
        assert [model.type(index) for index in listed] == ["SQLITE3-WAL File", "SQLITE3-SHM File"]
        connection.rollback()


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    location = QStandardPaths.StandardLocation.DocumentsLocation
    assert Path(QStandardPaths.writableLocation(location)) == home / "Documents"
    return home / "Documents"


def test_dialogs_start_in_the_documents_folder(
    documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr(messages, "data_dir", lambda: data)
    assert messages.starting_place("") == str(documents)
    assert messages.starting_place("invoice-batch-3.pdf") == str(documents / "invoice-batch-3.pdf")
    assert messages.starting_place(str(data)) == str(documents)
    assert messages.starting_place(str(data / "new.sqlite3")) == str(documents / "new.sqlite3")
    backups = data / "backups"
    backups.mkdir(parents=True)
    assert messages.starting_place(str(backups)) == str(backups)


def test_without_a_documents_folder_dialogs_start_at_home(documents: Path) -> None:
    documents.rmdir()
    assert messages.starting_place("report.pdf") == str(documents.parent / "report.pdf")
