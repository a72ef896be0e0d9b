"""The database the application starts on, and what happens when it cannot be opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from app.store.opening import OpenedDatabase
from app.store.profile import ConnectionProfile
from app.store.remembered import remember_choice
from app.ui import messages
from app.ui.database.connector import Connector, starting_choice
from app.ui.database.database_dialog import DatabaseDialog

CHOOSE_ANOTHER = (
    "Invoice Batches cannot start without a database. Choose another one (or set up a shared "
    "server)?"
)


def start_database(
    connector: Connector, explicit: str | None, config_folder: Path | None = None
) -> tuple[OpenedDatabase, ConnectionProfile] | None:
    """Open --db, $INVOICE_BATCHES_DB, the remembered choice or the default file; when that
    fails, offer the Database dialog. None when the clerk gives up."""
    profile, url = starting_choice(explicit, config_folder)
    opened = connector.open_url(None, url) if url else connector.open(None, profile)
    if opened is not None:
        return opened, profile
    if not messages.confirm(None, "Invoice Batches", CHOOSE_ANOTHER, "Choose…"):
        return None
    dialog = DatabaseDialog(None, connector, None if url else profile)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.opened is None:
        return None
    remember_choice(dialog.opened[1], config_folder)
    return dialog.opened
