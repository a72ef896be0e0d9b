"""A workplace on the test's SQLite file, a keyring per test, and a server that wants a
password (the local PostgreSQL trusts everyone, so it cannot refuse one)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.store import Database, sqlite_path
from app.store.opening import OpenedDatabase, PasswordRefused, open_for_desktop
from app.store.passwords import PasswordKeeper
from app.store.profile import ConnectionProfile
from app.ui import messages
from app.ui.context import UiContext
from app.ui.database.connector import Connector
from app.ui.database.file_menu import DatabaseActions, install_database_actions
from app.ui.database.workplace import Workplace
from app.ui.main_window import MainWindow
from app.ui.pages import PageSpec


@dataclass
class PasswordPrompt:
    """Answers the password prompt with the next of `answers` (None: the clerk cancels)."""

    answers: list[str | None] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)

    def ask(self, _parent: object, _title: str, text: str) -> str | None:
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else None


@pytest.fixture
def password_prompt(monkeypatch: pytest.MonkeyPatch) -> PasswordPrompt:
    prompt = PasswordPrompt()
    monkeypatch.setattr(messages, "ask_password", prompt.ask)
    return prompt


@dataclass
class GuardedServer:
    """Opens `database` for any server URL whose password is `password`."""

    database: Path
    password: str = "s3cret"
    passwords_tried: list[str | None] = field(default_factory=list)

    def open(self, url: str, **_options: Any) -> OpenedDatabase:
        from sqlalchemy.engine import make_url

        given = make_url(url).password
        self.passwords_tried.append(given)
        if given != self.password:
            raise PasswordRefused("The server refused the password.")
        return open_for_desktop(f"sqlite:///{self.database}")


class RefreshCounter(QLabel):
    def __init__(self, _context: UiContext) -> None:
        super().__init__("page")
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


@dataclass
class Desk:
    window: MainWindow
    workplace: Workplace
    actions: DatabaseActions
    config: Path
    backups: Path

    @property
    def page(self) -> RefreshCounter:
        page = self.window.pages["counter"]
        assert isinstance(page, RefreshCounter)
        return page


@pytest.fixture
def desk(qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> Iterator[Desk]:
    """The main window on the test's SQLite file, held as the application holds it."""
    path = sqlite_path(sqlite_db.url)
    assert path is not None
    sqlite_db.dispose()
    backups = tmp_path / "backups"
    opened = open_for_desktop(f"sqlite:///{path}", backup_to=backups)
    context = UiContext(opened.db)
    window = MainWindow(context, [PageSpec("counter", "Counter", "Ctrl+9", RefreshCounter)])
    qtbot.addWidget(window)
    connector = Connector(PasswordKeeper(), backups=backups)
    config = tmp_path / "config"
    workplace = Workplace(
        context, opened, ConnectionProfile.local(path), connector, config_folder=config
    )
    actions = install_database_actions(window, workplace)
    yield Desk(window, workplace, actions, config, backups)
    workplace.close()
