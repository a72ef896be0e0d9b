"""The line editor of the A/R form as a clerk types it: lines added and removed by keyboard,
their amounts and taxes worked out by billing, Amount and Tax their sums, saved and reopened."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import LineDraft, ServiceTypeDraft, TransactionRecord, TransactionType
from app.ui.batch_details.transaction_edit_dialog import TransactionEditDialog
from app.ui.context import UiContext
from app.ui.transactions.transactions_page import TransactionsPage
from app.ui.widgets.line_row import LineRow
from tests import factories
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import focused, shown

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
VALVE = LineDraft("Valve, half a box", Decimal("0.5"), Decimal("12.75"))
LABOUR = LineDraft("Labour", Decimal("2.25"), Decimal("80.00"), taxable=False, service_type="LAB")


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> TransactionsPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools", tax_rate=Decimal("8.25"))
        factories.customer(session, "C002", name="Exempt Trust", tax_rate=Decimal("0"))
        draft = ServiceTypeDraft("LAB", "Labour", Decimal("80.00"), taxable=False)
        billing.create_service_type(session, draft)
    widget = TransactionsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    shown(qtbot, widget)
    return widget


def _stored(context: UiContext, number: str) -> TransactionRecord:
    with context.read() as session:
        (found,) = [t for t in billing.list_transactions(session) if t.number == number]
        return billing.get_transaction(session, found.id)


def _key(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifiers)


def _type(text: str) -> None:
    """Type into the field the keyboard is in, then Tab on."""
    QTest.keyClicks(focused(), text)
    _key(Qt.Key.Key_Tab)


def _figures(page: TransactionsPage) -> list[tuple[str, str]]:
    rows = page.form.lines.rows
    return [(row.amount_cell.text(), row.tax_cell.text()) for row in rows]


def _new_invoice(page: TransactionsPage, customer: str, number: str) -> None:
    QTest.keyClick(page, Qt.Key.Key_N, CTRL)
    form = page.form
    form.customer.setFocus()
    form.customer.editor.selectAll()
    QTest.keyClicks(form.customer.editor, customer)
    QTest.mouseClick(form.number, Qt.MouseButton.LeftButton)
    QTest.keyClicks(form.number, number)
    form.invoice_date.set_date(dt.date(2026, 11, 2))


def _row_of(page: TransactionsPage, widget: QWidget) -> LineRow:
    return next(row for row in page.form.lines.rows if widget in row.inputs())


def test_two_lines_typed_by_keyboard_make_the_amount_and_tax(
    page: TransactionsPage, context: UiContext, dialogs: Dialogs
) -> None:
    form = page.form
    _new_invoice(page, "C001", "INV-77")
    assert not form.amount.isReadOnly()

    _key(Qt.Key.Key_L, CTRL)  # from the number field: a first line, the keyboard in it
    first = form.lines.rows[0]
    assert focused() is first.description
    _type("Valve, half a box")
    assert focused() is first.service_date
    _type("2026-11-01")
    _key(Qt.Key.Key_Tab)  # no service type
    _type("0.5")
    _type("12.75")
    assert focused() is first.taxable
    assert first.taxable.isChecked()
    assert _figures(page) == [("6.38", "0.53")]  # 6.375 and 0.52635, half up
    assert (form.amount.text(), form.tax.text()) == ("6.38", "0.53")
    assert form.amount.isReadOnly()
    assert form.tax.isReadOnly()

    _key(Qt.Key.Key_L, CTRL)
    second = form.lines.rows[1]
    assert focused() is second.description
    _type("Labour")
    _key(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "L")  # LAB, by its first letter: its rate, not taxable
    assert second.service_type.code() == "LAB"
    assert (second.rate.text(), second.taxable.isChecked()) == ("80.00", False)
    _key(Qt.Key.Key_Tab)
    _type("2.25")
    assert _figures(page) == [("6.38", "0.53"), ("180.00", "0.00")]
    assert (form.amount.text(), form.tax.text()) == ("186.38", "0.53")
    assert form.total.text() == "186.91 (raises the balance)"

    _key(Qt.Key.Key_S, CTRL)
    assert dialogs.errors == []
    saved = _stored(context, "INV-77")
    assert (saved.amount, saved.tax) == (Decimal("186.38"), Decimal("0.53"))
    assert [
        (line.description, line.service_date, line.service_type, line.quantity, line.rate)
        for line in saved.lines
    ] == [
        ("Valve, half a box", dt.date(2026, 11, 1), "", Decimal("0.50"), Decimal("12.75")),
        ("Labour", None, "LAB", Decimal("2.25"), Decimal("80.00")),
    ]
    assert [(line.amount, line.tax) for line in saved.lines] == [
        (Decimal("6.38"), Decimal("0.53")),
        (Decimal("180.00"), Decimal("0.00")),
    ]
    assert not form.dirty


def test_reopened_lines_show_and_one_is_removed_by_keyboard(
    page: TransactionsPage, context: UiContext, dialogs: Dialogs
) -> None:
    with context.transaction() as session:
        factories.transaction(session, "C001", "invoice", "INV-1", "2026-11-02",
                              lines=[VALVE, LABOUR])  # fmt: skip
    page.refresh()
    page.view.selectRow(0)
    form = page.form
    assert [row.description.text() for row in form.lines.rows] == ["Valve, half a box", "Labour"]
    assert [row.quantity.text() for row in form.lines.rows] == ["0.50", "2.25"]
    assert _figures(page) == [("6.38", "0.53"), ("180.00", "0.00")]
    assert (form.amount.text(), form.tax.text(), form.dirty) == ("186.38", "0.53", False)

    QTest.mouseClick(form.lines.rows[0].rate, Qt.MouseButton.LeftButton)
    _key(Qt.Key.Key_L, CTRL_SHIFT)  # the line being typed in goes
    assert [row.description.text() for row in form.lines.rows] == ["Labour"]
    assert focused() is form.lines.rows[0].description
    assert (form.amount.text(), form.tax.text(), form.dirty) == ("180.00", "0.00", True)
    _key(Qt.Key.Key_Return)

    saved = _stored(context, "INV-1")
    assert (saved.amount, saved.tax) == (Decimal("180.00"), Decimal("0.00"))
    assert [(line.position, line.description) for line in saved.lines] == [(1, "Labour")]
    assert dialogs.errors == []


def test_without_lines_the_amount_and_tax_are_typed_again(
    page: TransactionsPage, context: UiContext
) -> None:
    with context.transaction() as session:
        factories.transaction(session, "C001", "invoice", "INV-1", "2026-11-02", lines=[VALVE])
    page.refresh()
    page.view.selectRow(0)
    form = page.form
    QTest.mouseClick(form.lines.rows[0].description, Qt.MouseButton.LeftButton)
    _key(Qt.Key.Key_L, CTRL_SHIFT)
    assert form.lines.rows == []
    assert focused() is form.lines.add_button
    assert not form.amount.isReadOnly()
    assert not form.tax.isReadOnly()
    form.amount.selectAll()
    QTest.keyClicks(form.amount, "50")
    form.tax.selectAll()
    QTest.keyClicks(form.tax, "4.13")
    QTest.keyClick(form.tax, Qt.Key.Key_Return)
    saved = _stored(context, "INV-1")
    assert (saved.amount, saved.tax, saved.lines) == (Decimal("50.00"), Decimal("4.13"), ())


def test_the_customers_rate_taxes_the_lines(page: TransactionsPage, context: UiContext) -> None:
    _new_invoice(page, "C002", "INV-8")  # tax exempt
    _key(Qt.Key.Key_L, CTRL)
    _type("Valve")
    _key(Qt.Key.Key_Tab)
    _key(Qt.Key.Key_Tab)
    _type("0.5")
    _type("12.75")
    assert _figures(page) == [("6.38", "0.00")]
    form = page.form
    form.customer.set_number("C001")  # another customer: another rate
    assert _figures(page) == [("6.38", "0.53")]
    assert form.tax.text() == "0.53"


def test_lines_that_cannot_be_read_or_are_refused_are_named_at_the_field(
    page: TransactionsPage, context: UiContext, dialogs: Dialogs
) -> None:
    form = page.form
    _new_invoice(page, "C001", "INV-9")
    _key(Qt.Key.Key_L, CTRL)
    _type("Visit")
    _key(Qt.Key.Key_Tab)
    _key(Qt.Key.Key_Tab)
    _type("1")
    _type("0")
    _key(Qt.Key.Key_L, CTRL)
    _type("Bolts")
    _key(Qt.Key.Key_Tab)
    _key(Qt.Key.Key_Tab)
    _type("1.005")
    _type("0.10")
    QTest.keyClick(page, Qt.Key.Key_S, CTRL)
    assert form.errors.message("lines") == "Line 2: quantity '1.005' has more than two decimals"
    second = form.lines.rows[1]
    second.quantity.selectAll()
    QTest.keyClicks(second.quantity, "0.01")  # 0.001: nothing, as the visit
    QTest.keyClick(page, Qt.Key.Key_S, CTRL)
    assert form.errors.message("lines") == (
        "The lines add up to 0.00: the amount must be greater than 0"
    )
    assert form.errors.message("amount") == "Amount must be greater than 0"
    with context.read() as session:
        assert billing.list_transactions(session) == []
    assert dialogs.errors == []


def test_lines_of_a_printed_batch_are_read_only(page: TransactionsPage, context: UiContext) -> None:
    with context.transaction() as session:
        factories.transaction(session, "C001", "invoice", "INV-7", "2026-11-02", lines=[VALVE])
        batch = billing.create_manual_batch(session, dt.date(2026, 11, 15), "November")
        billing.add_transactions(session, batch.number, ["INV-7"])
        billing.record_print(session, billing.begin_print(session, batch.number), b"%PDF-1.4")
    page.refresh()
    page.view.selectRow(0)
    lines = page.form.lines
    assert [row.description.text() for row in lines.rows] == ["Valve, half a box"]
    assert not any(widget.isEnabled() for widget in lines.rows[0].inputs())
    assert not lines.add_button.isEnabled()
    assert not lines.remove_button.isEnabled()
    page.form.description.setFocus()
    _key(Qt.Key.Key_L, CTRL)
    _key(Qt.Key.Key_L, CTRL_SHIFT)
    assert len(lines.rows) == 1
    assert not page.form.dirty


def test_a_payment_takes_no_lines(page: TransactionsPage) -> None:
    form = page.form
    QTest.keyClick(page, Qt.Key.Key_N, CTRL)
    form.type.setCurrentIndex(form.type.findData(TransactionType.PAYMENT))
    assert not form.lines.add_button.isEnabled()
    assert form.lines.add_button.toolTip() == "A payment has no lines."
    form.number.setFocus()
    _key(Qt.Key.Key_L, CTRL)
    assert form.lines.rows == []


def test_the_batch_details_edit_dialog_edits_the_lines(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools", tax_rate=Decimal("8.25"))
        factories.transaction(session, "C001", "invoice", "INV-1", "2026-11-02", lines=[VALVE])
        batch = billing.create_manual_batch(session, dt.date(2026, 11, 15), "November")
        billing.add_transactions(session, batch.number, ["INV-1"])
        billing.set_setting(session, "show_invoice_lines", "false")  # the statement has none
        (statement,) = billing.statement_of(session, batch.number).customers
    (record,) = statement.transactions
    assert record.lines == ()
    dialog = TransactionEditDialog(None, context, record)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    assert [row.description.text() for row in dialog.lines.rows] == ["Valve, half a box"]
    assert (dialog.amount_edit.text(), dialog.amount_edit.isReadOnly()) == ("6.38", True)
    dialog.lines.rows[0].quantity.setFocus()
    dialog.lines.rows[0].quantity.selectAll()
    QTest.keyClicks(dialog.lines.rows[0].quantity, "2")
    assert (dialog.amount_edit.text(), dialog.tax_edit.text()) == ("25.50", "2.10")
    dialog.save()
    assert dialogs.errors == []
    saved = _stored(context, "INV-1")
    assert (saved.amount, saved.tax, saved.lines[0].quantity) == (
        Decimal("25.50"),
        Decimal("2.10"),
        Decimal("2.00"),
    )
    assert QApplication.activeModalWidget() is None
