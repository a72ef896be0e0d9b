"""What a page tells the clerk in passing: a line in the main window's status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

SHOWN_MS = 10_000


def say(widget: QWidget, text: str, shown_ms: int = SHOWN_MS) -> None:
    """Show `text` for a while in the status bar of the window holding `widget`, if it has one
    (a page tested alone has none)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, shown_ms)
