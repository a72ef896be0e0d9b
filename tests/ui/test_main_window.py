"""The main window shell: navigator, database in the status bar, layout remembered."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.pages import PageSpec


class _Page(QLabel):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


def _specs() -> list[PageSpec]:
    def build(text: str) -> PageSpec:
        def make(_context: UiContext) -> QWidget:
            return _Page(text)

        return PageSpec(text.lower(), text, f"Ctrl+{len(text)}", make)

    return [build("One"), build("Three")]


def test_navigator_shows_and_refreshes_pages(qtbot: QtBot, context: UiContext) -> None:
    window = MainWindow(context, _specs())
    qtbot.addWidget(window)
    assert window.navigator.count() == 2
    window.navigator.setCurrentRow(1)
    page = window.stack.currentWidget()
    assert isinstance(page, _Page)
    assert page.text() == "Three"
    assert page.refreshed == 1
    assert context.db.display_name in window.database_label.text()


def test_a_page_that_read_and_asks_to_be_shown_is_not_read_again(
    qtbot: QtBot, context: UiContext
) -> None:
    """As Invoice Batch Details does when a batch is opened from Invoice Batches."""
    window = MainWindow(context, _specs())
    qtbot.addWidget(window)
    context.sig_open_page.emit("three")
    page = window.stack.currentWidget()
    assert isinstance(page, _Page)
    assert (page.text(), page.refreshed) == ("Three", 0)
    window.navigator.setCurrentRow(0)
    window.navigator.setCurrentRow(1)  # chosen again later: read again
    assert page.refreshed == 1


def test_window_geometry_is_remembered(qtbot: QtBot, context: UiContext) -> None:
    window = MainWindow(context, _specs())
    qtbot.addWidget(window)
    window.resize(700, 500)
    window.close()
    again = MainWindow(context, _specs())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)
