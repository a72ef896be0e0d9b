"""The Database dialog: a local file or a shared server; the password to the keyring only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from app import billing
from app.store import Database, network_share
from app.store.backups import backup_sqlite
from app.store.network_share import Mount
from app.store.passwords import KEYRING_SERVICE
from app.store.profile import ConnectionProfile
from app.store.remembered import CONFIG_FILE, load_choice
from app.ui.database.database_dialog import DatabaseDialog
from tests.factories import customer
from tests.memory_keyring import MemoryKeyring
from tests.ui.conftest import Dialogs
from tests.ui.database.conftest import Desk, GuardedServer, PasswordPrompt

PASSWORD = "s3cret-Pässwörd"


def open_dialog(desk: Desk) -> DatabaseDialog:
    desk.actions.choose_database()
    dialog = desk.actions.dialog
    assert isinstance(dialog, DatabaseDialog)
    return dialog


def fill_server(dialog: DatabaseDialog, url: str, password: str) -> ConnectionProfile:
    parsed = make_url(url)
    dialog.server_choice.setChecked(True)
    dialog.host.setText(parsed.host or "")
    dialog.port.setValue(parsed.port or 5432)
    dialog.database.setText(parsed.database or "")
    dialog.user.setText(parsed.username or "")
    dialog.password.setText(password)
    return dialog.profile()


def every_file_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


@pytest.mark.postgres
def test_server_password_goes_to_the_keyring_and_never_to_a_file(
    qtbot: QtBot,
    desk: Desk,
    postgres_db: Database,
    postgres_url: str,
    memory_keyring: MemoryKeyring,
    dialogs: Dialogs,
    tmp_path: Path,
) -> None:
    """`postgres_db` empties the run's server database, which other tests also fill."""
    dialog = open_dialog(desk)
    profile = fill_server(dialog, postgres_url, PASSWORD)
    dialog.open_button.click()
    assert dialogs.errors == []
    assert desk.workplace.profile == profile
    assert desk.window.context.db.url.get_backend_name() == "postgresql"
    assert f"{profile.host}:{profile.port}/{profile.database}" in desk.window.database_label.text()
    assert memory_keyring.passwords == {(KEYRING_SERVICE, profile.keyring_username): PASSWORD}
    assert load_choice(desk.config) == profile
    files = every_file_under(tmp_path)
    assert desk.config / CONFIG_FILE in files
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes(), path
        assert PASSWORD.encode("utf-16-le") not in path.read_bytes(), path
    with desk.window.context.transaction() as session:
        assert billing.list_batches(session) == []


def test_without_a_keyring_the_password_is_asked_once_per_session(
    desk: Desk,
    without_keyring: None,
    password_prompt: PasswordPrompt,
    dialogs: Dialogs,
    tmp_path: Path,
) -> None:
    server = GuardedServer(tmp_path / "server.sqlite3")
    connector = desk.workplace.connector
    connector.opener = server.open
    profile = ConnectionProfile.server("books.example", 5432, "books", "clerk")
    password_prompt.answers = ["wrong", "s3cret"]
    first = connector.open(desk.window, profile)
    assert first is not None
    assert server.passwords_tried == [None, "wrong", "s3cret"]
    assert len(password_prompt.questions) == 2
    assert "no system keyring" in password_prompt.questions[0]
    assert password_prompt.questions[1].startswith("The server refused the password.")
    first.close()
    again = connector.open(desk.window, profile)
    assert again is not None
    again.close()
    assert len(password_prompt.questions) == 2  # kept in memory for this session
    assert server.passwords_tried[-1] == "s3cret"
    for path in every_file_under(tmp_path):
        assert b"s3cret" not in path.read_bytes(), path
    assert dialogs.errors == []


def test_cancelled_password_prompt_opens_nothing(
    desk: Desk, without_keyring: None, password_prompt: PasswordPrompt, tmp_path: Path
) -> None:
    desk.workplace.connector.opener = GuardedServer(tmp_path / "server.sqlite3").open
    profile = ConnectionProfile.server("books.example", 5432, "books", "clerk")
    assert desk.workplace.connector.open(desk.window, profile) is None
    assert len(password_prompt.questions) == 1


def test_switching_to_a_new_local_file(
    qtbot: QtBot, desk: Desk, dialogs: Dialogs, tmp_path: Path
) -> None:
    old = desk.workplace.local_path
    refreshed = desk.page.refreshed
    dialog = open_dialog(desk)
    target = tmp_path / "other" / "books.sqlite3"
    dialog.path.setText(str(target))
    dialog.open_button.click()
    assert dialogs.errors == []
    assert desk.workplace.local_path == target
    assert desk.window.database_label.text() == f"Database: {target}"
    assert desk.page.refreshed == refreshed + 1
    assert load_choice(desk.config) == ConnectionProfile.local(target)
    assert old is not None
    # The old file is free again: its lock went with it.
    assert open_check(desk, old)


def open_check(desk: Desk, path: Path) -> bool:
    opened = desk.workplace.connector.open(desk.window, ConnectionProfile.local(path))
    if opened is None:
        return False
    opened.close()
    return True


def test_a_file_in_use_by_another_window_is_refused(
    desk: Desk, dialogs: Dialogs, tmp_path: Path
) -> None:
    path = desk.workplace.local_path
    assert path is not None
    assert not open_check(desk, path)
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith(f"The database {path} is in use by ")


def test_a_file_on_a_network_share_is_refused(
    desk: Desk, dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    mounts = [Mount("/", "ext4"), Mount(str(share), "cifs")]
    monkeypatch.setattr(network_share, "system_mounts", lambda _platform="linux": mounts)
    dialog = open_dialog(desk)
    dialog.path.setText(str(share / "books.sqlite3"))
    dialog.open_button.click()
    assert dialog.opened is None
    assert len(dialogs.errors) == 1
    assert "is on a network share" in dialogs.errors[0]
    assert "shared PostgreSQL server" in dialogs.errors[0]
    assert not share.exists()


def connection_result(qtbot: QtBot, dialog: DatabaseDialog) -> str:
    with qtbot.waitSignal(dialog.sig_tested, timeout=20_000):
        dialog.test_button.click()
    return dialog.result_label.text()


def test_test_connection_tells_what_it_found(
    qtbot: QtBot, desk: Desk, dialogs: Dialogs, tmp_path: Path
) -> None:
    dialog = open_dialog(desk)
    dialog.test_button.click()
    assert dialog.result_label.text() == "This is the database in use now."
    fresh = tmp_path / "fresh.sqlite3"
    dialog.path.setText(str(fresh))
    assert connection_result(qtbot, dialog) == (
        f"{fresh} does not exist yet; Invoice Batches will create it when you open it."
    )
    newer = tmp_path / "newer.sqlite3"
    with desk.window.context.transaction() as session:
        customer(session, "C001")
    assert desk.workplace.local_path is not None
    backup_sqlite(desk.workplace.local_path, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    dialog.path.setText(str(newer))
    assert "upgraded by a newer version of Invoice Batches" in connection_result(qtbot, dialog)
    fill_server(dialog, "postgresql://clerk@127.0.0.1:1/books", "pw")
    assert connection_result(qtbot, dialog).startswith(
        "Cannot reach the database server 127.0.0.1:1/books"
    )
    assert dialogs.errors == []


def test_missing_fields_are_named(desk: Desk, dialogs: Dialogs) -> None:
    dialog = open_dialog(desk)
    dialog.server_choice.setChecked(True)
    dialog.host.clear()
    dialog.user.clear()
    dialog.open_button.click()
    assert dialog.result_label.text() == "Enter the host. Enter the user."
    assert dialog.opened is None
