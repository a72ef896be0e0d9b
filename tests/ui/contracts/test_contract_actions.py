"""End Contract… and Skip Period… on the chosen contract: each asks first, has billing act,
and shows billing's refusals at the dialog's fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import ContractRecord, RecurringRequest
from app.ui.context import UiContext
from app.ui.contracts.contracts_page import ContractsPage
from app.ui.contracts.end_contract_dialog import EndContractDialog
from app.ui.contracts.skip_period_dialog import SkipPeriodDialog
from tests.ui.conftest import Dialogs


def _stored(context: UiContext, number: str) -> ContractRecord:
    with context.read() as session:
        return billing.get_contract(session, number)


def _choose(page: ContractsPage, number: str) -> None:
    row = page.model.row_where(lambda c: c.number == number)
    assert row is not None
    page.view.select_row(row)


def _end_dialog(qtbot: QtBot, page: ContractsPage, number: str) -> EndContractDialog:
    _choose(page, number)
    QTest.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    dialog = page.action_dialog
    assert isinstance(dialog, EndContractDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_end_contract_asks_naming_the_credit_then_ends_it(
    qtbot: QtBot, page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = _end_dialog(qtbot, page, "K-6")
    dialog.end_date.selectAll()
    QTest.keyClicks(dialog.end_date, "2026-09-30")
    QTest.keyClick(dialog.end_date, Qt.Key.Key_Return)

    assert dialogs.questions == [
        "End contract K-6 Yearly licence on 2026-09-30? A part-period credit may follow on the "
        "next run through 2026-09-30 or later."
    ]
    assert _stored(context, "K-6").end_date == dt.date(2026, 9, 30)
    assert not dialog.isVisible()
    assert page.form.record == _stored(context, "K-6")
    assert page.form.end_date.text() == "2026-09-30"
    with context.read() as session:
        run = billing.plan_recurring(session, RecurringRequest(dt.date(2026, 9, 30)))
    credit = next(c for c in run.credits if c.contract == "K-6")
    # 1200.00 × the 92 days after 30 September / the 365 days of the year, half up.
    assert (credit.period_start, credit.amount) == (dt.date(2026, 10, 1), Decimal("302.47"))


def test_end_contract_refused_shows_at_the_field_and_stays_open(
    qtbot: QtBot, page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = _end_dialog(qtbot, page, "K-7")  # billed monthly to its end, 2025-06-30
    assert dialog.end_date.text() == "2025-06-30"
    dialog.end_date.selectAll()
    QTest.keyClicks(dialog.end_date, "2025-03-15")
    QTest.mouseClick(dialog.act_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("end_date") == (
        "End date is before the period 2025-06-01 to 2025-06-30, which is billed; end it on or "
        "after 2025-06-01, and credit the rest with a credit memo"
    )
    assert dialog.isVisible()
    assert _stored(context, "K-7").end_date == dt.date(2025, 6, 30)

    dialogs.confirm_answer = False  # Cancel in the question changes nothing
    dialog.end_date.selectAll()
    QTest.keyClicks(dialog.end_date, "2025-06-15")
    QTest.mouseClick(dialog.act_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert _stored(context, "K-7").end_date == dt.date(2025, 6, 30)
    assert dialogs.errors == []


def test_an_arrears_contract_is_told_its_last_period_is_billed_for_the_days_used(
    qtbot: QtBot, page: ContractsPage, dialogs: Dialogs
) -> None:
    dialog = _end_dialog(qtbot, page, "K-4")
    dialog.end_date.selectAll()
    QTest.keyClicks(dialog.end_date, "2026-03-15")
    QTest.mouseClick(dialog.act_button, Qt.MouseButton.LeftButton)
    assert dialogs.questions == [
        "End contract K-4 Offsite backup on 2026-03-15? Its last period is billed for the days "
        "used on the next run through 2026-03-15."
    ]


def _skip_dialog(qtbot: QtBot, page: ContractsPage, number: str) -> SkipPeriodDialog:
    _choose(page, number)
    QTest.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
    dialog = page.action_dialog
    assert isinstance(dialog, SkipPeriodDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_skip_period_offers_the_coming_periods_and_skips_the_one_chosen(
    qtbot: QtBot, page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = _skip_dialog(qtbot, page, "K-1")  # nothing billed yet, from 2026-01-31 monthly
    offered = [dialog.period.itemText(i) for i in range(dialog.period.count())]
    assert offered[:4] == [
        "2026-01-31 – 2026-02-27",
        "2026-02-28 – 2026-03-30",
        "2026-03-31 – 2026-04-29",
        "2026-04-30 – 2026-05-30",
    ]
    assert len(offered) == 12
    dialog.period.setFocus()
    QTest.keyClick(dialog.period, Qt.Key.Key_Down)  # the second: February's
    QTest.keyClick(dialog.period, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.reason, "Office closed in February")
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return)

    assert dialogs.questions == [
        "Skip the period 2026-02-28 – 2026-03-30 of contract K-1 Managed support? It is never "
        "billed."
    ]
    assert not dialog.isVisible()
    with context.read() as session:
        run = billing.plan_recurring(session, RecurringRequest(dt.date(2026, 3, 31)))
    starts = [line.period_start for i in run.invoices for line in i.lines if line.contract == "K-1"]
    assert starts == [dt.date(2026, 1, 31), dt.date(2026, 3, 31)]


def test_skip_period_needs_a_reason_and_refuses_a_period_skipped_already(
    qtbot: QtBot, page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = _skip_dialog(qtbot, page, "K-5")  # its first period, 2026-03-01, is skipped
    assert dialog.period.itemText(0) == "2026-03-01 – 2026-03-31"
    QTest.mouseClick(dialog.act_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("reason") == "Reason is required"
    assert dialog.isVisible()

    QTest.keyClicks(dialog.reason, "Again")
    QTest.mouseClick(dialog.act_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("period_start") == "That period is already skipped"
    assert dialog.errors.message("reason") == ""
    assert dialogs.errors == []


def test_a_contract_billed_to_its_end_has_no_period_left_to_skip(
    qtbot: QtBot, page: ContractsPage
) -> None:
    dialog = _skip_dialog(qtbot, page, "K-7")
    assert dialog.period.count() == 0
    assert not dialog.act_button.isEnabled()
    assert dialog.note.text().startswith("Every period of this contract up to its end is billed")
