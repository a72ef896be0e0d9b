"""The database the windows work on now, and switching to another one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.store import Database, backups_dir, sqlite_path
from app.store.opening import OpenedDatabase
from app.store.profile import ConnectionProfile
from app.store.remembered import remember_choice
from app.store.restore import restore_backup
from app.ui.context import UiContext
from app.ui.database.connector import Connector


class Workplace(QObject):
    """Owns the open database (and the lock on a local file) for as long as it is in use."""

    sig_switched = Signal()  # another database (or a restored file) is now in use

    def __init__(
        self,
        context: UiContext,
        opened: OpenedDatabase,
        profile: ConnectionProfile,
        connector: Connector,
        *,
        config_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.opened = opened
        self.profile = profile
        self.connector = connector
        self.config_folder = config_folder
        context.db = opened.db

    @property
    def db(self) -> Database:
        return self.opened.db

    @property
    def local_path(self) -> Path | None:
        return sqlite_path(self.db.url)

    @property
    def backups_folder(self) -> Path:
        return self.connector.backups or backups_dir()

    def switch(self, opened: OpenedDatabase, profile: ConnectionProfile) -> None:
        """Work on `opened` from now on, close the old one, and remember the choice."""
        old = self.opened
        self.opened, self.profile = opened, profile
        self.context.db = opened.db
        old.close()
        remember_choice(profile, self.config_folder)
        self.sig_switched.emit()

    def restore(self, backup: Path) -> Path:
        """Put `backup` in place of the local file in use; returns the safety backup."""
        db, safety = restore_backup(self.db, backup, self.backups_folder)
        self.replace_engine(db)
        return safety

    def replace_engine(self, db: Database) -> None:
        """The same file, opened again (after a restore); the lock on it stays held."""
        self.opened.db = db
        self.context.db = db
        self.sig_switched.emit()

    def close(self) -> None:
        self.opened.close()
