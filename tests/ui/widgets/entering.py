"""How a clerk gets into a field before typing: by Tab or by a click, with or without select-all.

Each way ends with the keyboard focus in the field and the text cursor (or selection) where that
way leaves it, so the typing that follows is exactly what the clerk's would be."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot


class Entry(Enum):
    TAB = "Tab in"  # Qt selects the whole text
    TAB_END = "Tab in, End"
    CLICK = "click in"  # the cursor lands where the click was
    CLICK_SELECT_ALL = "click in, Ctrl+A"
    CLICK_HOME = "click in, Home"
    CLICK_END = "click in, End"


# The ways that leave the whole text selected, so typing replaces it.
REPLACING = (Entry.TAB, Entry.CLICK_SELECT_ALL)


def text_box(field: QWidget) -> QLineEdit:
    if isinstance(field, QAbstractSpinBox):
        return field.lineEdit()
    assert isinstance(field, QLineEdit)
    return field


def shown(qtbot: QtBot, window: QWidget) -> None:
    """Show the window and make it the active one, as a focused window is on a desktop."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def focused() -> QWidget:
    """The widget the keyboard is in."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _tab_into(field: QWidget) -> None:
    before = field.previousInFocusChain()
    while before is not None and not (
        before.focusPolicy() & Qt.FocusPolicy.TabFocus
        and before.isVisible()
        and before.isEnabled()
        and before.focusProxy() is None
    ):
        before = before.previousInFocusChain()
    assert before is not None
    before.setFocus(Qt.FocusReason.OtherFocusReason)
    QTest.keyClick(before, Qt.Key.Key_Tab)


def enter(qtbot: QtBot, field: QWidget, entry: Entry) -> None:
    box = text_box(field)
    if entry in (Entry.TAB, Entry.TAB_END):
        _tab_into(field)
    else:
        # In the middle of the text, where a clerk's click usually lands.
        middle = QPoint(box.fontMetrics().horizontalAdvance(box.text()[:4]) + 6, box.height() // 2)
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    qtbot.waitUntil(box.hasFocus)
    if entry == Entry.CLICK_SELECT_ALL:
        QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    elif entry == Entry.CLICK_HOME:
        QTest.keyClick(box, Qt.Key.Key_Home)
    elif entry in (Entry.CLICK_END, Entry.TAB_END):
        QTest.keyClick(box, Qt.Key.Key_End)


def type_into(qtbot: QtBot, field: QWidget, entry: Entry, text: str) -> None:
    """Enter the field that way, type the text key by key, and leave it with Tab."""
    enter(qtbot, field, entry)
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Tab)
