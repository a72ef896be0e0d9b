"""Keyboard shortcuts that belong to one page of the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def add_page_shortcut(
    page: QWidget,
    text: str,
    keys: QKeySequence | QKeySequence.StandardKey | str,
    slot: Callable[[], None],
) -> QAction:
    """A window-wide shortcut that fires only while `page` is visible, so pages of the stack
    can each use Ctrl+N or Ctrl+S for their own form."""
    action = QAction(text, page)
    action.setShortcut(keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    page.addAction(action)
    return action
