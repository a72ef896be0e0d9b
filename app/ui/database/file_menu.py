"""The File menu's Database…, Company Settings…, backup and restore actions, and what the
main window shows when another database (or a restored file) comes into use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from app.store import Database
from app.store.backups import back_up_now
from app.store.restore import local_file, plan_restore
from app.ui import messages
from app.ui.database.backups_dialog import BackupsDialog
from app.ui.database.database_dialog import FILE_FILTER, DatabaseDialog
from app.ui.database.restore_question import restore_question
from app.ui.database.workplace import Workplace
from app.ui.main_window import MainWindow
from app.ui.operations import attempt


def upgrade_news(db: Database) -> str | None:
    """What to tell the clerk when opening upgraded the database."""
    upgrade = db.upgrade
    if upgrade is None or upgrade.from_revision is None:
        return None
    news = "Invoice Batches upgraded this database to its new version."
    if upgrade.backup is not None:
        news += f" The old version was backed up to {upgrade.backup} (File ▸ Backups…)."
    return news


class DatabaseActions(QObject):
    """Owns the File menu's database actions and the dialogs they open."""

    def __init__(self, window: MainWindow, workplace: Workplace) -> None:
        super().__init__(window)
        self.window = window
        self.workplace = workplace
        self.dialog: QDialog | None = None
        self.database_action = self._action("&Database…", self.choose_database)
        self.settings_action = self._action("&Company Settings…", self.company_settings)
        self.back_up_action = self._action("&Back Up Database", self.back_up)
        self.restore_action = self._action("&Restore Database…", self.restore_chosen)
        self.backups_action = self._action("Back&ups…", self.show_backups)
        workplace.sig_switched.connect(self._switched)
        self._enable()

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction | None]:
        """In menu order; None is a separator."""
        return [
            self.database_action,
            self.settings_action,
            None,
            self.back_up_action,
            self.restore_action,
            self.backups_action,
            None,
        ]

    def _enable(self) -> None:
        local = self.workplace.local_path is not None
        why = "" if local else "A shared server is backed up by whoever runs it."
        for action in (self.back_up_action, self.restore_action):
            action.setEnabled(local)
            action.setToolTip(why)

    def _say(self, text: str, timeout_ms: int = 15_000) -> None:
        self.window.statusBar().showMessage(text, timeout_ms)

    def _switched(self) -> None:
        self.window.show_database()
        self._enable()
        self.window.context.sig_data_changed.emit()
        self.window.refresh_current()
        news = upgrade_news(self.workplace.db)
        self._say(
            news or f"Now working on {self.workplace.db.display_name}.", 0 if news else 15_000
        )

    def choose_database(self) -> None:
        dialog = DatabaseDialog(self.window, self.workplace.connector, self.workplace.profile)
        dialog.accepted.connect(lambda: self._chosen(dialog))
        self._open(dialog)

    def _chosen(self, dialog: DatabaseDialog) -> None:
        if dialog.opened is not None:
            self.workplace.switch(*dialog.opened)

    def company_settings(self) -> None:
        # Imported when first opened: its header preview imports ReportLab, its mail settings
        # the sending job, more than the whole window costs at start.
        from app.ui.company_settings.settings_dialog import CompanySettingsDialog

        dialog = CompanySettingsDialog(self.window, self.window.context)
        dialog.accepted.connect(
            lambda: self._say("Company settings saved; the next report prints them.")
        )
        self._open(dialog)

    def back_up(self) -> None:
        def back_up() -> Path:
            return back_up_now(local_file(self.workplace.db), self.workplace.backups_folder)

        path = attempt(self.window, "Back Up Database", back_up)
        if path is not None:
            self._say(f"Backed up to {path}.")
            if isinstance(self.dialog, BackupsDialog):
                self.dialog.reload()

    def restore_chosen(self) -> None:
        folder = self.workplace.backups_folder
        path = messages.ask_open_file(self.window, "Restore Database", FILE_FILTER, str(folder))
        if path is not None:
            self.restore(path)

    def restore(self, backup: Path) -> None:
        db = self.workplace.db
        plan = attempt(self.window, "Restore Database", lambda: plan_restore(db, backup))
        if plan is None:
            return
        question = restore_question(plan)
        if not messages.confirm(self.window, "Restore Database", question, "Restore"):
            return
        safety = attempt(self.window, "Restore Database", lambda: self.workplace.restore(backup))
        if safety is not None:
            self._say(f"Restored {backup.name}; the database as it was is kept in {safety}.", 0)
        if isinstance(self.dialog, BackupsDialog):
            self.dialog.reload()

    def show_backups(self) -> None:
        dialog = BackupsDialog(self.window, self.workplace)
        dialog.back_up_button.clicked.connect(self.back_up)
        dialog.restore_button.clicked.connect(lambda: self._restore_selected(dialog))
        self._open(dialog)

    def _restore_selected(self, dialog: BackupsDialog) -> None:
        chosen = dialog.selected()
        if chosen is not None:
            self.restore(chosen.path)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()


def install_database_actions(window: MainWindow, workplace: Workplace) -> DatabaseActions:
    """Put the actions in the File menu, and tell of an upgrade made on opening."""
    actions = DatabaseActions(window, workplace)
    window.add_file_actions(actions.actions())
    news = upgrade_news(workplace.db)
    if news:
        window.statusBar().showMessage(news)
    return actions
