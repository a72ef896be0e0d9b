"""A/R Transactions counts a filter's rows once, off the window's thread: a sort or a return to
a filter reuses the count, a save counts again, and the paging stays exact."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionType
from app.ui.context import UiContext
from app.ui.transactions.transaction_table_model import TransactionTableModel
from app.ui.transactions.transactions_page import TransactionsPage
from tests import factories
from tests.ui.conftest import Dialogs, settled

INVOICES = 7
PAGE = 3


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The queries billing was asked to count."""
    asked: list[Any] = []
    count = billing.count_transactions

    def counting(session: Any, query: Any = None) -> int:
        asked.append(query)
        return count(session, query)

    monkeypatch.setattr(billing, "count_transactions", counting)
    return asked


@pytest.fixture
def page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> TransactionsPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools")
        factories.customer(session, "C002", name="Café Zoë")
        for n in range(INVOICES):
            factories.transaction(session, "C001", "invoice", f"INV-{n}", "2026-11-02", "10.00")
        factories.transaction(session, "C002", "payment", "CHK-1", "2026-11-03", "5.00")
    widget = TransactionsPage(context)
    widget.model.page_size = PAGE
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    widget.show()
    settled()
    return widget


def _all_rows(page: TransactionsPage) -> list[str]:
    model = page.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    return [t.number for t in model.rows()]


def test_sorting_and_going_back_to_a_filter_reuse_the_count(
    page: TransactionsPage, counted: list[Any]
) -> None:
    header = page.view.horizontalHeader()
    header.setSortIndicator(TransactionTableModel.COL_AMOUNT, Qt.SortOrder.AscendingOrder)
    header.setSortIndicator(TransactionTableModel.COL_NUMBER, Qt.SortOrder.DescendingOrder)
    assert counted == []  # the count made when the page opened still holds
    assert page.model.total == INVOICES + 1
    assert _all_rows(page) == ["INV-6", "INV-5", "INV-4", "INV-3", "INV-2", "INV-1", "INV-0",
                               "CHK-1"]  # fmt: skip
    kinds = page.filters.type
    kinds.setCurrentIndex(kinds.findData(TransactionType.PAYMENT))
    assert page.count_label.text() == "Counting transactions…"  # the rows show meanwhile
    assert [t.number for t in page.model.rows()] == ["CHK-1"]
    settled()
    assert len(counted) == 1
    assert page.count_label.text() == "1 transaction"
    kinds.setCurrentIndex(0)  # back to all types: counted before
    assert len(counted) == 1
    assert page.count_label.text() == f"{INVOICES + 1} transactions"


def test_a_save_counts_again(page: TransactionsPage, counted: list[Any]) -> None:
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.form
    form.type.setCurrentIndex(form.type.findData(TransactionType.INVOICE))
    form.customer.setFocus()
    form.customer.editor.selectAll()
    QTest.keyClicks(form.customer.editor, "C002")
    QTest.keyClicks(form.number, "INV-99")
    QTest.keyClicks(form.amount, "12.50")
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settled()
    assert len(counted) == 1
    assert page.model.total == INVOICES + 2
    assert "INV-99" in _all_rows(page)
    assert page.count_label.text() == f"{INVOICES + 2} transactions"


def test_a_filter_is_counted_off_the_window_thread(
    page: TransactionsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    count = billing.count_transactions

    def counting(session: Any, query: Any = None) -> int:
        threads.append(threading.current_thread())
        return count(session, query)

    monkeypatch.setattr(billing, "count_transactions", counting)
    kinds = page.filters.type
    kinds.setCurrentIndex(kinds.findData(TransactionType.INVOICE))
    settled()
    assert page.count_label.text() == f"{INVOICES} transactions"
    assert threads
    assert threading.main_thread() not in threads
