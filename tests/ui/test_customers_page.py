"""The Customers page: entering and validating a customer, searching, unsaved changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import CustomerDraft, CustomerQuery, Delivery
from app.ui.context import UiContext
from app.ui.customers.customers_page import CustomersPage
from tests import factories
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import Entry, enter, focused, type_into


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> CustomersPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools", city="Portland")
        factories.customer(session, "C002", name="Café Zoë", cutoff_day=None)
        factories.customer(session, "C003", name="Łódź Müller & Søn", active=False)
    widget = CustomersPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def _customers(context: UiContext) -> dict[str, billing.CustomerRecord]:
    with context.transaction() as session:
        return {c.number: c for c in billing.list_customers(session, CustomerQuery())}


def _type(qtbot: QtBot, page: CustomersPage, field: str, text: str) -> None:
    edit = page.form.edits[field]
    edit.selectAll()
    QTest.keyClicks(edit, text)


def test_a_bad_customer_is_refused_at_the_fields_then_saved_when_fixed(
    qtbot: QtBot, page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.form.record is None
    _type(qtbot, page, "number", "C001")
    _type(qtbot, page, "email", "billing at example")
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert page.form.errors.message("number") == "Customer C001 already exists"
    assert page.form.errors.message("name") == "Name is required"
    assert page.form.errors.message("email") == "'billing at example' is not an email address"
    assert page.form.errors.message("city") == ""
    assert dialogs.errors == []
    assert sorted(_customers(context)) == ["C001", "C002", "C003"]

    _type(qtbot, page, "number", "C004")
    _type(qtbot, page, "name", "Northwind Traders")
    _type(qtbot, page, "email", "ap@northwind.example")
    _type(qtbot, page, "address1", "2 Harbor Way")
    _type(qtbot, page, "city", "Seattle")
    page.form.cutoff_day.set_day(20)
    page.save_button.click()

    saved = _customers(context)["C004"]
    assert (saved.name, saved.email, saved.cutoff_day, saved.active) == (
        "Northwind Traders",
        "ap@northwind.example",
        20,
        True,
    )
    assert page.form.errors.message("number") == ""
    assert page.form.record == saved
    assert not page.form.dirty
    assert page.model.total == 4
    assert page.view.currentIndex().row() == page.model.row_where(lambda r: r.id == saved.id)


def test_search_finds_number_or_name_and_enter_opens_the_first(
    qtbot: QtBot, page: CustomersPage, dialogs: Dialogs
) -> None:
    page.search.setText("zoë")
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    assert [r.number for r in page.model.rows()] == ["C002"]
    assert page.count_label.text() == "1 customer"
    assert page.form.edits["name"].text() == "Café Zoë"
    assert page.view.hasFocus()

    page.search.clear()
    QTest.keyClicks(page.search, "c00")
    qtbot.waitUntil(lambda: page.model.total == 3)
    page.active_only.setChecked(True)
    assert [r.number for r in page.model.rows()] == ["C001", "C002"]


def test_sorting_by_a_header_asks_the_database(page: CustomersPage) -> None:
    page.view.horizontalHeader().setSortIndicator(page.model.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert [r.number for r in page.model.rows()] == ["C003", "C002", "C001"]
    assert page.model.data(page.model.index(2, page.model.COL_CUTOFF_DAY)) == "15"
    assert page.model.data(page.model.index(1, page.model.COL_CUTOFF_DAY)) == "None"


def test_unsaved_changes_are_kept_when_the_clerk_says_so(
    page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    page.view.selectRow(0)
    assert page.form.edits["number"].text() == "C001"
    QTest.keyClick(page.form.edits["city"], Qt.Key.Key_End)
    QTest.keyClicks(page.form.edits["city"], " East")
    dialogs.confirm_answer = False
    page.view.selectRow(1)
    assert dialogs.questions == ["Customer C001 has unsaved changes. Discard them?"]
    assert page.form.edits["city"].text() == "Portland East"
    assert page.view.currentIndex().row() == 0

    dialogs.confirm_answer = True
    page.view.selectRow(1)
    assert page.form.edits["number"].text() == "C002"
    assert _customers(context)["C001"].city == "Portland"


def test_a_customer_with_transactions_is_not_deleted(
    page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    with context.transaction() as session:
        factories.transaction(session, "C001", "invoice", "INV-1", "2026-11-02", "100.00")
    page.view.selectRow(0)
    page.delete_button.click()
    assert dialogs.questions == ["Delete customer C001 Acme Tools? This cannot be undone."]
    assert dialogs.errors == [
        "Customer C001 has transactions and cannot be deleted. Untick Active instead."
    ]
    assert "C001" in _customers(context)

    page.view.selectRow(1)
    page.delete_button.click()
    assert sorted(_customers(context)) == ["C001", "C003"]
    assert page.form.record is None
    assert page.model.total == 2


def _select(page: CustomersPage, number: str) -> None:
    page.view.selectRow(page.model.row_where(lambda r: r.number == number) or 0)
    assert page.form.edits["number"].text() == number


def test_tax_terms_delivery_and_tags_are_typed_saved_and_shown_again(
    qtbot: QtBot, page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    _select(page, "C001")
    form = page.form
    assert (form.tax_rate.text(), form.terms_days.text(), form.tags.text()) == ("", "", "")
    assert form.tax_rate.placeholderText() == form.terms_days.placeholderText() == "Company's"
    assert form.delivery.currentText() == "Print"
    type_into(qtbot, form.tax_rate, Entry.TAB, "8.25")
    assert focused() is form.terms_days
    QTest.keyClicks(focused(), "45")
    form.delivery.setFocus()
    QTest.keyClick(form.delivery, Qt.Key.Key_E)  # a closed combo takes the first letter
    type_into(qtbot, form.tags, Entry.TAB, " north; Retail ;NORTH")
    QTest.keyClick(form.tags, Qt.Key.Key_Return)
    assert dialogs.errors == []

    saved = _customers(context)["C001"]
    assert (saved.tax_rate, saved.terms_days, saved.delivery, saved.tags) == (
        Decimal("8.25"),
        45,
        Delivery.EMAIL,
        "north;Retail",
    )
    assert form.tags.text() == "north;Retail"  # as billing keeps them
    assert not form.dirty

    _select(page, "C002")
    assert (form.tax_rate.text(), form.terms_days.text(), form.delivery.currentText()) == (
        "",
        "",
        "Print",
    )
    _select(page, "C001")
    assert (form.tax_rate.text(), form.terms_days.text()) == ("8.25", "45")
    assert (form.delivery.currentText(), form.tags.text()) == ("Email", "north;Retail")

    # Another field changed and saved: what the form did not touch stays as it was.
    QTest.keyClick(form.edits["city"], Qt.Key.Key_End)
    QTest.keyClicks(form.edits["city"], " East")
    QTest.keyClick(form.edits["city"], Qt.Key.Key_Return)
    again = _customers(context)["C001"]
    assert again.city == "Portland East"
    assert (again.tax_rate, again.terms_days, again.delivery, again.tags) == (
        Decimal("8.25"),
        45,
        Delivery.EMAIL,
        "north;Retail",
    )


def test_zero_is_exempt_and_an_emptied_field_is_the_company_s_again(
    qtbot: QtBot, page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    with context.transaction() as session:
        record = billing.customer_by_number(session, "C002")
        draft = CustomerDraft(
            number="C002", name=record.name, tax_rate=Decimal("7.5"), terms_days=10
        )
        billing.update_customer(session, record.id, draft)
    page.refresh()
    _select(page, "C002")
    assert (page.form.tax_rate.text(), page.form.terms_days.text()) == ("7.5", "10")
    type_into(qtbot, page.form.tax_rate, Entry.CLICK_SELECT_ALL, "0")
    enter(qtbot, page.form.terms_days, Entry.CLICK_SELECT_ALL)
    QTest.keyClick(page.form.terms_days, Qt.Key.Key_Delete)
    assert page.form.terms_days.text() == ""
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = _customers(context)["C002"]
    assert (saved.tax_rate, saved.terms_days) == (Decimal(0), None)
    assert page.form.tax_rate.text() == "0"
    assert dialogs.errors == []


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("tax_rate", "8.12345", "Tax rate has more than four decimals"),
        ("tax_rate", "eight", "'eight' is not a percentage (write 8.25 for 8.25 %)"),
        ("tax_rate", "101", "Tax rate must be from 0 to 100"),
        ("terms_days", "ten", "'ten' is not a number of days (use the digits 0 to 9)"),
        ("terms_days", "4000", "Terms must be a number of days from 0 to 3650, or empty"),
    ],
)
def test_a_bad_tax_rate_or_terms_is_refused_at_the_field(
    qtbot: QtBot,
    page: CustomersPage,
    context: UiContext,
    dialogs: Dialogs,
    field: str,
    typed: str,
    message: str,
) -> None:
    _select(page, "C001")
    edit = getattr(page.form, field)
    type_into(qtbot, edit, Entry.CLICK_SELECT_ALL, typed)
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.form.errors.message(field) == message
    assert focused() is edit
    assert dialogs.errors == []
    assert page.form.dirty
    saved = _customers(context)["C001"]
    assert (saved.tax_rate, saved.terms_days) == (None, None)
