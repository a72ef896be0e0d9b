"""A start builds the first form only; each other form is built when first shown, and Ctrl+1…8,
its focus and its report buttons reach it then as they did when every form was built at start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.pages import page_specs
from app.ui.printing.report_menu import install_report_actions
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs, settled

KEYS = [spec.key for spec in page_specs()]


def built(window: MainWindow) -> list[str]:
    return [key for key in KEYS if window.pages.is_built(key)]


def test_only_the_first_form_is_built_at_start(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert built(window) == ["customers"]
    assert "contracts" in window.pages  # asking whether there is a page builds none
    assert built(window) == ["customers"]
    assert window.stack.currentWidget() is window.pages["customers"]
    assert window.stack.count() == len(KEYS)


def test_ctrl_digit_builds_the_form_it_opens_and_no_other(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    window = MainWindow(context)
    install_report_actions(window)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
    for digit, key in reversed(list(enumerate(KEYS, start=1))):
        QTest.keyClick(
            window, Qt.Key(Qt.Key.Key_0.value + digit), Qt.KeyboardModifier.ControlModifier
        )
        assert set(built(window)) == {"customers", *KEYS[digit - 1 :]}
        page = window.pages[key]
        assert window.stack.currentWidget() is page
        assert window.stack.indexOf(page) == digit - 1  # in its place, under its name
        focused = QApplication.focusWidget()
        assert focused is not None
        assert page.isAncestorOf(focused), (key, focused)
    assert sorted(built(window)) == sorted(KEYS)
    # A page built late gets the report's buttons too.
    assert window.pages["batches"].findChild(QPushButton, "report-preview") is not None


def test_the_go_menu_offers_a_forms_actions_before_it_is_built(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    offered = {item.text: item.shortcut for spec in page_specs() for item in spec.menu}
    listed = {a.text(): a.shortcut().toString() for a in window.go_menu.actions()}
    assert offered.items() <= listed.items()
    for spec in page_specs():
        if spec.menu:
            assert not window.pages.is_built(spec.key)
            own = window.pages[spec.key].menu_actions()  # type: ignore[attr-defined]
            assert {a.text(): a.shortcut().toString() for a in own} == {
                item.text: item.shortcut for item in spec.menu
            }


def test_opening_a_batch_from_another_form_builds_the_details_form(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert not window.pages.is_built("details")
    context.sig_open_batch.emit(1)  # as Invoice Batches does on a double-click
    settled()
    details = window.pages["details"]
    assert window.stack.currentWidget() is details
    assert details.selected_batch_number() == 1  # type: ignore[attr-defined]
