"""The Audit Log window: the whole trail, newest first, filtered as a clerk types."""

from __future__ import annotations

import datetime as dt
import getpass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app import billing
from app.ui.audit.audit_log_page import AuditLogPage
from app.ui.audit.audit_table_model import AuditTableModel
from app.ui.context import UiContext
from tests.billing.helpers import generate, mark_printed
from tests.factories import customer, transaction


@pytest.fixture
def trail(context: UiContext) -> UiContext:
    with context.transaction() as s:
        customer(s, "A", 15)
        customer(s, "B", 15)
        transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "100.00")
        transaction(s, "B", "invoice", "INV-B1", "2027-03-03", "50.00")
    with context.transaction() as s:
        generate(s, "2027-03-15")
    with context.transaction() as s:
        mark_printed(s, 1)
    return context


def _page(qtbot: QtBot, context: UiContext) -> AuditLogPage:
    page = AuditLogPage(context)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    page.refresh()
    return page


def _column(page: AuditLogPage, column: int) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_trail_shows_newest_first(qtbot: QtBot, trail: UiContext) -> None:
    page = _page(qtbot, trail)
    assert _column(page, AuditTableModel.COL_ACTION) == [
        "print",
        "generate",
        "transaction_create",
        "transaction_create",
        "customer_create",
        "customer_create",
    ]
    assert _column(page, AuditTableModel.COL_BATCH)[:2] == ["1", "1"]
    assert _column(page, AuditTableModel.COL_DETAIL)[0] == "first print, kept as mailed"
    assert set(_column(page, AuditTableModel.COL_USER)) == {getpass.getuser()}
    assert page.count_label.text() == "6 entries"
    day = _column(page, AuditTableModel.COL_AT)[0][:10]
    assert day == dt.date.today().isoformat()


def test_the_filters_are_typed_and_chosen(qtbot: QtBot, trail: UiContext) -> None:
    page = _page(qtbot, trail)
    filters = page.filters
    QTest.mouseClick(filters.batch, Qt.MouseButton.LeftButton)
    QTest.keyClicks(filters.batch, "1")
    QTest.keyClick(filters.batch, Qt.Key.Key_Return)
    assert _column(page, AuditTableModel.COL_ACTION) == ["print", "generate"]
    filters.batch.clear()
    QTest.keyClick(filters.batch, Qt.Key.Key_Return)
    filters.action.setFocus()
    filters.action.setCurrentIndex(filters.action.findData("customer_create"))
    filters.action.activated.emit(filters.action.currentIndex())
    assert _column(page, AuditTableModel.COL_CUSTOMER) == ["B", "A"]
    filters.action.setCurrentIndex(0)
    filters.action.activated.emit(0)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    QTest.mouseClick(filters.date_from, Qt.MouseButton.LeftButton)
    QTest.keyClicks(filters.date_from, tomorrow)
    QTest.keyClick(filters.date_from, Qt.Key.Key_Return)
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 entries"
    filters.date_from.clear_date()
    assert page.model.rowCount() == 6


def test_a_change_elsewhere_shows_at_once(qtbot: QtBot, trail: UiContext) -> None:
    page = _page(qtbot, trail)
    with trail.transaction() as s:
        billing.set_description(s, 1, "March")
    trail.sig_data_changed.emit()
    assert _column(page, AuditTableModel.COL_ACTION)[0] == "notes"
    assert _column(page, AuditTableModel.COL_DETAIL)[0] == "description: March"


def test_the_model_passes_the_model_tester_in_every_sort(
    qtbot: QtBot, trail: UiContext, qtmodeltester: ModelTester
) -> None:
    page = _page(qtbot, trail)
    for column in range(page.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            page.model.sort(column, order)
            qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]
    page.model.sort(AuditTableModel.COL_USER, Qt.SortOrder.AscendingOrder)
    assert page.model.rowCount() == 6


def test_nothing_on_the_page_edits_an_entry(qtbot: QtBot, trail: UiContext) -> None:
    page = _page(qtbot, trail)
    index = page.model.index(0, AuditTableModel.COL_DETAIL)
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.view.editTriggers() == page.view.EditTrigger.NoEditTriggers
