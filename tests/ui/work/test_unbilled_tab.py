"""Unbilled Work as a clerk works it: the filters narrow the customers' groups, the ticked
customers get one invoice each, all of them or none, and the list follows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionQuery, TransactionRecord, TransactionType, WorkQuery
from app.ui import messages
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.work.unbilled_tab import NONE_TICKED, NOTHING_SHOWN, UnbilledTab
from app.ui.work.unbilled_work_page import UnbilledWorkPage
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import Entry, enter, type_into
from tests.ui.work.conftest import page_of, work_window
from tests.ui.work.work_scenario import november_work

Groups = list[tuple[str, str, str]]


def groups(tab: UnbilledTab) -> Groups:
    """Each customer row as it reads: customer, entries, amount."""
    model = tab.model
    return [
        tuple(
            model.index(row, column).data()
            for column in (model.COL_CUSTOMER, model.COL_ENTRIES, model.COL_AMOUNT)
        )
        for row in range(model.rowCount())
    ]


ALL: Groups = [
    ("C001 — Acme Tools", "3", "342.50"),
    ("C002 — Bergström Supplies", "2", "720.00"),
    ("C003 — Castellano Tiles", "2", "130.00"),
]


def tick(qtbot: QtBot, tab: UnbilledTab, *numbers: str) -> None:
    """Space on each customer's row, as a clerk ticks with the keyboard."""
    tab.tree.setFocus()
    for number in numbers:
        row = tab.model.row_of(number)
        assert row is not None
        tab.tree.setCurrentIndex(tab.model.index(row, 0))
        QTest.keyClick(tab.tree, Qt.Key.Key_Space)


def invoices(context: UiContext) -> dict[str, TransactionRecord]:
    with context.read() as session:
        query = TransactionQuery(types=frozenset({TransactionType.INVOICE}))
        return {t.customer_number: t for t in billing.list_transactions(session, query)}


def test_the_groups_show_each_customers_unbilled_billable_work(page: UnbilledWorkPage) -> None:
    assert groups(page.unbilled) == ALL
    assert page.unbilled.reason_label.text() == NONE_TICKED
    assert not page.unbilled.create_button.isEnabled()
    page.unbilled.expand_customer("C003")
    model = page.unbilled.model
    c003 = model.index(2, 0)
    entries = [
        (model.index(row, 0, c003).data(), model.index(row, model.COL_AMOUNT, c003).data())
        for row in range(model.rowCount(c003))
    ]
    assert entries == [("2026-10-28", "45.00"), ("2026-11-07", "85.00")]  # not the unbillable
    assert model.index(2, model.COL_DESCRIPTION).data() == "Work 2026-10-28 to 2026-11-07"


def test_typed_filters_narrow_the_groups_with_exact_totals(
    qtbot: QtBot, page: UnbilledWorkPage
) -> None:
    filters, tab = page.filters, page.unbilled
    type_into(qtbot, filters.date_from, Entry.TAB, "2026-11-01")
    assert groups(tab) == [
        ("C001 — Acme Tools", "3", "342.50"),
        ("C002 — Bergström Supplies", "2", "720.00"),
        ("C003 — Castellano Tiles", "1", "85.00"),
    ]
    type_into(qtbot, filters.worker, Entry.TAB, "ana")  # any case
    assert groups(tab) == [
        ("C001 — Acme Tools", "2", "215.00"),
        ("C002 — Bergström Supplies", "1", "360.00"),
    ]
    filters.service_type.setFocus()
    QTest.keyClicks(filters.service_type, "L")  # LABOR, by its first letter
    assert groups(tab) == [
        ("C001 — Acme Tools", "1", "170.00"),
        ("C002 — Bergström Supplies", "1", "360.00"),
    ]
    filters.worker.clear()
    type_into(qtbot, filters.worker, Entry.TAB, "")
    filters.tag.setFocus()
    QTest.keyClicks(filters.tag, "v")  # the tag VIP
    assert groups(tab) == [("C002 — Bergström Supplies", "1", "360.00")]
    assert page.entries.model.total == 1  # the same filters narrow Work Entries


def test_a_customer_chosen_in_the_filter_is_the_only_group(
    qtbot: QtBot, page: UnbilledWorkPage
) -> None:
    picker = page.filters.customer
    enter(qtbot, picker.editor, Entry.CLICK_SELECT_ALL)
    QTest.keyClicks(picker.editor, "c003")
    completer = picker.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    assert popup.isVisible()
    QTest.keyClick(popup, Qt.Key.Key_Down)  # the one customer it offers
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert picker.editor.text() == "C003 — Castellano Tiles"
    assert groups(page.unbilled) == [ALL[2]]


def test_nothing_passing_the_filters_says_so_at_the_buttons(
    qtbot: QtBot, page: UnbilledWorkPage
) -> None:
    type_into(qtbot, page.filters.date_from, Entry.TAB, "2027-01-01")
    tab = page.unbilled
    assert groups(tab) == []
    assert tab.reason_label.text() == NOTHING_SHOWN
    assert (tab.preview_button.isEnabled(), tab.create_button.isEnabled()) == (False, False)
    assert tab.create_button.toolTip() == NOTHING_SHOWN
    assert not tab.tick_all_button.isEnabled()


