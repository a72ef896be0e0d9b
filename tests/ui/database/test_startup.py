"""Which database the application starts on, and a second window on the same file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.store import ENV_VARIABLE, default_url
from app.store.opening import open_for_desktop
from app.store.passwords import PasswordKeeper
from app.store.profile import ConnectionProfile
from app.store.remembered import remember_choice
from app.ui.database.connector import Connector, starting_choice
from app.ui.database.startup import CHOOSE_ANOTHER, start_database
from tests.ui.conftest import Dialogs


def test_start_order_is_db_then_environment_then_remembered_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    config = tmp_path / "config"
    assert starting_choice(None, config) == (ConnectionProfile.from_url(default_url()), None)
    remembered = ConnectionProfile.server("db.example", 5432, "books", "clerk")
    remember_choice(remembered, config)
    assert starting_choice(None, config) == (remembered, None)
    monkeypatch.setenv(ENV_VARIABLE, "sqlite:////srv/env.sqlite3")
    assert starting_choice(None, config) == (
        ConnectionProfile.local(Path("/srv/env.sqlite3")),
        "sqlite:////srv/env.sqlite3",
    )
    explicit = "postgresql://boss:pw@other:6000/ledger"
    assert starting_choice(explicit, config) == (
        ConnectionProfile.server("other", 6000, "ledger", "boss"),
        explicit,
    )


def test_second_window_on_the_same_file_is_refused(
    qtbot: object, tmp_path: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    url = f"sqlite:///{tmp_path / 'books.sqlite3'}"
    first = start_database(Connector(PasswordKeeper()), url, tmp_path / "config")
    assert first is not None
    dialogs.confirm_answer = False  # "choose another database?": no
    second = start_database(Connector(PasswordKeeper()), url, tmp_path / "config")
    assert second is None
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith(f"The database {tmp_path / 'books.sqlite3'} is in use by ")
    assert "Only one copy of Invoice Batches" in dialogs.errors[0]
    assert dialogs.questions == [CHOOSE_ANOTHER]
    first[0].close()
    third = start_database(Connector(PasswordKeeper()), url, tmp_path / "config")
    assert third is not None
    third[0].close()


def test_remembered_file_is_opened_and_locked(
    qtbot: object, tmp_path: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    path = tmp_path / "remembered.sqlite3"
    remember_choice(ConnectionProfile.local(path), tmp_path / "config")
    started = start_database(Connector(PasswordKeeper()), None, tmp_path / "config")
    assert started is not None
    opened, profile = started
    assert profile == ConnectionProfile.local(path)
    assert opened.lock is not None
    assert opened.lock.held
    with pytest.raises(Exception, match="is in use by"):
        open_for_desktop(f"sqlite:///{path}")
    opened.close()
