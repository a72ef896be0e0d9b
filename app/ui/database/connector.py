"""Open a database from the desktop, asking for a server password only when one is needed.

A password the server took is kept (system keyring, or memory for this session); one it
refused is forgotten and asked for again. Every failure is shown to the clerk here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.exc import ArgumentError

from app.store import ENV_VARIABLE, DatabaseError, default_url
from app.store.opening import OpenedDatabase, PasswordRefused, open_for_desktop
from app.store.passwords import NO_KEYRING_REASON, PasswordKeeper, keyring_available
from app.store.profile import ConnectionProfile
from app.store.remembered import load_choice
from app.ui import messages

Opener = Callable[..., OpenedDatabase]


@contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def password_question(profile: ConnectionProfile, refused: bool) -> str:
    text = (
        f"Password of {profile.user} for the database {profile.database} "
        f"on {profile.host}:{profile.port}:"
    )
    if refused:
        text = "The server refused the password.\n\n" + text
    if not keyring_available():
        text += "\n\n" + NO_KEYRING_REASON
    return text


@dataclass
class Connector:
    """How this session opens databases; `opener` is replaced in tests by a fake server."""

    keeper: PasswordKeeper
    backups: Path | None = None
    opener: Opener = open_for_desktop

    def open(
        self, parent: QWidget | None, profile: ConnectionProfile, typed: str | None = None
    ) -> OpenedDatabase | None:
        """The opened database, or None (after saying why) when it could not be opened."""
        password = typed or (None if profile.is_local else self.keeper.stored(profile))
        while True:
            try:
                with wait_cursor():
                    opened = self.opener(profile.url(password), backup_to=self.backups)
            except PasswordRefused:
                # Without any password first: a server may trust this computer, or .pgpass.
                if password is not None:
                    self.keeper.forget(profile)
                password = messages.ask_password(
                    parent, "Database Password", password_question(profile, password is not None)
                )
                if password is None:
                    return None
                continue
            except DatabaseError as error:
                messages.show_error(parent, "Database", str(error))
                return None
            if password is not None and not profile.is_local:
                self.keeper.keep(profile, password)
            return opened

    def open_url(self, parent: QWidget | None, url: str) -> OpenedDatabase | None:
        """A database named on the command line: no prompt, its URL says everything."""
        try:
            with wait_cursor():
                return self.opener(url, backup_to=self.backups)
        except DatabaseError as error:
            messages.show_error(parent, "Database", str(error))
        except ArgumentError as error:  # not a URL, or a driver that is not installed
            reason = (str(error).splitlines() or ["unknown"])[0]
            messages.show_error(parent, "Database", f"The database URL is not usable: {reason}")
        return None


def starting_choice(
    explicit: str | None, config_folder: Path | None = None
) -> tuple[ConnectionProfile, str | None]:
    """What to open at start: --db, else $INVOICE_BATCHES_DB, else the remembered choice, else
    the default file; with the URL to open as given, when it came from the command line."""
    url = explicit or os.environ.get(ENV_VARIABLE)
    if url:
        return ConnectionProfile.from_url(url), url
    remembered = load_choice(config_folder)
    return remembered or ConnectionProfile.from_url(default_url()), None
