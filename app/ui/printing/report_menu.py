"""Put the report's actions where the clerk looks for them: buttons on the pages that show
batches, and a Report menu acting on the batch selected in the current page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QMenu, QPushButton, QWidget

from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.printing.report_actions import ReportActions

# (button text, menu text, shortcut, ReportActions method)
ACTIONS: tuple[tuple[str, str, QKeySequence.StandardKey | str, str], ...] = (
    ("Pre&view", "Pre&view Report", "Ctrl+Shift+V", "preview"),
    ("&Print…", "&Print Report…", QKeySequence.StandardKey.Print, "print_report"),
    ("S&ave PDF…", "&Save Report as PDF…", "Ctrl+Shift+S", "save_pdf"),
    ("Show Or&iginal", "Show &Original Print", "", "show_original"),
)


def batch_number_of(page: QWidget | None) -> Callable[[], int | None] | None:
    """The page's `selected_batch_number`, when it is a page that shows batches."""
    chosen = getattr(page, "selected_batch_number", None)
    return chosen if callable(chosen) else None


def attach_report_buttons(page: QWidget, context: UiContext) -> ReportActions | None:
    """Add the buttons to the page's `report_actions` row, if it has one."""
    row = getattr(page, "report_actions", None)
    chosen = batch_number_of(page)
    if not isinstance(row, QBoxLayout) or chosen is None:
        return None
    actions = ReportActions(page, context, chosen)
    for text, _menu_text, _shortcut, method in ACTIONS:
        button = QPushButton(text)
        button.setObjectName(f"report-{method}")
        button.clicked.connect(getattr(actions, method))
        row.addWidget(button)
    return actions


def install_report_actions(window: MainWindow) -> ReportActions:
    """Buttons on every batch page, and a Report menu for the current page's batch."""
    context, stack = window.context, window.stack
    # Each page as it is built: the main window builds a page when it is first shown.
    window.pages.each_page(lambda page: attach_report_buttons(page, context))

    def current_batch() -> int | None:
        chosen = batch_number_of(stack.currentWidget())
        return chosen() if chosen is not None else None

    actions = ReportActions(window, context, current_batch)
    menu = QMenu("&Report", window)
    window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
    items = []
    for _text, menu_text, shortcut, method in ACTIONS:
        item = QAction(menu_text, window)
        if shortcut:
            item.setShortcut(QKeySequence(shortcut))
        item.triggered.connect(getattr(actions, method))
        menu.addAction(item)
        items.append(item)

    def enable(_index: int = 0) -> None:
        shows_batches = batch_number_of(stack.currentWidget()) is not None
        for item in items:
            item.setEnabled(shows_batches)

    stack.currentChanged.connect(enable)
    enable()
    return actions
