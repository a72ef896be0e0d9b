"""First run: an empty database offers the sample company and loads it in the background."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import CustomerQuery, TransactionQuery, TransactionType
from app.models import Delivery
from app.ui import messages
from app.ui.context import UiContext
from app.ui.first_run import offer_sample_company, sample_folder, work_dated_for
from tests import factories
from tests.ui.conftest import Dialogs

LOADED = "Loaded 36 customers, 527 transactions and 135 work entries."


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
    assert dialogs.infos == [LOADED]
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
    assert balance == Decimal("36080.75")  # the signed sum of the CSV, computed apart


def test_the_sample_customers_carry_tax_rates_terms_delivery_and_tags(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    with qtbot.waitSignal(context.sig_data_changed, timeout=20_000):
        operation = offer_sample_company(_parent(qtbot), context)
        assert operation is not None
    with context.read() as session:
        customer = {c.number: c for c in billing.list_customers(session)}
        work = billing.list_work(session)
        settings = billing.load_settings(session)
    assert settings.tax_rate == 0  # Portland, Oregon: no sales tax
    assert customer["C002"].tax_rate == Decimal("10.25")  # Seattle
    assert customer["C012"].tax_rate == 0  # a credit union: exempt, though in Washington
    assert customer["C001"].tax_rate is None  # the company's
    assert (customer["C010"].terms_days, customer["C001"].terms_days) == (45, None)
    assert customer["C024"].delivery == Delivery.EMAIL
    assert customer["C009"].delivery == Delivery.BOTH
    assert customer["C001"].delivery == Delivery.PRINT
    assert customer["C005"].tags == "copier-service;key-account"
    assert len(work) == 135
    assert len({w.worker for w in work}) == 4
    assert sum(not w.billable for w in work) == 8
    assert all(w.invoice_number is None for w in work)
    # The two months of work end in the week before today, on the weekdays they were done.
    today = dt.date.today()
    last = max(w.work_date for w in work)
    assert today - dt.timedelta(days=7) <= last < today
    assert all(w.work_date.weekday() < 5 for w in work)


def test_the_sample_work_moves_by_whole_weeks_to_end_before_the_day_it_is_loaded(
    tmp_path: Path,
) -> None:
    shipped = sample_folder() / "work.csv"
    for today in (dt.date(2026, 12, 1), dt.date(2027, 3, 10), dt.date(2026, 6, 1)):
        moved = work_dated_for(shipped, today, tmp_path)
        before = shipped.read_text(encoding="utf-8").splitlines()
        after = moved.read_text(encoding="utf-8").splitlines()
        assert len(after) == len(before)
        assert after[0] == before[0]
        dates = [(_date(a), _date(b)) for a, b in zip(after[1:], before[1:], strict=True)]
        shifts = {(new - old).days for new, old in dates}
        assert len(shifts) == 1
        assert shifts.pop() % 7 == 0
        last = max(new for new, _old in dates)
        assert today - dt.timedelta(days=7) <= last < today, today
        # Nothing but the date changes.
        assert [a.split(",", 2)[::2] for a in after] == [b.split(",", 2)[::2] for b in before]


def _date(row: str) -> dt.date:
    return dt.date.fromisoformat(row.split(",")[1])


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
    assert infos == [LOADED]
    with context.read() as session:
        assert billing.count_customers(session) == 36
