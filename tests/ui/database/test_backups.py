"""Back up the local file, restore a backup (after a safety backup), and the list of backups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import CustomerQuery
from app.store import Database, Upgrade
from app.store.backups import backup_sqlite, list_backups
from app.ui.database.backups_dialog import BackupsDialog
from app.ui.database.file_menu import upgrade_news
from tests.factories import customer
from tests.ui.conftest import Dialogs
from tests.ui.database.conftest import Desk


def customer_numbers(desk: Desk) -> list[str]:
    with desk.window.context.transaction() as session:
        return [c.number for c in billing.list_customers(session, CustomerQuery())]


def new_batch(desk: Desk, printed: bool = False) -> int:
    with desk.window.context.transaction() as session:
        number = billing.create_manual_batch(session, dt.date(2027, 1, 15), "month end").number
    if printed:
        with desk.window.context.transaction() as session:
            job = billing.begin_print(session, number)
        with desk.window.context.transaction() as session:
            billing.record_print(session, job, b"%PDF-1.4 printed")
    return number


def test_back_up_and_restore(qtbot: QtBot, desk: Desk, dialogs: Dialogs) -> None:
    with desk.window.context.transaction() as session:
        billing.set_setting(session, "company_name", "Acme Heating")
        customer(session, "C001")
    new_batch(desk)
    desk.actions.back_up()
    backups = list_backups(desk.backups)
    assert [b.reason for b in backups] == ["Backed up"]
    with desk.window.context.transaction() as session:
        customer(session, "C002")
        customer(session, "C003")
    assert (new_batch(desk, printed=True), new_batch(desk)) == (2, 3)
    desk.actions.restore(backups[0].path)
    assert dialogs.questions == [
        f"Replace the database {desk.workplace.local_path} with the backup "
        f"{backups[0].path.name}?\n\n"
        "The backup is of Acme Heating; its newest batch is 1, closed 2027-01-15.\n\n"
        "Everything entered or changed since that backup was made will be gone.\n\n"
        "Batches made after the backup will be gone: 2, 3.\n\n"
        "Batches printed after the backup will no longer show as printed: 2.\n\n"
        "The database will have 2 customers fewer.\n\n"
        "Batch numbers already handed out are not handed out again.\n\n"
        "A safety backup of the database as it is now is made first."
    ]
    assert dialogs.errors == []
    assert new_batch(desk) == 4
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


def test_restore_refuses_an_empty_backup(desk: Desk, dialogs: Dialogs) -> None:
    with desk.window.context.transaction() as session:
        customer(session, "C001")
    desk.backups.mkdir(parents=True)
    empty = desk.backups / "books-backup-20261201-101010.sqlite3"
    empty.touch()
    desk.actions.restore(empty)
    assert dialogs.errors == [
        f"{empty} cannot be restored: the file is empty. Nothing was changed."
    ]
    assert dialogs.questions == []
    assert customer_numbers(desk) == ["C001"]
    assert [b.path for b in list_backups(desk.backups)] == [empty]  # no safety backup


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
    assert desk.workplace.local_path is not None
    upgrade_file = desk.backups / "books-before-0002_next-20261121-101010.sqlite3"
    backup_sqlite(desk.workplace.local_path, upgrade_file)
    empty = desk.backups / "books-backup-20261121-101011.sqlite3"
    empty.touch()
    desk.actions.back_up()
    desk.actions.show_backups()
    dialog = desk.actions.dialog
    assert isinstance(dialog, BackupsDialog)
    rows = {
        cell(dialog, row, 4): (cell(dialog, row, 1), cell(dialog, row, 2))
        for row in range(dialog.table.rowCount())
    }
    stem = desk.workplace.local_path.stem
    assert rows[upgrade_file.name] == ("Before an upgrade", "books")
    assert rows[empty.name] == ("Unusable: the file is empty", "books")
    assert [why for why, _db in rows.values()].count("Backed up") == 1
    assert {db for _why, db in rows.values()} == {"books", stem}
    assert not dialog.restore_button.isEnabled()
    # Fitted to the rows once, not by asking every cell whenever it paints (ResizeToContents).
    header = dialog.table.horizontalHeader()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive
    reason = dialog.table.fontMetrics().horizontalAdvance("Unusable: the file is empty")
    assert dialog.table.columnWidth(1) > reason
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    empty_row = next(r for r in range(dialog.table.rowCount()) if cell(dialog, r, 4) == empty.name)
    assert cell(dialog, empty_row, 3) == "0 bytes"
    dialog.table.selectRow(empty_row)
    assert not dialog.restore_button.isEnabled()


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
