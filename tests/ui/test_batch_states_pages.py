"""R12 on screen: Invoice Batches' state columns, its Show: filter and Approve / Unapprove;
Batch Details' states, notes typed and saved at any time, Approve (asked first) / Unapprove,
and refusals shown through messages."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import billing
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batch_details.statement_table_model import COL_PAID
from app.ui.batches.batch_table_model import COL_PAYMENT, COL_STATE
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from tests.factories import transaction
from tests.ui.batch_scenario import generated, mark_printed
from tests.ui.conftest import Dialogs, settled


def _two_batches(context: UiContext) -> None:
    """Batch 1 generated on 2026-11-15 (C001 owes 750.00, C002 465.00); batch 2 manual and
    empty; C002 pays 465.00 after batch 1's close date."""
    generated(context.db)
    with context.transaction() as s:
        billing.create_manual_batch(s, dt.date(2026, 11, 30), "Month end")
        transaction(s, "C002", "payment", "CHK-9", "2026-11-20", "465.00")


def _batches_page(qtbot: QtBot, context: UiContext) -> InvoiceBatchesPage:
    page = InvoiceBatchesPage(context)
    qtbot.addWidget(page)
    page.refresh()
    settled()
    return page


def _states(page: InvoiceBatchesPage) -> dict[int, tuple[str, str]]:
    model = page.model
    return {
        b.number: (model.index(row, COL_STATE).data(), model.index(row, COL_PAYMENT).data())
        for row, b in enumerate(model.rows())
    }


def test_approve_and_unapprove_from_the_list(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    _two_batches(context)
    page = _batches_page(qtbot, context)
    assert _states(page) == {2: ("Open", "Paid"), 1: ("Open", "Partly paid")}
    page.select_batch(1)
    assert (page.approve_button.isEnabled(), page.unapprove_button.isEnabled()) == (True, False)
    dialogs.confirm_answer = False
    page.approve_button.click()
    settled()
    assert "locks it" in dialogs.questions[-1]
    assert _states(page)[1] == ("Open", "Partly paid")
    dialogs.confirm_answer = True
    page.approve_button.click()
    settled()
    assert _states(page)[1] == ("Approved", "Partly paid")
    assert page.selected_batch_number() == 1
    assert (page.approve_button.isEnabled(), page.unapprove_button.isEnabled()) == (False, True)
    assert not page.delete_button.isEnabled()
    page.unapprove_button.click()
    settled()
    assert _states(page)[1] == ("Open", "Partly paid")
    assert dialogs.errors == []


def test_a_refused_unapproval_is_shown(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> None:
    _two_batches(context)
    with context.transaction() as s:
        billing.approve_batch(s, 1)
    mark_printed(context.db, 1)
    page = _batches_page(qtbot, context)
    page.select_batch(1)
    page.unapprove_button.click()
    settled()
    assert len(dialogs.errors) == 1
    assert "was printed after it was approved" in dialogs.errors[0]
    assert _states(page)[1] == ("Approved", "Partly paid")


def test_show_filters_by_state(qtbot: QtBot, context: UiContext) -> None:
    _two_batches(context)
    with context.transaction() as s:
        billing.approve_batch(s, 1)
    page = _batches_page(qtbot, context)
    combo = page.search.state_combo
    combo.setFocus()

    def choose(text: str) -> None:
        qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, as a clerk pauses
        QTest.keyClicks(combo, text)
        settled()

    choose("Approved")
    assert combo.currentText() == "Approved"
    assert [b.number for b in page.model.rows()] == [1]
    choose("Paid")
    assert [b.number for b in page.model.rows()] == [2]
    choose("Unpaid")
    assert page.model.rows() == []
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the next choice: Partly paid
    settled()
    assert combo.currentText() == "Partly paid"
    assert [b.number for b in page.model.rows()] == [1]
    page.search.clear_button.click()
    settled()
    assert combo.currentText() == "Any state"
    assert [b.number for b in page.model.rows()] == [2, 1]


def _details(qtbot: QtBot, context: UiContext, number: int) -> InvoiceBatchDetailsPage:
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show_batch(number)
    settled()
    return page


def _saved_notes(context: UiContext, number: int) -> str:
    with context.read() as s:
        return billing.batch_row(s, number).notes


def test_details_states_notes_and_approval(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    _two_batches(context)
    page = _details(qtbot, context, 1)
    states = page.states
    assert states.approval_label.text() == "Open, not approved"
    assert (states.delivery_label.text(), states.last_sent_label.text()) == ("Not sent", "Never")
    assert (states.paid_label.text(), states.payment_label.text()) == ("465.00", "Partly paid")
    paid = {
        page.customers_model.rows()[row].number: page.customers_model.index(row, COL_PAID).data()
        for row in range(page.customers_model.rowCount())
    }
    assert paid == {"C001": "0.00", "C002": "465.00", "Total": "465.00"}
    assert not states.save_notes_button.isEnabled()
    states.notes_edit.setFocus()
    QTest.keyClicks(states.notes_edit, "Call C001 about INV-1001")
    assert states.save_notes_button.isEnabled()
    states.save_notes_button.click()
    settled()
    assert _saved_notes(context, 1) == "Call C001 about INV-1001"
    assert not states.save_notes_button.isEnabled()

    states.approve_button.click()
    settled()
    assert "Approve invoice batch 1?" in dialogs.questions[-1]
    assert states.approval_label.text().startswith("Approved by ")
    assert (states.approve_button.isEnabled(), states.unapprove_button.isEnabled()) == (False, True)
    # Approved is locked: the batch's contents are read-only until it is unapproved (R7).
    assert not page.add_customer_button.isEnabled()
    assert "locked" in page.add_customer_button.toolTip()
    # Notes stay editable on a locked batch.
    states.notes_edit.setFocus()
    QTest.keyClick(states.notes_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(states.notes_edit, "; approved")
    states.save_notes_button.click()
    settled()
    assert _saved_notes(context, 1) == "Call C001 about INV-1001; approved"
    states.unapprove_button.click()
    settled()
    assert states.approval_label.text() == "Open, not approved"
    assert page.add_customer_button.isEnabled()
    assert dialogs.errors == []
