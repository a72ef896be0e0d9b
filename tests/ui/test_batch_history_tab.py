"""Invoice Batch Details' History tab (R20): what was done to the batch, by whom, oldest first."""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.context import UiContext
from tests.ui.batch_scenario import generated, mark_printed
from tests.ui.conftest import Dialogs, settled


def _history(page: InvoiceBatchDetailsPage) -> list[tuple[str, ...]]:
    model = page.history_model
    return [
        tuple(model.index(row, column).data() for column in range(1, model.columnCount()))
        for row in range(model.rowCount())
    ]


def test_the_history_tab_follows_the_batch(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.show_batch(1)
    settled()
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Customers and transactions",
        "History",
        "Deliveries",
    ]
    user = getpass.getuser()
    assert _history(page) == [
        (user, "generate", "", "", "4 transactions, close date 2026-11-15"),
    ]

    page.customers_table.select_row(page.customers_model.row_of("C002") or 0)
    page.remove_customer()  # asks first; the dialogs fixture answers yes
    settled()
    mark_printed(context.db, 1)
    context.sig_data_changed.emit()
    page.refresh()
    settled()

    assert [row[1] for row in _history(page)] == ["generate", "remove", "print"]
    assert _history(page)[1] == (user, "remove", "C002", "", "2 transactions")
    assert _history(page)[2][4] == "first print, kept as mailed"

    page.tabs.setFocus()
    QTest.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentWidget() is page.history_table
    assert dialogs.errors == []
