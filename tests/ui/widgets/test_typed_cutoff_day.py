"""The cutoff day is taken as typed: 1 to 31, or empty for none; anything else is refused at the
field (the spin box once made 32 into 3 and 0 into "None")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import CustomerQuery
from app.ui.context import UiContext
from app.ui.customers.customers_page import CustomersPage
from tests import factories
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import REPLACING, Entry, enter, shown, type_into

REFUSED = "Cutoff day must be a day from 1 to 31, or empty"


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> CustomersPage:
    with context.transaction() as session:
        factories.customer(session, "C001", 15, name="Acme Tools")
    widget = CustomersPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    shown(qtbot, widget)
    return widget


def _cutoff_days(context: UiContext) -> dict[str, int | None]:
    with context.transaction() as session:
        return {c.number: c.cutoff_day for c in billing.list_customers(session, CustomerQuery())}


def _new_customer(page: CustomersPage) -> None:
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.form.edits["number"], "C002")
    QTest.keyClicks(page.form.edits["name"], "Cafe Zoe")
    # What the envelope needs, asked of every customer with a cutoff day.
    QTest.keyClicks(page.form.edits["address1"], "12 Rue Haute")
    QTest.keyClicks(page.form.edits["city"], "Lyon")


@pytest.mark.parametrize("entry", [Entry.TAB, Entry.CLICK])
@pytest.mark.parametrize(("typed", "saved"), [("7", 7), ("31", 31), ("", None)])
def test_a_new_customer_gets_the_cutoff_day_typed(
    qtbot: QtBot,
    page: CustomersPage,
    context: UiContext,
    entry: Entry,
    typed: str,
    saved: int | None,
) -> None:
    _new_customer(page)
    type_into(qtbot, page.form.cutoff_day, entry, typed)
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _cutoff_days(context) == {"C001": 15, "C002": saved}


@pytest.mark.parametrize("entry", [Entry.TAB, Entry.CLICK])
@pytest.mark.parametrize("typed", ["32", "0", "100"])
def test_a_day_past_the_month_is_refused_at_the_field(
    qtbot: QtBot, page: CustomersPage, context: UiContext, entry: Entry, typed: str
) -> None:
    _new_customer(page)
    type_into(qtbot, page.form.cutoff_day, entry, typed)
    assert page.form.cutoff_day.text() == typed
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.form.errors.message("cutoff_day") == REFUSED
    assert _cutoff_days(context) == {"C001": 15}


@pytest.mark.parametrize("entry", list(Entry))
def test_an_existing_cutoff_day_is_retyped_or_refused(
    qtbot: QtBot, page: CustomersPage, context: UiContext, entry: Entry
) -> None:
    page.view.selectRow(0)
    assert page.form.cutoff_day.text() == "15"
    type_into(qtbot, page.form.cutoff_day, entry, "28")
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    if entry in REPLACING:
        assert _cutoff_days(context) == {"C001": 28}
    else:  # 1528, 2815, 1285 ...: each is refused, none is cut down to fit
        assert page.form.errors.message("cutoff_day") == REFUSED
        assert _cutoff_days(context) == {"C001": 15}


def test_emptying_the_day_takes_the_customer_out_of_the_batch_process(
    qtbot: QtBot, page: CustomersPage, context: UiContext
) -> None:
    page.view.selectRow(0)
    enter(qtbot, page.form.cutoff_day, Entry.TAB)
    QTest.keyClick(page.form.cutoff_day, Qt.Key.Key_Delete)
    assert page.form.cutoff_day.text() == ""
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _cutoff_days(context) == {"C001": None}
