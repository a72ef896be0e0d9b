"""Unbilled Work in a main window of its own, shown and active, on the November work."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.store import Database
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.pages import WORK_PAGE, PageSpec, focusable
from app.ui.work.unbilled_work_page import UnbilledWorkPage
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import shown
from tests.ui.work.work_scenario import november_work


def work_window(qtbot: QtBot, context: UiContext) -> MainWindow:
    spec = PageSpec(WORK_PAGE, "Unbilled Work", "Ctrl+7", focusable(UnbilledWorkPage))
    window = MainWindow(context, [spec])
    qtbot.addWidget(window)
    window.resize(1200, 800)
    shown(qtbot, window)
    return window


def page_of(window: MainWindow) -> UnbilledWorkPage:
    page = window.pages[WORK_PAGE]
    assert isinstance(page, UnbilledWorkPage)
    return page


@pytest.fixture
def window(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> MainWindow:
    november_work(context.db)
    return work_window(qtbot, context)


@pytest.fixture
def page(window: MainWindow) -> UnbilledWorkPage:
    return page_of(window)


@pytest.fixture
def any_context(db: Database) -> UiContext:
    """On SQLite and on PostgreSQL."""
    return UiContext(db)
