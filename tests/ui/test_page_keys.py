"""Ctrl+1…8 put the keyboard into the page they open, and no two buttons or labels of a
form answer the same Alt key."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import ContractDraft
from app.ui.batch_details.add_customer_dialog import AddCustomerDialog
from app.ui.batch_details.candidate_picker_dialog import CandidatePickerDialog
from app.ui.batch_details.transaction_edit_dialog import TransactionEditDialog
from app.ui.batches.batch_dialog import BatchDialog
from app.ui.context import UiContext
from app.ui.contracts.bill_recurring_dialog import BillRecurringDialog
from app.ui.contracts.end_contract_dialog import EndContractDialog
from app.ui.contracts.skip_period_dialog import SkipPeriodDialog
from app.ui.main_window import MainWindow
from app.ui.printing.report_menu import install_report_actions
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs, settled

PAGES = [
    "customers",
    "transactions",
    "batches",
    "details",
    "generate",
    "audit",
    "work",
    "contracts",
]
MNEMONIC = re.compile(r"&([^&])")


@pytest.fixture
def window(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> MainWindow:
    generated(context.db)
    main = MainWindow(context)
    install_report_actions(main)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)  # shortcuts reach the active window only
    return main


@pytest.mark.parametrize(("digit", "key"), list(enumerate(PAGES, start=1)))
def test_ctrl_digit_puts_the_keyboard_in_the_page_it_opens(
    qtbot: QtBot, window: MainWindow, digit: int, key: str
) -> None:
    window.navigator.setFocus()
    assert QApplication.focusWidget() is window.navigator
    QTest.keyClick(
        window.navigator, Qt.Key(Qt.Key.Key_0.value + digit), Qt.KeyboardModifier.ControlModifier
    )
    page = window.pages[key]
    assert window.stack.currentWidget() is page
    focused = QApplication.focusWidget()
    assert focused is not None
    assert page.isAncestorOf(focused), focused


def mnemonics(form: QWidget) -> list[str]:
    """Every Alt key the visible buttons, labels and group boxes of a form answer, with the
    menu bar's when the form is a whole window."""
    texts = [
        widget.text() if not isinstance(widget, QGroupBox) else widget.title()
        for widget in form.findChildren(QWidget)
        if isinstance(widget, (QAbstractButton, QLabel, QGroupBox)) and widget.isVisibleTo(form)
    ]
    if isinstance(form, MainWindow):
        texts += [action.text() for action in form.menuBar().actions()]
    return [m.lower() for text in texts for m in MNEMONIC.findall(text.replace("&&", ""))]


def _twice(keys: list[str]) -> dict[str, int]:
    return {key: count for key, count in Counter(keys).items() if count > 1}


@pytest.mark.parametrize("key", PAGES)
def test_no_alt_key_is_given_twice_on_a_page(window: MainWindow, key: str) -> None:
    window.show_page(key)
    assert _twice(mnemonics(window)) == {}


def test_no_alt_key_is_given_twice_in_a_dialog(
    qtbot: QtBot, window: MainWindow, context: UiContext
) -> None:
    window.show_page("details")
    settled()
    details = window.pages["details"]
    batch = details.batch()  # type: ignore[attr-defined]
    transaction = details.transactions_model.record(0)  # type: ignore[attr-defined]
    dialogs: list[QWidget] = [
        BatchDialog(window),
        BatchDialog(window, batch),
        AddCustomerDialog(window, batch, []),
        CandidatePickerDialog(window, context, batch),
        TransactionEditDialog(window, context, transaction),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert (dialog.windowTitle(), _twice(mnemonics(dialog))) == (dialog.windowTitle(), {})


def test_no_alt_key_is_given_twice_in_a_contract_dialog(
    qtbot: QtBot, window: MainWindow, context: UiContext
) -> None:
    draft = ContractDraft(
        "K-1", "C001", "Managed support", Decimal("100.00"), 1, dt.date(2026, 1, 31)
    )
    with context.transaction() as session:
        contract = billing.create_contract(session, draft)
    dialogs: list[QWidget] = [
        BillRecurringDialog(window, context),
        EndContractDialog(window, context, contract),
        SkipPeriodDialog(window, context, contract),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert (dialog.windowTitle(), _twice(mnemonics(dialog))) == (dialog.windowTitle(), {})
