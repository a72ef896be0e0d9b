"""Window and column layouts remembered between runs (QSettings, in the user's config folder)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtWidgets import QHeaderView, QMainWindow


def settings() -> QSettings:
    return QSettings()


def remember_columns(header: QHeaderView, key: str) -> None:
    """Restore the header's column widths and order now, and save them whenever they change."""
    stored = settings().value(f"columns/{key}")
    if isinstance(stored, QByteArray):
        header.restoreState(stored)

    def save() -> None:
        settings().setValue(f"columns/{key}", header.saveState())

    # One write for a burst of changes: fitting a table's columns resizes each in turn, and
    # each write costs milliseconds the GUI thread should not spend.
    later = QTimer(header)
    later.setSingleShot(True)
    later.timeout.connect(save)
    for changed in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged):
        changed.connect(lambda *_args: later.start())


def restore_window(window: QMainWindow) -> bool:
    geometry = settings().value("window/geometry")
    state = settings().value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    return isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)


def save_window(window: QMainWindow) -> None:
    settings().setValue("window/geometry", window.saveGeometry())
    settings().setValue("window/state", window.saveState())
