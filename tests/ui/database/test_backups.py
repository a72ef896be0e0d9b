"""Back up the local file, restore a backup (after a safety backup), and the list of backups."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app import billing
from app.billing import CustomerQuery
from app.store import Database, Upgrade
from app.store.backups import list_backups
from app.ui.database.backups_dialog import BackupsDialog
from app.ui.database.file_menu import upgrade_news
from tests.factories import customer
from tests.ui.conftest import Dialogs
from tests.ui.database.conftest import Desk


def customer_numbers(desk: Desk) -> list[str]:
    with desk.window.context.transaction() as session:
        return [c.number for c in billing.list_customers(session, CustomerQuery())]


def test_back_up_and_restore(qtbot: QtBot, desk: Desk, dialogs: Dialogs) -> None:
    with desk.window.context.transaction() as session:
        customer(session, "C001")
    desk.actions.back_up()
    backups = list_backups(desk.backups)
    assert [b.reason for b in backups] == ["Backed up"]
    with desk.window.context.transaction() as session:
        customer(session, "C002")
    desk.actions.restore(backups[0].path)
    assert len(dialogs.questions) == 1
    assert "A safety backup of the database as it is now is made first" in dialogs.questions[0]
    assert dialogs.errors == []
    assert customer_numbers(desk) == ["C001"]
    reasons = sorted(b.reason for b in list_backups(desk.backups))
    assert reasons == ["Backed up", "Before a restore"]
    assert "Restored " in desk.window.statusBar().currentMessage()
    assert desk.workplace.opened.lock is not None
    assert desk.workplace.opened.lock.held  # still ours while the file was replaced


def test_restore_not_confirmed_changes_nothing(desk: Desk, dialogs: Dialogs) -> None:
    with desk.window.context.transaction() as session:
        customer(session, "C001")
    desk.actions.back_up()
    with desk.window.context.transaction() as session:
        customer(session, "C002")
    dialogs.confirm_answer = False
    desk.actions.restore(list_backups(desk.backups)[0].path)
    assert customer_numbers(desk) == ["C001", "C002"]
    assert len(list_backups(desk.backups)) == 1


def test_restore_refuses_a_file_that_is_not_a_database(
    desk: Desk, dialogs: Dialogs, tmp_path: Path
) -> None:
    with desk.window.context.transaction() as session:
        customer(session, "C001")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database " * 200)
    desk.actions.restore(junk)
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith(f"{junk} cannot be restored: ")
    assert customer_numbers(desk) == ["C001"]
    assert list_backups(desk.backups) == []  # refused before the safety backup


def cell(dialog: BackupsDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def test_backups_window_lists_the_upgrade_backup(qtbot: QtBot, desk: Desk) -> None:
    desk.backups.mkdir(parents=True, exist_ok=True)
    upgrade_file = desk.backups / "books-before-0002_next-20261121-101010.sqlite3"
    upgrade_file.write_bytes(b"x" * 4096)
    desk.actions.back_up()
    desk.actions.show_backups()
    dialog = desk.actions.dialog
    assert isinstance(dialog, BackupsDialog)
    rows = {
        cell(dialog, row, 4): (cell(dialog, row, 1), cell(dialog, row, 2))
        for row in range(dialog.table.rowCount())
    }
    stem = desk.workplace.local_path.stem if desk.workplace.local_path else ""
    assert rows[upgrade_file.name] == ("Before an upgrade", "books")
    assert [why for why, _db in rows.values()].count("Backed up") == 1
    assert {db for _why, db in rows.values()} == {"books", stem}
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()


def test_upgrade_on_opening_is_told(desk: Desk, tmp_path: Path) -> None:
    backup = tmp_path / "books-before-0002-20261121-101010.sqlite3"
    upgraded = Database(desk.workplace.db.engine, Upgrade("0001", "0002", backup))
    news = upgrade_news(upgraded)
    assert news == (
        "Invoice Batches upgraded this database to its new version. The old version was "
        f"backed up to {backup} (File ▸ Backups…)."
    )
    created = Database(desk.workplace.db.engine, Upgrade(None, "0001", None))
    assert upgrade_news(created) is None
    desk.workplace.replace_engine(upgraded)
    assert desk.window.statusBar().currentMessage() == news
