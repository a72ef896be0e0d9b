"""The Customers form as a clerk types it: Tab through the fields, Enter saves, Esc puts back,
and billing's refusals (a name too long, an envelope with no street) at the field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import CustomerRecord, Delivery
from app.ui.context import UiContext
from app.ui.customers.customers_page import CustomersPage
from tests import factories
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import focused, shown


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> CustomersPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools", city="Portland")
    widget = CustomersPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    shown(qtbot, widget)
    return widget


def _stored(context: UiContext) -> dict[str, CustomerRecord]:
    with context.read() as session:
        return {c.number: c for c in billing.list_customers(session)}


def _click(qtbot: QtBot, page: CustomersPage, field: str) -> None:
    QTest.mouseClick(page.form.edits[field], Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is page.form.edits[field]


def test_tab_from_number_reaches_name_then_the_address(qtbot: QtBot, page: CustomersPage) -> None:
    _click(qtbot, page, "number")
    order = []
    for _ in range(3):
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        page.form.edits["name"],
        page.form.edits["address1"],
        page.form.edits["address2"],
    ]


def test_enter_saves_and_esc_puts_back(
    qtbot: QtBot, page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    page.view.selectRow(0)
    _click(qtbot, page, "city")
    QTest.keyClick(page.form.edits["city"], Qt.Key.Key_End)
    QTest.keyClicks(page.form.edits["city"], " East")
    QTest.keyClick(page.form.edits["city"], Qt.Key.Key_Escape)
    assert page.form.edits["city"].text() == "Portland"
    assert not page.form.dirty
    assert not page.save_button.isEnabled()

    QTest.keyClick(page.form.edits["city"], Qt.Key.Key_Tab)  # into Region, by the keyboard
    QTest.keyClicks(focused(), "OR")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert _stored(context)["C001"].region == "OR"
    assert not page.form.dirty
    assert dialogs.errors == []


def test_a_500_character_name_is_refused_at_the_field_not_cut(
    qtbot: QtBot, page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    page.view.selectRow(0)
    _click(qtbot, page, "name")
    page.form.edits["name"].selectAll()
    QTest.keyClicks(page.form.edits["name"], "N" * 500)
    assert len(page.form.edits["name"].text()) == 500
    QTest.keyClick(page.form.edits["name"], Qt.Key.Key_Return)
    assert page.form.errors.message("name") == "Name is longer than 120 characters"
    assert _stored(context)["C001"].name == "Acme Tools"
    assert dialogs.errors == []


def test_a_customer_mailed_by_post_needs_the_lines_the_envelope_shows(
    qtbot: QtBot, page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, page, "number")
    QTest.keyClicks(page.form.edits["number"], "C002")
    QTest.keyClick(page.form.edits["number"], Qt.Key.Key_Tab)
    QTest.keyClicks(page.form.edits["name"], "Bergstrom Supplies")
    page.form.cutoff_day.setFocus()
    QTest.keyClicks(page.form.cutoff_day, "15")
    QTest.keyClick(page.form.cutoff_day, Qt.Key.Key_Return)

    assert page.form.errors.message("address1") == (
        "Address line 1 is required for a customer with a cutoff day: the envelope window shows it"
    )
    assert page.form.errors.message("city") == (
        "A customer with a cutoff day needs a city or a postal code for the envelope"
    )
    assert sorted(_stored(context)) == ["C001"]

    _click(qtbot, page, "address1")
    QTest.keyClicks(page.form.edits["address1"], "Storgatan 4")
    _click(qtbot, page, "postal_code")
    QTest.keyClicks(page.form.edits["postal_code"], "111 51")
    QTest.keyClick(page.form.edits["postal_code"], Qt.Key.Key_Return)
    saved = _stored(context)["C002"]
    assert (saved.address1, saved.postal_code, saved.cutoff_day) == ("Storgatan 4", "111 51", 15)
    assert dialogs.errors == []


def test_tab_from_phone_goes_through_the_billing_fields_to_the_notes(
    qtbot: QtBot, page: CustomersPage
) -> None:
    form = page.form
    _click(qtbot, page, "phone")
    order = []
    for _ in range(7):
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        form.delivery,
        form.cutoff_day,
        form.tax_rate,
        form.terms_days,
        form.tags,
        form.active,
        form.notes,
    ]


def test_the_delivery_is_chosen_with_the_arrow_keys_and_enter_saves_it(
    qtbot: QtBot, page: CustomersPage, context: UiContext, dialogs: Dialogs
) -> None:
    page.view.selectRow(0)
    _click(qtbot, page, "phone")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.form.delivery
    QTest.keyClick(focused(), Qt.Key.Key_Down)
    QTest.keyClick(focused(), Qt.Key.Key_Down)
    assert page.form.delivery.currentText() == "Both"
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClick(focused(), Qt.Key.Key_Tab)  # past the cutoff day, into the tax rate
    QTest.keyClicks(focused(), "8.25")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    saved = _stored(context)["C001"]
    assert (saved.delivery, saved.tax_rate) == (Delivery.BOTH, Decimal("8.25"))
    assert not page.form.dirty
    assert dialogs.errors == []


def test_alt_x_and_alt_v_reach_the_tax_rate_and_the_delivery(
    qtbot: QtBot, page: CustomersPage
) -> None:
    _click(qtbot, page, "number")
    QTest.keyClick(focused(), Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert focused() is page.form.tax_rate
    QTest.keyClick(focused(), Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert focused() is page.form.delivery
