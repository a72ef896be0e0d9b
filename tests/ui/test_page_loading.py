"""Invoice Batches and Invoice Batch Details read off the GUI thread: the page says it is
loading, its rows arrive by signal, a slow database leaves the window answering, and a slow
old answer never covers a newer one."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from app.ui.operations import Loader
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs, settled

SLOW_SECONDS = 0.8


class Gate:
    """Holds a billing call in the worker until the test opens it."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.entered = threading.Event()

    def hold(self, call: Callable[..., Any]) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            assert self.opened.wait(10), "the test never let the load go on"
            return call(*args, **kwargs)

        return held


class Heartbeat:
    """Ticks on the GUI thread every 10 ms, and notes the longest wait between two ticks."""

    def __init__(self) -> None:
        self.ticks = 0
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.ticks += 1
        self.longest = max(self.longest, now - self._last)
        self._last = now


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    opened = Gate()
    yield opened
    opened.opened.set()  # a failed test must not leave a worker waiting
    settled()


def _two_batches(context: UiContext) -> None:
    generated(context.db)
    with context.transaction() as s:
        billing.create_manual_batch(s, dt.date(2026, 11, 30), "Month end")
        billing.add_customer(s, 2, "C003")


def test_the_batch_list_shows_it_is_loading_and_its_rows_arrive_by_signal(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_batches(context)
    page = InvoiceBatchesPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    settled()
    page.select_batch(1)
    assert page.delete_button.isEnabled()
    monkeypatch.setattr(billing, "find_batches", gate.hold(billing.find_batches))
    page.search.number_edit.setFocus()
    QTest.keyClicks(page.search.number_edit, "2")  # as a clerk types
    QTest.keyClick(page.search.number_edit, Qt.Key.Key_Return)
    assert gate.entered.wait(10)
    assert page.count_label.text() == "Loading invoice batches…"
    assert not page.delete_button.isEnabled()  # the listed rows may be out of date
    assert [b.number for b in page.model.rows()] == [2, 1]  # nothing landed yet
    with qtbot.waitSignal(page.loader.sig_loaded, timeout=10_000) as loaded:
        gate.opened.set()
    assert [b.number for b in loaded.args[0]] == [2]
    assert [b.number for b in page.model.rows()] == [2]
    assert page.count_label.text() == "1 invoice batch"
    assert dialogs.errors == []


def test_a_slow_database_leaves_the_window_answering(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated(context.db)
    statement_of = billing.statement_of

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOW_SECONDS)
        return statement_of(*args, **kwargs)

    monkeypatch.setattr(billing, "statement_of", slow)
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    QTest.qWait(50)  # the first paint is done before the heartbeat starts
    heartbeat = Heartbeat()
    started = time.perf_counter()
    page.show_batch(1)
    assert time.perf_counter() - started < SLOW_SECONDS / 2  # the read went to the worker
    assert page.loading_label.isVisible()
    assert page.loading_label.text() == "Loading invoice batch 1…"
    assert not page.tabs.isEnabled()
    assert not page.add_customer_button.isEnabled()
    with qtbot.waitSignal(page.loader.sig_loaded, timeout=10_000):
        pass
    heartbeat.timer.stop()
    assert time.perf_counter() - started >= SLOW_SECONDS
    assert heartbeat.ticks >= SLOW_SECONDS / 0.01 / 4  # it kept ticking through the read
    assert heartbeat.longest < 0.5
    assert not page.loading_label.isVisible()
    assert page.tabs.isEnabled()
    assert page.add_customer_button.isEnabled()
    assert [r.number for r in page.customers_model.rows()] == ["C001", "C002", "Total"]
    assert dialogs.errors == []


def test_an_older_slower_answer_never_covers_the_batch_asked_for_last(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_batches(context)
    statement_of = billing.statement_of
    held = gate.hold(statement_of)

    def first_held(session: Any, number: int) -> Any:
        return held(session, number) if number == 1 else statement_of(session, number)

    monkeypatch.setattr(billing, "statement_of", first_held)
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.show_batch(1)
    assert gate.entered.wait(10)
    with qtbot.waitSignal(page.loader.sig_loaded, timeout=10_000):
        page.show_batch(2)
    assert page.selected_batch_number() == 2
    assert page.loader.is_loading() is False
    gate.opened.set()  # batch 1's answer comes now, late
    qtbot.waitUntil(lambda: not Loader.any_running(), timeout=10_000)
    QTest.qWait(50)
    assert page.selected_batch_number() == 2
    assert page.header.picker.currentData() == 2
    assert [r.number for r in page.customers_model.rows()] == ["C003", "Total"]
    assert dialogs.errors == []


def test_a_failed_load_is_shown_and_ends_the_loading(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated(context.db)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise billing.BillingError("The server went away.")

    monkeypatch.setattr(billing, "find_batches", broken)
    page = InvoiceBatchesPage(context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loader.sig_failed, timeout=10_000):
        page.refresh()
    assert dialogs.errors == ["The server went away."]
    assert page.model.rows() == []
    assert page.count_label.text() == "0 invoice batches"