def test_a_click_on_a_customers_box_ticks_it(qtbot: QtBot, page: UnbilledWorkPage) -> None:
    tab = page.unbilled
    index = tab.model.index(1, 0)
    option = QStyleOptionViewItem()
    option.initFrom(tab.tree)
    option.rect = tab.tree.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = tab.tree.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tab.tree
    )
    QTest.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert tab.model.ticked_numbers() == ("C002",)
    assert tab.ticked_label.text() == "Ticked 1 of 3 customers: 2 entries, 720.00 before tax"


def test_tick_all_and_untick_all(qtbot: QtBot, page: UnbilledWorkPage) -> None:
    tab = page.unbilled
    QTest.mouseClick(tab.tick_all_button, Qt.MouseButton.LeftButton)
    assert tab.model.ticked_numbers() == ("C001", "C002", "C003")
    assert tab.ticked_label.text() == "Ticked 3 of 3 customers: 7 entries, 1,192.50 before tax"
    assert tab.create_button.isEnabled()
    assert tab.reason_label.text() == ""
    QTest.mouseClick(tab.untick_all_button, Qt.MouseButton.LeftButton)
    assert tab.model.ticked_numbers() == ()
    assert not tab.create_button.isEnabled()


def test_ticks_stay_on_the_customers_still_shown(qtbot: QtBot, page: UnbilledWorkPage) -> None:
    tab = page.unbilled
    tick(qtbot, tab, "C001", "C003")
    page.filters.tag.setFocus()
    QTest.keyClicks(page.filters.tag, "n")  # north: C001 and C002
    assert tab.model.ticked_numbers() == ("C001",)
    page.filters.tag.setCurrentIndex(0)
    page.filters.tag.activated.emit(0)
    assert tab.model.ticked_numbers() == ("C001",)  # C003 was out of sight, so unticked


def _create(qtbot: QtBot, tab: UnbilledTab) -> None:
    with qtbot.waitSignal(tab.sig_created, timeout=20_000):
        QTest.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)


def test_two_ticked_of_three_make_exactly_two_invoices(
    qtbot: QtBot, any_context: UiContext, dialogs: Dialogs
) -> None:
    november_work(any_context.db)
    window = work_window(qtbot, any_context)
    page = page_of(window)
    tab = page.unbilled
    type_into(qtbot, tab.invoice_date, Entry.TAB, "2026-11-30")
    tick(qtbot, tab, "C001", "C003")
    _create(qtbot, tab)

    assert dialogs.questions == [
        "Create 2 invoices dated 2026-11-30 for a total of 502.25 (472.50 + tax 29.75), from "
        "5 work entries? An invoice in no batch yet can still be deleted, which returns its "
        "work to unbilled."
    ]
    made = invoices(any_context)
    assert sorted(made) == ["C001", "C003"]
    c001, c003 = made["C001"], made["C003"]
    assert (c001.amount, c001.tax, c001.invoice_date, c001.due_date) == (
        Decimal("342.50"),
        Decimal("29.75"),
        dt.date(2026, 11, 30),
        dt.date(2026, 12, 14),
    )
    assert (c003.amount, c003.tax, c003.due_date) == (
        Decimal("130.00"),
        Decimal("0.00"),
        dt.date(2026, 12, 30),
    )
    first, last = sorted([c001.number, c003.number])
    made_text = (
        f"Made 2 invoices from work, {first} to {last}, dated 2026-11-30: 502.25 "
        "(472.50 + tax 29.75)."
    )
    assert window.statusBar().currentMessage() == made_text
    assert tab.banner.text() == made_text
    assert groups(tab) == [ALL[1]]  # the list follows: only C002's work is left
    assert tab.model.ticked_numbers() == ()
    with any_context.read() as session:
        billed = billing.list_work(session, WorkQuery(customer_numbers=("C001",)))
    assert {w.invoice_number for w in billed} == {c001.number}
    page.tabs.setCurrentWidget(page.entries)
    assert {page.entries.model.index(row, 7).data() for row in range(3)} >= {c001.number}
    assert dialogs.errors == []


def test_answering_cancel_makes_nothing(
    qtbot: QtBot, page: UnbilledWorkPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialogs.confirm_answer = False
    tab = page.unbilled
    tick(qtbot, tab, "C002")
    QTest.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialogs.questions) == 1, timeout=10_000)
    assert dialogs.questions[0].startswith("Create 1 invoice dated ")
    assert (
        "for a total of 779.40 (720.00 + tax 59.40), from 2 work entries?" in (dialogs.questions[0])
    )
    assert invoices(context) == {}
    assert groups(tab) == ALL


