"""The contract form as a clerk types it: a new contract by the keyboard alone, an amount that
is not one refused at its field, an edit saved, and what billing keeps once a period is billed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import Billing, ContractRecord
from app.ui.context import UiContext
from app.ui.contracts.contracts_page import ContractsPage
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import focused


def _stored(context: UiContext) -> dict[str, ContractRecord]:
    with context.read() as session:
        return {c.number: c for c in billing.list_contracts(session)}


def _type_and_tab(text: str) -> None:
    QTest.keyClicks(focused(), text)
    QTest.keyClick(focused(), Qt.Key.Key_Tab)


def _new_contract_typed(page: ContractsPage, amount: str) -> None:
    """Ctrl+N, then every field from the number on, typed and left by Tab."""
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.form.number
    for text in ("K-100", "C002", "Cleaning of the offices", amount, "3"):
        _type_and_tab(text)
    assert focused() is page.form.billing
    QTest.keyClick(focused(), Qt.Key.Key_Down)  # from In advance to In arrears
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    _type_and_tab("2026-01-31")
    assert focused() is page.form.end_date


def test_a_contract_typed_by_keyboard_is_created(
    page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    _new_contract_typed(page, "450")
    QTest.keyClicks(focused(), "2026-12-31")
    QTest.keyClick(focused(), Qt.Key.Key_Return)

    saved = _stored(context)["K-100"]
    assert saved.draft() == billing.ContractDraft(
        number="K-100",
        customer_number="C002",
        name="Cleaning of the offices",
        amount=Decimal("450.00"),
        period_months=3,
        start_date=dt.date(2026, 1, 31),
        end_date=dt.date(2026, 12, 31),
        taxable=True,
        billing=Billing.ARREARS,
        active=True,
    )
    assert dialogs.errors == []
    assert page.form.record == saved
    assert page.form.title.text() == "Contract K-100 — Cleaning of the offices"
    assert page.model.row_where(lambda c: c.number == "K-100") == page.view.currentIndex().row()
    assert page.count_label.text() == "9 contracts"


def test_an_amount_that_is_not_one_is_refused_at_its_field(
    page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    _new_contract_typed(page, "12,50")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert page.form.errors.message("amount") == (
        "'12,50' is not an amount (use digits and a dot, like 1250.00)"
    )
    assert focused() is page.form.amount
    assert "K-100" not in _stored(context)

    page.form.amount.selectAll()
    QTest.keyClicks(page.form.amount, "0")  # an amount, but not one a contract can bill
    QTest.keyClick(page.form.amount, Qt.Key.Key_Return)
    assert page.form.errors.message("amount") == "Amount must be from 0.01 to 999999999.99"
    assert page.form.errors.message("number") == ""
    assert "K-100" not in _stored(context)
    assert dialogs.errors == []


def test_an_edit_is_saved_and_a_billed_contract_keeps_its_terms(
    page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    page.view.select_row(page.model.row_where(lambda c: c.number == "K-2") or 0)
    form = page.form
    assert (form.record is not None, form.banner.isHidden()) == (True, True)
    QTest.mouseClick(form.name, Qt.MouseButton.LeftButton)
    form.name.selectAll()
    QTest.keyClicks(form.name, "Hosting, two servers")
    form.amount.selectAll()
    QTest.keyClicks(form.amount, "160")
    QTest.keyClick(form.amount, Qt.Key.Key_Return)
    edited = _stored(context)["K-2"]
    assert (edited.name, edited.amount) == ("Hosting, two servers", Decimal("160.00"))
    assert not form.dirty

    # K-6 was billed through 2026-12-31: what its billed period came from stays.
    page.view.select_row(page.model.row_where(lambda c: c.number == "K-6") or 0)
    assert form.banner.text().startswith("Billed through 2026-12-31:")
    assert [form.inputs[f].isEnabled() for f in ("customer", "amount", "name", "end_date")] == [
        False,
        False,
        True,
        True,
    ]


def test_billings_refusal_of_an_edit_shows_at_the_field(
    page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    """K-5 has a skipped period and nothing billed: the form leaves its amount open, and
    billing refuses the change where it is typed."""
    page.view.select_row(page.model.row_where(lambda c: c.number == "K-5") or 0)
    form = page.form
    assert form.amount.isEnabled()
    form.amount.setFocus()
    form.amount.selectAll()
    QTest.keyClicks(form.amount, "45")
    QTest.keyClick(form.amount, Qt.Key.Key_Return)
    assert form.errors.message("amount") == "Cannot change once a period is billed or skipped"
    assert _stored(context)["K-5"].amount == Decimal("40.00")
    assert dialogs.errors == []


def test_the_search_and_the_customer_narrow_the_list(qtbot: QtBot, page: ContractsPage) -> None:
    page.customer_filter.set_number("C001")
    page.refresh()
    assert [c.number for c in page.model.rows()] == ["K-1", "K-8"]
    page.customer_filter.set_number("")
    QTest.keyClicks(page.search, "old")
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    assert [c.number for c in page.model.rows()] == ["K-3", "K-7"]
    assert page.count_label.text() == "2 contracts"


def test_a_new_contract_starts_for_the_customer_shown(page: ContractsPage) -> None:
    page.customer_filter.set_number("C001")
    page.refresh()
    page.new_record()
    assert page.form.customer.number() == "C001"
    assert page.form.start_date.value() == dt.date.today()
    assert page.form.amount.text() == ""
