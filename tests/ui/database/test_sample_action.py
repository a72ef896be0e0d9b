"""File ▸ Load Sample Company…: offered while the database is empty, also after the first
start's offer was declined; disabled, saying why, once the database has customers."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app import billing
from app.ui.context import UiContext
from app.ui.database.sample_action import NOT_EMPTY, OFFERED, install_sample_action
from app.ui.first_run import SAMPLE_OFFER, offer_sample_company
from app.ui.main_window import MainWindow
from app.ui.pages import PageSpec
from tests import factories
from tests.ui.conftest import Dialogs


def _window(qtbot: QtBot, context: UiContext) -> MainWindow:
    def page(_context: UiContext) -> QWidget:
        return QLabel("Customers")

    window = MainWindow(context, [PageSpec("customers", "Customers", "Ctrl+1", page)])
    qtbot.addWidget(window)
    return window


def test_a_declined_first_offer_can_be_taken_later_from_the_file_menu(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    window = _window(qtbot, context)
    dialogs.confirm_answer = False
    assert offer_sample_company(window, context) is None
    sample = install_sample_action(window)
    assert sample.action in window.file_menu.actions()
    assert sample.action.text() == "Load &Sample Company…"
    assert sample.action.isEnabled()
    assert sample.action.toolTip() == OFFERED
    dialogs.confirm_answer = True
    with qtbot.waitSignal(context.sig_data_changed, timeout=20_000):
        sample.action.trigger()
    assert dialogs.questions[-1] == SAMPLE_OFFER
    assert dialogs.infos == ["Loaded 36 customers, 527 transactions and 135 work entries."]
    assert not sample.action.isEnabled()
    assert sample.action.toolTip() == NOT_EMPTY


def test_a_database_with_customers_is_not_offered_the_sample(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    window = _window(qtbot, context)
    sample = install_sample_action(window)
    assert sample.action.isEnabled()
    with context.transaction() as session:
        factories.customer(session, "C001")
    window.file_menu.aboutToShow.emit()  # as when the clerk opens the File menu
    assert not sample.action.isEnabled()
    assert sample.action.toolTip() == NOT_EMPTY
    sample.load()  # triggered before the menu could look again
    assert dialogs.questions == []
    assert dialogs.infos == [NOT_EMPTY]
    with context.read() as session:
        assert billing.count_customers(session) == 1