def test_the_preview_shows_every_invoice_and_the_grand_total(
    qtbot: QtBot, page: UnbilledWorkPage, context: UiContext
) -> None:
    tab = page.unbilled
    type_into(qtbot, tab.invoice_date, Entry.TAB, "2026-11-30")
    QTest.mouseClick(tab.tick_all_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(tab.sig_preview_shown, timeout=10_000):
        QTest.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    dialog = tab.preview_dialog
    assert dialog is not None
    shown = [
        tuple(dialog.model.index(row, column).data() for column in range(7))
        for row in range(dialog.model.rowCount())
    ]
    assert shown == [
        ("C001 — Acme Tools", "2026-12-14", "Work 2026-11-03 to 2026-11-20", "3", "342.50",
         "29.75", "372.25"),
        ("C002 — Bergström Supplies", "2026-12-30", "Work 2026-11-05 to 2026-11-25", "2",
         "720.00", "59.40", "779.40"),
        ("C003 — Castellano Tiles", "2026-12-30", "Work 2026-10-28 to 2026-11-07", "2",
         "130.00", "0.00", "130.00"),
        ("", "", "Total of 3 invoices", "7", "1,192.50", "89.15", "1,281.65"),
    ]  # fmt: skip
    assert dialog.summary.text() == (
        "Create Invoices would make 3 invoices dated 2026-11-30, one per customer, for a total "
        "of 1,281.65. Nothing has been made yet."
    )
    assert invoices(context) == {}  # a preview makes nothing
    with qtbot.waitSignal(tab.sig_created, timeout=20_000):
        QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert sorted(invoices(context)) == ["C001", "C002", "C003"]
    assert groups(tab) == []


def test_enter_in_the_preview_closes_it_and_makes_nothing(
    qtbot: QtBot, page: UnbilledWorkPage, context: UiContext
) -> None:
    tab = page.unbilled
    tick(qtbot, tab, "C001")
    with qtbot.waitSignal(tab.sig_preview_shown, timeout=10_000):
        QTest.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    dialog = tab.preview_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.table.hasFocus()
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    assert invoices(context) == {}


def test_work_invoiced_by_another_clerk_meanwhile_is_said_in_the_clerks_words(
    qtbot: QtBot,
    page: UnbilledWorkPage,
    context: UiContext,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While this clerk reads the question, another clerk invoices the same work."""
    tab = page.unbilled
    tick(qtbot, tab, "C003")

    def another_clerk_first(_parent: object, _title: str, text: str, _action: str = "") -> bool:
        with context.transaction() as session:
            request = billing.WorkInvoiceRequest(
                dt.date(2026, 11, 30), WorkQuery(customer_numbers=("C003",))
            )
            billing.invoice_work(session, request)
        return True

    monkeypatch.setattr(messages, "confirm", another_clerk_first)
    QTest.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=20_000)
    assert dialogs.errors == [
        "There is no unbilled billable work for customer C003. No invoice was made."
    ]
    assert len(invoices(context)) == 1  # the other clerk's
    assert groups(tab) == ALL[:2]


def test_a_claim_lost_to_another_run_is_shown_once_and_the_list_read_again(
    qtbot: QtBot, page: UnbilledWorkPage, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = page.unbilled
    tick(qtbot, tab, "C001")

    def claimed(*_args: object, **_kwargs: object) -> list[billing.WorkInvoice]:
        raise billing.WorkClaimedMeanwhile("Another clerk invoiced some of this work.")

    monkeypatch.setattr(billing, "invoice_work", claimed)
    reloads: list[int] = []
    tab.model.modelReset.connect(lambda: reloads.append(1))
    QTest.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=20_000)
    assert dialogs.errors == ["Another clerk invoiced some of this work."]
    assert reloads == [1]
    assert tab.banner.isHidden()
    assert tab.create_button.isEnabled()


def test_an_invoice_date_that_is_not_a_date_is_said_at_its_field(
    qtbot: QtBot, page: UnbilledWorkPage, context: UiContext, dialogs: Dialogs
) -> None:
    tab = page.unbilled
    tick(qtbot, tab, "C001")
    type_into(qtbot, tab.invoice_date, Entry.TAB, "2026-11-31")
    QTest.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.errors.message("invoice_date") == "'2026-11-31' is not a date (there is no such day)"
    assert dialogs.questions == []
    assert invoices(context) == {}


def test_enter_on_an_entry_opens_it_in_the_work_entry_form(
    qtbot: QtBot, page: UnbilledWorkPage
) -> None:
    tab = page.unbilled
    tab.expand_customer("C001")
    tab.tree.setFocus()
    tab.tree.setCurrentIndex(tab.model.index(0, 0, tab.model.index(0, 0)))
    QTest.keyClick(tab.tree, Qt.Key.Key_Return)
    assert page.tabs.currentWidget() is page.entries
    record = page.entries.form.record
    assert record is not None
    assert (record.customer_number, record.description) == ("C001", "Replace pump seal")


def test_ctrl_7_shows_the_page_with_the_keyboard_in_the_filters(
    qtbot: QtBot, window: MainWindow, page: UnbilledWorkPage
) -> None:
    window.navigator.setFocus()
    QTest.keyClick(window.navigator, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.date_from.hasFocus()
