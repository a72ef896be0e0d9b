"""First run: an empty database offers the sample company and loads it in the background."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import CustomerQuery, TransactionQuery, TransactionType
from app.ui import messages
from app.ui.context import UiContext
from app.ui.first_run import offer_sample_company
from tests import factories
from tests.ui.conftest import Dialogs


def _parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_sample_company_is_loaded_when_the_clerk_accepts(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    with qtbot.waitSignal(context.sig_data_changed, timeout=20_000):
        operation = offer_sample_company(_parent(qtbot), context)
        assert operation is not None

    assert len(dialogs.questions) == 1
    assert dialogs.errors == []
    assert dialogs.infos == ["Loaded 36 customers and 527 transactions."]
    with context.transaction() as session:
        assert billing.count_customers(session) == 36
        assert billing.count_customers(session, CustomerQuery(active_only=True)) == 35
        assert billing.count_transactions(session) == 527
        kinds = {
            kind: billing.count_transactions(session, TransactionQuery(types=frozenset({kind})))
            for kind in TransactionType
        }
        zoe = billing.customer_by_number(session, "C028")
        lodz = billing.customer_by_number(session, "C027")
        settings = billing.load_settings(session)
        no_cutoff = [c.number for c in billing.list_customers(session) if c.cutoff_day is None]
        balance = sum((t.total for t in billing.list_transactions(session)), start=Decimal("0.00"))
    assert kinds == {
        TransactionType.INVOICE: 339,
        TransactionType.CREDIT_MEMO: 21,
        TransactionType.DEBIT_MEMO: 65,
        TransactionType.PAYMENT: 102,
    }
    assert (zoe.name, zoe.city, zoe.cutoff_day) == ("Café Zoë", "Lyon", 10)
    assert lodz.name == "Łódź Müller & Søn"
    assert no_cutoff == ["C034", "C035"]
    assert settings.company_name == "Northwind Office Supply"
    assert balance == Decimal("36178.52")  # the signed sum of the CSV, computed apart


def test_nothing_is_offered_on_a_database_with_customers(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    with context.transaction() as session:
        factories.customer(session, "C001")
    assert offer_sample_company(_parent(qtbot), context) is None
    assert dialogs.questions == []


def test_a_declined_offer_is_not_repeated(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    dialogs.confirm_answer = False
    assert offer_sample_company(_parent(qtbot), context) is None
    assert offer_sample_company(_parent(qtbot), context) is None
    assert len(dialogs.questions) == 1
    with context.transaction() as session:
        assert billing.count_customers(session) == 0


def test_enter_at_the_offer_loads_the_sample(
    qtbot: QtBot, context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    infos: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: infos.append(text))
    seen: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press_enter)  # not on screen yet
            return
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]

    QTimer.singleShot(0, press_enter)
    with qtbot.waitSignal(context.sig_data_changed, timeout=20_000):
        operation = offer_sample_company(_parent(qtbot), context)
        assert operation is not None
    assert seen == ["Load the sample"]
    assert infos == ["Loaded 36 customers and 527 transactions."]
    with context.read() as session:
        assert billing.count_customers(session) == 36
