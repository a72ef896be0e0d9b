"""The work-entry form as a clerk types it: the service type fills the rate, Enter saves, a bad
quantity is said at its field, and a billed entry cannot change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import WorkInvoiceRequest, WorkQuery, WorkRecord
from app.ui.context import UiContext
from app.ui.work.unbilled_work_page import UnbilledWorkPage
from app.ui.work.work_entries_tab import WorkEntriesTab
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import Entry, focused, type_into


@pytest.fixture
def tab(qtbot: QtBot, page: UnbilledWorkPage) -> WorkEntriesTab:
    page.tabs.setCurrentWidget(page.entries)
    return page.entries


def stored(context: UiContext, customer: str) -> list[WorkRecord]:
    with context.read() as session:
        return billing.list_work(session, WorkQuery(customer_numbers=(customer,)))


def new_entry(qtbot: QtBot, tab: WorkEntriesTab) -> None:
    QTest.keyClick(tab, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.form.record is None
    assert focused() is tab.form.customer
    tab.form.customer.set_number("C002")  # chosen: the completer's popup is tested elsewhere


def test_a_typed_entry_is_saved_with_the_rate_its_service_type_fills_in(
    qtbot: QtBot,
    page: UnbilledWorkPage,
    tab: WorkEntriesTab,
    context: UiContext,
    dialogs: Dialogs,
) -> None:
    form = tab.form
    new_entry(qtbot, tab)
    type_into(qtbot, form.work_date, Entry.TAB, "2026-11-27")  # and Tab on
    assert focused() is form.service_type
    QTest.keyClicks(form.service_type, "T")  # TRIP, by its first letter
    assert form.rate.text() == "45.00"
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.worker
    QTest.keyClicks(form.worker, "Cleo")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(form.quantity, "2")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert form.amount.text() == "90.00"
    QTest.keyClicks(form.rate, "50")  # Tab selected the rate: typed over
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert form.amount.text() == "100.00"
    QTest.keyClicks(form.description, "Two trips to the depot")
    QTest.keyClick(form.description, Qt.Key.Key_Return)

    assert dialogs.errors == []
    saved = [w for w in stored(context, "C002") if w.worker == "Cleo"]
    assert [
        (w.work_date, w.service_type, w.quantity, w.rate, w.amount, w.billable, w.description)
        for w in saved
    ] == [
        (
            dt.date(2026, 11, 27),
            "TRIP",
            Decimal("2.00"),
            Decimal("50.00"),
            Decimal("100.00"),
            True,
            "Two trips to the depot",
        )
    ]
    assert not form.dirty
    assert form.record == saved[0]
    assert tab.model.total == 9  # the eight of the scenario, and this one
    # The Unbilled tab has it too.
    groups = {g.customer_number: g for g in page.unbilled.model.groups()}
    assert (groups["C002"].entries, groups["C002"].amount) == (3, Decimal("820.00"))


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("0", "Quantity must be from 0.01 to 9999999.99"),
        ("1.555", "'1.555' has more than two decimals"),
        ("two", "'two' is not a quantity (use digits and a dot, like 1.50)"),
        ("", "Quantity is empty"),
    ],
)
def test_a_bad_quantity_is_said_at_its_field_and_nothing_is_saved(
    qtbot: QtBot,
    tab: WorkEntriesTab,
    context: UiContext,
    dialogs: Dialogs,
    typed: str,
    said: str,
) -> None:
    form = tab.form
    new_entry(qtbot, tab)
    form.service_type.setFocus()
    QTest.keyClicks(form.service_type, "L")
    type_into(qtbot, form.quantity, Entry.TAB, typed)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert form.errors.message("quantity") == said
    assert focused() is form.quantity
    assert dialogs.errors == []
    assert len(stored(context, "C002")) == 2
    assert form.dirty


def test_a_missing_customer_and_service_type_are_said_at_their_fields(
    qtbot: QtBot, tab: WorkEntriesTab, dialogs: Dialogs
) -> None:
    form = tab.form
    QTest.keyClick(tab, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_into(qtbot, form.quantity, Entry.TAB, "1")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert form.errors.message("customer") == "Customer is required"
    assert form.errors.message("service_type") == "Service type is required"
    assert dialogs.errors == []


def test_a_billed_entry_is_read_only_with_the_reason(
    qtbot: QtBot, tab: WorkEntriesTab, context: UiContext
) -> None:
    with context.transaction() as session:
        request = WorkInvoiceRequest(dt.date(2026, 11, 30), WorkQuery(customer_numbers=("C003",)))
        (invoice,) = billing.invoice_work(session, request)
    tab.refresh()
    row = tab.model.row_where(lambda w: w.invoice_number == invoice.number)
    assert row is not None
    tab.view.select_row(row)
    form = tab.form
    assert form.read_only
    assert form.banner.text() == (
        f"This work entry is read-only. It is billed on invoice {invoice.number}. Delete that "
        "invoice (while it is in no batch or an open one) to return the work to unbilled."
    )
    assert not any(widget.isEnabled() for widget in form.fields_in_order())
    assert (tab.save_button.isEnabled(), tab.delete_button.isEnabled()) == (False, False)
    assert form.invoice.text() == f"Billed on invoice {invoice.number}"
    assert tab.model.index(row, tab.model.COL_INVOICE).data() == invoice.number
    tab.delete()  # as Delete would, were it enabled
    assert len([w for w in stored(context, "C003") if w.invoice_number]) == 2


def test_an_unbilled_entry_is_deleted_after_the_question(
    qtbot: QtBot, tab: WorkEntriesTab, context: UiContext, dialogs: Dialogs
) -> None:
    row = tab.model.row_where(lambda w: w.customer_number == "C003" and not w.billable)
    assert row is not None
    tab.view.select_row(row)
    assert tab.form.invoice.text() == "Not billable"
    QTest.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert dialogs.questions == [
        "Delete the work entry of 2026-11-12 for C003 Castellano Tiles (LABOR, 170.00)? "
        "This cannot be undone."
    ]
    assert [w.billable for w in stored(context, "C003")] == [True, True]


def test_unbilled_only_hides_billed_and_unbillable_work(qtbot: QtBot, tab: WorkEntriesTab) -> None:
    assert tab.count_label.text() == "8 work entries"
    tab.unbilled_only.setFocus()
    QTest.keyClick(tab.unbilled_only, Qt.Key.Key_Space)
    assert tab.count_label.text() == "7 work entries"
    assert all(r.billable and r.invoice_number is None for r in tab.model.rows())
