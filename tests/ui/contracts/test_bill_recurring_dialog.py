"""Bill Recurring Charges: the preview's exact figures and billing's reasons for the contracts
not ready; Bill asks, makes the invoices and the credit, and a second Bill makes nothing."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionRecord, TransactionType
from app.ui.context import UiContext
from app.ui.contracts.bill_recurring_dialog import BillRecurringDialog
from app.ui.contracts.contracts_page import ContractsPage
from app.ui.contracts.recurring_preview_models import MoneyTableModel, NotReadyTableModel
from app.ui.main_window import MainWindow
from app.ui.widgets.record_table_model import RECORD_ROLE
from tests.ui.conftest import Dialogs
from tests.ui.contracts.contract_scenario import NOT_READY, THROUGH
from tests.ui.widgets.entering import focused

TIMEOUT = 10_000


def _texts(model: MoneyTableModel | NotReadyTableModel) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _dialog(qtbot: QtBot, page: ContractsPage, through: dt.date = THROUGH) -> BillRecurringDialog:
    dialog = page.bill_recurring()
    qtbot.waitExposed(dialog)
    dialog.through.setFocus()
    dialog.through.selectAll()
    QTest.keyClicks(dialog.through, through.isoformat())
    return dialog


def _preview(qtbot: QtBot, dialog: BillRecurringDialog) -> None:
    with qtbot.waitSignal(dialog.sig_preview_shown, timeout=TIMEOUT):
        QTest.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)


def test_enter_in_the_date_previews(qtbot: QtBot, page: ContractsPage, dialogs: Dialogs) -> None:
    dialog = _dialog(qtbot, page)
    with qtbot.waitSignal(dialog.sig_preview_shown, timeout=TIMEOUT):
        QTest.keyClick(dialog.through, Qt.Key.Key_Return)
    assert dialog.preview is not None
    assert dialog.preview.request.through == THROUGH
    assert dialog.isVisible()
    assert dialogs.questions == []


def _transactions(context: UiContext) -> list[TransactionRecord]:
    with context.read() as session:
        return sorted(billing.list_transactions(session), key=lambda t: t.number)


def test_the_preview_lists_each_period_the_credit_and_the_contracts_not_ready(
    qtbot: QtBot, page: ContractsPage, dialogs: Dialogs
) -> None:
    dialog = _dialog(qtbot, page)
    _preview(qtbot, dialog)

    assert _texts(dialog.invoices_model) == [
        ["C001 — Acme Tools", "2026-04-30", "", "", "Managed support, contract K-1",
         "300.00", "30.00", "330.00"],
        ["", "", "K-1", "2026-01-31 – 2026-02-27", "Managed support", "100.00", "10.00", "110.00"],
        ["", "", "K-1", "2026-02-28 – 2026-03-30", "Managed support", "100.00", "10.00", "110.00"],
        ["", "", "K-1", "2026-03-31 – 2026-04-29", "Managed support", "100.00", "10.00", "110.00"],
        ["", "", "", "", "Total of 1 invoice", "300.00", "30.00", "330.00"],
    ]  # fmt: skip
    assert _texts(dialog.credits_model) == [
        ["C001 — Acme Tools", "", "K-8", "2026-04-01 – 2026-12-31",
         "Part-period credit, Domain and mail", "275.00", "27.50", "302.50"],
        ["", "", "", "", "Total of 1 credit memo", "275.00", "27.50", "302.50"],
    ]  # fmt: skip
    assert {row[0]: row[3] for row in _texts(dialog.not_ready_model)} == NOT_READY
    assert _texts(dialog.not_ready_model)[0][:3] == ["K-2", "C002 — Bergström Supplies", "Hosting"]
    lock = dialog.not_ready_model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert lock is not None
    assert not lock.isNull()
    assert dialog.summary.text() == (
        "Bill would make 1 invoice of 3 periods for 330.00 (300.00 + tax 30.00) and 1 "
        "part-period credit memo for 302.50 (275.00 + tax 27.50), dated 2026-03-31. "
        "6 contracts not ready. Nothing has been billed yet."
    )
    assert dialogs.errors == []


def test_one_invoice_per_contract_splits_a_customers_invoice(
    qtbot: QtBot, page: ContractsPage, dialogs: Dialogs
) -> None:
    dialog = _dialog(qtbot, page, dt.date(2026, 5, 1))
    _preview(qtbot, dialog)
    invoices = [r for r in dialog.invoices_model.rows() if r.kind == "invoice"]
    assert [(r.customer, r.description) for r in invoices] == [
        ("C001 — Acme Tools", "Managed support, contract K-1"),
        ("C002 — Bergström Supplies", "Recurring charges through 2026-05-01"),
    ]
    QTest.mouseClick(dialog.per_contract, Qt.MouseButton.LeftButton)
    assert dialog.banner.text().startswith("The fields changed since this preview.")
    _preview(qtbot, dialog)
    invoices = [r for r in dialog.invoices_model.rows() if r.kind == "invoice"]
    assert [r.description for r in invoices] == [
        "Managed support, contract K-1",
        "Hosting, contract K-2",
        "Offsite backup, contract K-4",
        "Printer care, contract K-5",
    ]
    assert dialog.banner.isHidden()


def test_bill_asks_then_makes_the_invoice_and_the_credit_and_a_second_bill_makes_nothing(
    qtbot: QtBot, page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = _dialog(qtbot, page)
    with qtbot.waitSignal(dialog.sig_billed, timeout=TIMEOUT):
        QTest.mouseClick(dialog.bill_button, Qt.MouseButton.LeftButton)

    assert dialogs.questions == [
        "Bill recurring charges through 2026-03-31: 1 invoice of 3 periods for 330.00 (300.00 + "
        "tax 30.00) and 1 part-period credit memo for 302.50 (275.00 + tax 27.50)? Each goes "
        "into its customer's next invoice batch."
    ]
    made = [t for t in _transactions(context) if t.number not in ("INV-00001", "INV-00002")]
    assert [
        (t.number, t.type, t.customer_number, t.invoice_date, t.amount, t.tax) for t in made
    ] == [
        (
            "CM-00001",
            TransactionType.CREDIT_MEMO,
            "C001",
            THROUGH,
            Decimal("275.00"),
            Decimal("27.50"),
        ),
        (
            "INV-00003",
            TransactionType.INVOICE,
            "C001",
            THROUGH,
            Decimal("300.00"),
            Decimal("30.00"),
        ),
    ]
    assert dialog.banner.text() == (
        "Billed recurring charges through 2026-03-31: 1 invoice INV-00003, 330.00 (300.00 + tax "
        "30.00); 1 part-period credit memo CM-00001, 302.50 (275.00 + tax 27.50)."
    )
    assert dialogs.errors == []
    k1 = next(c for c in page.model.rows() if c.number == "K-1")
    assert k1.billed_through == dt.date(2026, 4, 29)  # the list followed the run

    with qtbot.waitSignal(dialog.sig_preview_shown, timeout=TIMEOUT):
        QTest.mouseClick(dialog.bill_button, Qt.MouseButton.LeftButton)
    assert dialogs.infos == [
        "Nothing is due through 2026-03-31: no contract has a period to bill or a part of a "
        "period to credit. No invoice or credit memo was made."
    ]
    assert len(dialogs.questions) == 1  # nothing to ask about
    assert len(_transactions(context)) == 4
    assert dialog.not_ready_model.reason_of("K-1") == "billed through 2026-04-29"
    assert dialog.summary.text().startswith("Nothing is due through 2026-03-31.")
    assert dialogs.errors == []


def test_cancel_in_the_question_bills_nothing(
    qtbot: QtBot, page: ContractsPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialogs.confirm_answer = False
    dialog = _dialog(qtbot, page)
    with qtbot.waitSignal(dialog.sig_preview_shown, timeout=TIMEOUT):
        QTest.mouseClick(dialog.bill_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.questions) == 1
    assert len(_transactions(context)) == 2
    assert dialog.invoices_model.rowCount() == 5  # what would have been billed stays shown


def test_a_through_date_that_is_not_one_is_refused_at_its_field(
    qtbot: QtBot, page: ContractsPage, dialogs: Dialogs
) -> None:
    dialog = page.bill_recurring()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.through  # where the keyboard starts
    dialog.through.selectAll()
    QTest.keyClicks(dialog.through, "2026-02-30")
    QTest.keyClick(dialog.through, Qt.Key.Key_Tab)  # on to One invoice per contract
    QTest.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("through") == "'2026-02-30' is not a date (there is no such day)"
    assert dialog.preview is None
    assert focused() is dialog.through


def test_the_go_menu_opens_it_from_any_page(
    qtbot: QtBot, window: MainWindow, page: ContractsPage
) -> None:
    action = next(a for a in window.go_menu.actions() if a.text() == "&Bill Recurring Charges…")
    keys = [m.lower() for a in window.go_menu.actions() for m in re.findall(r"&(\w)", a.text())]
    assert sorted(keys) == sorted(set(keys))  # beside &Refresh, one Alt key each
    assert action.shortcut().toString() == "Ctrl+Shift+B"
    action.trigger()
    dialog = page.bill_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.through.value() == dt.date.today()
    action.trigger()
    assert page.bill_dialog is dialog  # the one already open, not a second
    record = dialog.invoices_model.index(0, 0).data(RECORD_ROLE)
    assert record is None  # nothing previewed until the clerk asks
