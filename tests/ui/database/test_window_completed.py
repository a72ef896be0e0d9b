"""What the start leaves until the main window's first paint: the File menu's actions, setting
aside what the start built from the garbage collector's passes, then the sample offer."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store import Database, sqlite_path
from app.store.opening import open_for_desktop
from app.store.passwords import PasswordKeeper
from app.store.profile import ConnectionProfile
from app.ui.application import complete_the_window
from app.ui.context import UiContext
from app.ui.database.connector import Connector
from app.ui.database.workplace import Workplace
from app.ui.main_window import MainWindow
from tests.ui.conftest import Dialogs


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test run collects as it did


def test_the_first_paint_completes_the_window(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, dialogs: Dialogs, unfrozen: None
) -> None:
    path = sqlite_path(sqlite_db.url)
    assert path is not None
    sqlite_db.dispose()
    opened = open_for_desktop(f"sqlite:///{path}", backup_to=tmp_path / "backups")
    context = UiContext(opened.db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    workplace = Workplace(
        context,
        opened,
        ConnectionProfile.local(path),
        Connector(PasswordKeeper(), backups=tmp_path / "backups"),
        config_folder=tmp_path / "config",
    )
    dialogs.confirm_answer = False  # the sample company declined
    file_menu = [action.text() for action in window.file_menu.actions()]
    assert gc.get_freeze_count() == 0
    try:
        with qtbot.waitSignal(window.sig_first_painted, timeout=10_000):
            window.sig_first_painted.connect(lambda: complete_the_window(window, workplace))
            window.show()
    finally:
        workplace.close()
    added = [a.text() for a in window.file_menu.actions() if a.text() not in file_menu]
    assert any("Import" in text for text in added), added
    # The window, its pages and every module loaded so far are set aside, before the offer.
    assert gc.get_freeze_count() > 10_000
    assert len(dialogs.questions) == 1
    assert "no customers yet" in dialogs.questions[0]
