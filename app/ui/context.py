"""What every window needs: the open database, and a way to ask the main window to move."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from app.store import Database


class UiContext(QObject):
    """Shared by the pages; signals let one page open another without knowing it."""

    sig_open_batch = Signal(int)  # show Invoice Batch Details for this batch number
    sig_open_page = Signal(str)  # show the page with this key, which has read what it shows
    sig_data_changed = Signal()  # something was saved: visible lists should refresh

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """For a change: committed when the block ends, rolled back on error."""
        with self.db.transaction() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """For loading what a window shows: never waits behind another clerk's change."""
        with self.db.read() as session:
            yield session
