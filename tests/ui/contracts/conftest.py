"""The Contracts page in a main window of its own, shown and active."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.ui.context import UiContext
from app.ui.contracts.contracts_page import ContractsPage
from app.ui.main_window import MainWindow
from app.ui.pages import CONTRACTS_PAGE, page_specs
from tests.ui.conftest import Dialogs
from tests.ui.contracts.contract_scenario import contracts
from tests.ui.widgets.entering import shown


def contracts_window(qtbot: QtBot, context: UiContext) -> MainWindow:
    # The application's own spec: with it, the Go menu items the page offers.
    spec = next(s for s in page_specs() if s.key == CONTRACTS_PAGE)
    window = MainWindow(context, [spec])
    qtbot.addWidget(window)
    window.resize(1200, 800)
    shown(qtbot, window)
    return window


def page_of(window: MainWindow) -> ContractsPage:
    page = window.pages[CONTRACTS_PAGE]
    assert isinstance(page, ContractsPage)
    return page


@pytest.fixture
def window(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> MainWindow:
    contracts(context.db)
    return contracts_window(qtbot, context)


@pytest.fixture
def page(window: MainWindow) -> ContractsPage:
    return page_of(window)
