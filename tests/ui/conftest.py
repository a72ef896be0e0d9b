"""pytest-qt fixtures: settings in a temporary folder, message boxes recorded instead of shown."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtTest import QTest

from app.store import Database
from app.ui import messages
from app.ui.application import configure_application
from app.ui.context import UiContext
from app.ui.operations import Loader


@dataclass
class Dialogs:
    """What the application tried to show, and the answers the test gives."""

    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    confirm_answer: bool = True
    open_file: Path | None = None
    save_file: Path | None = None


@pytest.fixture(autouse=True)
def qt_settings(tmp_path: Path) -> Iterator[None]:
    configure_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt"))
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    Loader.pool().waitForDone(10_000)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorded = Dialogs()
    monkeypatch.setattr(
        messages, "show_error", lambda _p, _t, text, details="": recorded.errors.append(text)
    )
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: recorded.infos.append(text))

    def confirm(_parent: object, _title: str, text: str, action: str = "OK") -> bool:
        recorded.questions.append(text)
        return recorded.confirm_answer

    def offer(_parent: object, _title: str, text: str, _action: str, _decline: str) -> bool:
        recorded.questions.append(text)
        return recorded.confirm_answer

    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "offer", offer)
    monkeypatch.setattr(messages, "ask_open_file", lambda *_a, **_k: recorded.open_file)
    monkeypatch.setattr(messages, "ask_save_file", lambda *_a, **_k: recorded.save_file)
    return recorded


@pytest.fixture
def context(sqlite_db: Database) -> UiContext:
    return UiContext(sqlite_db)


def settled() -> None:
    """Wait until every page's background load has brought its rows (they arrive by signal)."""
    deadline = time.monotonic() + 20
    while Loader.any_running():
        assert time.monotonic() < deadline, "a page's load did not finish in 20 s"
        QTest.qWait(5)
