"""The invoice date filters of A/R Transactions: empty is Any, a typed date filters, the calendar
opens at the typed date or today, and the clear button or Delete puts Any back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from app.ui.context import UiContext
from app.ui.transactions.transactions_page import TransactionsPage
from app.ui.widgets.calendar_popup import from_qdate
from app.ui.widgets.date_edit import OptionalDateEdit
from tests import factories
from tests.ui.conftest import Dialogs, settled
from tests.ui.widgets.entering import Entry, enter, shown, type_into

EVERYTHING = ["INV-3", "INV-2", "INV-1"]
# Qt's own name for the action behind a line edit's clear button.
CLEAR_ACTION = "_q_qlineeditclearaction"


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> TransactionsPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools")
        factories.transaction(session, "C001", "invoice", "INV-1", "2026-10-02", "10.00")
        factories.transaction(session, "C001", "invoice", "INV-2", "2026-11-02", "20.00")
        factories.transaction(session, "C001", "invoice", "INV-3", "2026-12-02", "30.00")
    widget = TransactionsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    shown(qtbot, widget)
    widget.refresh()
    settled()
    settled()  # the customers arrive by signal
    return widget


def _listed(page: TransactionsPage) -> list[str]:
    return [r.number for r in page.model.rows()]


@pytest.mark.parametrize("entry", [Entry.TAB, Entry.CLICK])
def test_typed_bounds_filter_the_list(qtbot: QtBot, page: TransactionsPage, entry: Entry) -> None:
    filters = page.filters
    assert (filters.date_from.text(), filters.date_from.placeholderText()) == ("", "Any")
    assert _listed(page) == EVERYTHING
    type_into(qtbot, filters.date_from, entry, "2026-11-01")
    assert _listed(page) == ["INV-3", "INV-2"]
    type_into(qtbot, filters.date_to, entry, "2026-11-30")
    assert _listed(page) == ["INV-2"]
    assert filters.date_problem.isHidden()


def test_a_bound_that_is_not_a_date_says_why_and_leaves_the_list(
    qtbot: QtBot, page: TransactionsPage
) -> None:
    filters = page.filters
    type_into(qtbot, filters.date_from, Entry.TAB, "2026-11-01")
    type_into(qtbot, filters.date_to, Entry.TAB, "2026-11-31")
    assert filters.date_problem.text() == (
        "Invoice date to: '2026-11-31' is not a date (there is no such day)"
    )
    assert not filters.date_problem.isHidden()
    assert _listed(page) == ["INV-3", "INV-2"]  # still filtered by the bound that is a date
    type_into(qtbot, filters.date_to, Entry.TAB, "2026-11-30")
    assert filters.date_problem.isHidden()
    assert _listed(page) == ["INV-2"]


def test_the_calendar_opens_at_today_or_the_typed_date_and_a_pick_filters(
    qtbot: QtBot, page: TransactionsPage
) -> None:
    bound = page.filters.date_from
    enter(qtbot, bound, Entry.TAB)
    QTest.keyClick(bound, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert bound.popup is not None
    assert bound.popup.isVisible()
    assert from_qdate(bound.popup.calendar.selectedDate()) == dt.date.today()
    QTest.keyClick(bound.popup, Qt.Key.Key_Escape)
    assert not bound.popup.isVisible()
    assert bound.text() == ""

    type_into(qtbot, bound, Entry.TAB, "2026-12-01")
    bound.calendar_action.trigger()
    assert from_qdate(bound.popup.calendar.selectedDate()) == dt.date(2026, 12, 1)
    bound.popup.calendar.setSelectedDate(bound.popup.calendar.selectedDate().addMonths(-1))
    QTest.keyClick(bound.popup.calendar.focusWidget(), Qt.Key.Key_Return)
    assert not bound.popup.isVisible()
    assert bound.text() == "2026-11-01"
    assert _listed(page) == ["INV-3", "INV-2"]


def _clear_button(bound: OptionalDateEdit) -> None:
    [button] = [
        b
        for b in bound.findChildren(QToolButton)
        if b.defaultAction() is not None and b.defaultAction().objectName() == CLEAR_ACTION
    ]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _select_all_and_delete(bound: OptionalDateEdit) -> None:
    QTest.keyClick(bound, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(bound, Qt.Key.Key_Delete)


@pytest.mark.parametrize("reset", [_clear_button, _select_all_and_delete])
def test_the_clear_button_or_delete_puts_any_back(
    qtbot: QtBot, page: TransactionsPage, reset: object
) -> None:
    bound = page.filters.date_to
    type_into(qtbot, bound, Entry.TAB, "2026-10-31")
    assert _listed(page) == ["INV-1"]
    enter(qtbot, bound, Entry.CLICK)
    assert callable(reset)
    reset(bound)
    assert (bound.text(), bound.optional_value()) == ("", None)
    assert _listed(page) == EVERYTHING
