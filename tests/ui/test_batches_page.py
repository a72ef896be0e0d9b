"""Invoice Batches: the list and its search, new manual batch, description, delete, open."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionQuery
from app.store.engine import SQLITE_BUSY_TIMEOUT_MS
from app.ui.batches.batch_table_model import (
    COL_CLOSE_DATE,
    COL_DESCRIPTION,
    COL_KIND,
    COL_NUMBER,
    COL_PRINTED,
)
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from tests.ui.batch_scenario import CLOSE_DATE, generated, mark_printed, november
from tests.ui.conftest import Dialogs, settled


def _page(qtbot: QtBot, context: UiContext) -> InvoiceBatchesPage:
    page = InvoiceBatchesPage(context)
    qtbot.addWidget(page)
    page.refresh()
    settled()
    return page


def _numbers(page: InvoiceBatchesPage) -> list[int]:
    return [b.number for b in page.model.rows()]


def _two_batches(context: UiContext) -> None:
    """Batch 1 generated on 2026-11-15 (C001, C002); batch 2 manual on 2026-11-30 (C003)."""
    generated(context.db)
    with context.transaction() as s:
        billing.create_manual_batch(s, dt.date(2026, 11, 30), "Month end")
        billing.add_customer(s, 2, "C003")


def test_list_shows_newest_first_and_searches(qtbot: QtBot, context: UiContext) -> None:
    _two_batches(context)
    page = _page(qtbot, context)
    assert _numbers(page) == [2, 1]
    row = [page.model.index(1, c).data() for c in (COL_NUMBER, COL_CLOSE_DATE, COL_DESCRIPTION)]
    assert row == ["1", "2026-11-15", "Mid-month"]
    assert page.model.index(0, COL_KIND).data() == "Manual"
    assert page.count_label.text() == "2 invoice batches"
    page.search.customer_edit.setText("c003")
    page.search.search_button.click()
    settled()
    assert _numbers(page) == [2]
    page.search.clear_button.click()
    settled()
    page.search.number_edit.setText("1")
    page.search.search_button.click()
    settled()
    assert _numbers(page) == [1]
    page.search.clear()
    page.search.close_from_edit.set_optional(dt.date(2026, 11, 16))
    page.search.search_button.click()
    settled()
    assert _numbers(page) == [2]
    page.search.close_from_edit.clear_date()
    page.search.close_to_edit.set_optional(dt.date(2026, 11, 29))
    page.search.search_button.click()
    settled()
    assert _numbers(page) == [1]


def test_new_manual_batch_and_its_description(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    page = _page(qtbot, context)
    page.new_button.click()
    assert page.batch_dialog is not None
    page.batch_dialog.close_date_edit.set_date(CLOSE_DATE)
    page.batch_dialog.description_edit.setText("  Catch-up  ")
    page.batch_dialog.accept()
    settled()
    assert _numbers(page) == [1]
    assert page.selected_batch_number() == 1
    assert page.model.index(0, COL_DESCRIPTION).data() == "Catch-up"
    assert page.model.index(0, COL_KIND).data() == "Manual"
    assert page.edit_button.isEnabled()
    page.edit_button.click()
    assert page.batch_dialog.description_edit.text() == "Catch-up"
    page.batch_dialog.description_edit.setText("Catch-up for C003")
    page.batch_dialog.accept()
    settled()
    assert page.model.index(0, COL_DESCRIPTION).data() == "Catch-up for C003"
    assert dialogs.errors == []


def test_an_opening_batch_takes_the_history_and_is_printed_at_once(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    november(context.db)
    page = _page(qtbot, context)
    page.new_button.click()
    assert page.batch_dialog is not None
    page.batch_dialog.close_date_edit.set_date(CLOSE_DATE)
    page.batch_dialog.opening_check.setChecked(True)
    dialogs.confirm_answer = False
    page.batch_dialog.accept()
    settled()
    assert _numbers(page) == []
    assert "it cannot be deleted" in dialogs.questions[0]
    page.new_button.click()
    page.batch_dialog.close_date_edit.set_date(CLOSE_DATE)
    page.batch_dialog.opening_check.setChecked(True)
    dialogs.confirm_answer = True
    page.batch_dialog.accept()
    settled()
    assert _numbers(page) == [1]
    assert page.model.index(0, COL_KIND).data() == "Opening"
    assert page.model.index(0, COL_DESCRIPTION).data() == "Opening batch"
    assert page.model.index(0, COL_PRINTED).data() != "No"
    assert not page.delete_button.isEnabled()
    with context.transaction() as s:
        in_batch = billing.list_transactions(s, TransactionQuery(batch_number=1))
    # Every document on or before 15 Nov of the customers with a cutoff day; C005 has none.
    assert sorted(t.number for t in in_batch) == [
        "CM-17",
        "DM-5",
        "INV-1001",
        "INV-1002",
        "INV-1003",
    ]
    assert dialogs.errors == []


def test_deleting_a_batch_names_what_is_released_and_releases_it(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    _two_batches(context)
    page = _page(qtbot, context)
    page.select_batch(1)
    page.delete_button.click()
    settled()
    assert dialogs.questions == [
        "Delete invoice batch 1? Its 4 transactions of 2 customers will be released and can "
        "go into another batch."
    ]
    assert _numbers(page) == [2]
    with context.transaction() as s:
        unbatched = billing.list_transactions(s, TransactionQuery(unbatched_only=True))
    assert sorted(t.number for t in unbatched) == [
        "CHK-1",
        "CM-17",
        "DM-5",
        "INV-1001",
        "INV-1002",
        "INV-1005",
    ]
    assert dialogs.errors == []


def test_a_declined_deletion_keeps_the_batch(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    _two_batches(context)
    page = _page(qtbot, context)
    dialogs.confirm_answer = False
    page.select_batch(2)
    page.delete_button.click()
    settled()
    assert dialogs.questions == [
        "Delete invoice batch 2? Its 1 transaction of 1 customer will be released and can go "
        "into another batch."
    ]
    assert _numbers(page) == [2, 1]


def test_a_printed_batch_cannot_be_deleted_but_its_description_can_change(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    mark_printed(context.db, 1)
    page = _page(qtbot, context)
    page.select_batch(1)
    assert page.model.index(0, COL_PRINTED).data() == f"{dt.date.today():%Y-%m-%d}"
    assert page.edit_button.isEnabled()
    assert not page.delete_button.isEnabled()
    assert page.open_button.isEnabled()
    page.delete_batch()  # forced past the disabled button: billing refuses
    settled()
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith("Invoice batch 1 was printed on")
    assert _numbers(page) == [1]
    page.edit_button.click()
    dialog = page.batch_dialog
    assert dialog is not None
    dialog.description_edit.selectAll()
    QTest.keyClicks(dialog.description_edit, "Mailed Monday")
    QTest.keyClick(dialog.description_edit, Qt.Key.Key_Return)
    settled()
    assert len(dialogs.errors) == 1
    with context.read() as session:
        assert billing.batch_row(session, 1).description == "Mailed Monday"


def test_open_details_asks_for_the_selected_batch(qtbot: QtBot, context: UiContext) -> None:
    _two_batches(context)
    page = _page(qtbot, context)
    page.select_batch(1)
    with qtbot.waitSignal(context.sig_open_batch) as opened:
        QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [1]
    page.select_batch(2)
    with qtbot.waitSignal(context.sig_open_batch) as opened:
        page.open_button.click()
    assert opened.args == [2]


def test_list_loads_at_once_while_a_change_is_open(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    """The GUI thread reads while another part of the application holds the write lock."""
    generated(context.db)
    page = InvoiceBatchesPage(context)
    qtbot.addWidget(page)
    with context.transaction() as session:
        billing.set_description(session, 1, "Being changed")
        session.flush()
        started = time.perf_counter()
        page.refresh()
        settled()
        elapsed = time.perf_counter() - started
    # Behind the lock it would wait the whole busy timeout, then fail; how much less it takes
    # depends on the machine, so only the wait itself is ruled out.
    assert elapsed < SQLITE_BUSY_TIMEOUT_MS / 1000
    assert dialogs.errors == []
    assert [(b.number, b.description) for b in page.model.rows()] == [(1, "Mid-month")]
