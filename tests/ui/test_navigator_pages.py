"""Customers and A/R Transactions lead the navigator and answer Ctrl+1 and Ctrl+2; Unbilled
Work answers Ctrl+7."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.ui.context import UiContext
from app.ui.customers.customers_page import CustomersPage
from app.ui.main_window import MainWindow
from app.ui.transactions.transactions_page import TransactionsPage
from app.ui.work.unbilled_work_page import UnbilledWorkPage
from tests.ui.conftest import Dialogs


def test_the_clerks_daily_forms_come_first(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
    titles = [window.navigator.item(row).text() for row in range(window.navigator.count())]
    assert titles[:2] == ["Customers", "A/R Transactions"]
    assert isinstance(window.stack.currentWidget(), CustomersPage)

    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), TransactionsPage)
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), CustomersPage)


def test_unbilled_work_answers_ctrl_7(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    titles = [window.navigator.item(row).text() for row in range(window.navigator.count())]
    assert "Unbilled Work" in titles
    QTest.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), UnbilledWorkPage)
    assert window.navigator.currentItem().text() == "Unbilled Work"
