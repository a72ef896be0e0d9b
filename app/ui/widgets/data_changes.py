"""Keep a page current when another part of the application saves something."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.ui.context import UiContext


class DataChangeFollower:
    """Refreshes `page` on `sig_data_changed` while it shows (a print, an edit in a dialog);
    a hidden page refreshes when it is shown anyway, and the page's own announcements are
    skipped because the page has just refreshed itself."""

    def __init__(self, page: QWidget, context: UiContext, refresh: Callable[[], None]) -> None:
        self.page = page
        self.context = context
        self.refresh = refresh
        self._announcing = False
        context.sig_data_changed.connect(self._changed)

    def announce(self) -> None:
        """Tell the other pages that this page saved something."""
        self._announcing = True
        try:
            self.context.sig_data_changed.emit()
        finally:
            self._announcing = False

    def _changed(self) -> None:
        if not self._announcing and self.page.isVisible():
            self.refresh()
