"""One opening of a page for bench/scale.py, in a process of its own, offscreen: how long until
its rows are there, and the longest the GUI thread went without answering meanwhile.

    .venv/bin/python -m bench.scale_ui batches URL COUNT     Invoice Batches, COUNT batches
    .venv/bin/python -m bench.scale_ui details URL NUMBER    Invoice Batch Details of NUMBER
    .venv/bin/python -m bench.scale_ui transactions URL      A/R Transactions: open, sort, filter,
                                                             clear

Prints one JSON object of seconds. A page may read in the background and send its rows by
signal, or read at once: both are waited for the same way, by running Qt's event loop until the
model holds the rows, with a heartbeat timer whose longest gap is the GUI thread's longest block.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from app.models import ARTransaction, TransactionType
from app.store import open_database
from app.ui.application import set_aside_the_start
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from app.ui.transactions.transaction_table_model import TransactionTableModel
from app.ui.transactions.transactions_page import TransactionsPage

HEARTBEAT_MS = 5
PATIENCE = 600.0  # seconds before a wait gives up: rows that never come are a failure
FILTERED = TransactionType.CREDIT_MEMO  # the type filter set, then cleared


class Watch:
    """Runs Qt's events until a condition holds; its heartbeat measures the GUI thread's gaps."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def time(self, act: Callable[[], None], done: Callable[[], bool]) -> tuple[float, float]:
        """Seconds from `act` until `done()` and the view painted, and the longest block."""
        self.app.processEvents()
        self.longest = 0.0
        started = self._last = time.perf_counter()
        act()
        while not done():
            if time.perf_counter() - started > PATIENCE:
                raise SystemExit(f"no rows after {PATIENCE:.0f} s")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        self.app.processEvents()
        seconds = time.perf_counter() - started
        self._beat()
        return seconds, self.longest


def _shown(page: QWidget, app: QApplication) -> None:
    page.resize(1280, 800)
    page.show()
    app.processEvents()


def _painted(page: QWidget) -> Callable[[], bool]:
    def paint() -> bool:
        page.repaint()
        return True

    return paint


def open_batches(app: QApplication, context: UiContext, count: int) -> dict[str, float]:
    page = InvoiceBatchesPage(context)
    _shown(page, app)
    # As the navigator does when the page is chosen.
    seconds, block = Watch(app).time(
        page.refresh, lambda: page.model.rowCount() >= count and _painted(page)()
    )
    return {"seconds": seconds, "gui_block": block}


def open_details(app: QApplication, context: UiContext, number: int) -> dict[str, float]:
    page = InvoiceBatchDetailsPage(context)
    _shown(page, app)
    # As a double click in Invoice Batches does (`sig_open_batch`).
    seconds, block = Watch(app).time(
        lambda: page.show_batch(number),
        lambda: (
            page.selected_batch_number() == number
            and page.customers_model.rowCount() > 0
            and _painted(page)()
        ),
    )
    return {
        "seconds": seconds,
        "gui_block": block,
        "rows": float(page.customers_model.rowCount()),
    }


def _largest_amount(context: UiContext) -> Decimal:
    with context.db.read() as session:
        largest = session.scalar(select(func.max(ARTransaction.amount)))
    if largest is None:
        raise SystemExit("A/R Transactions is empty: nothing to sort.")
    return Decimal(largest)


def ar_transactions(app: QApplication, context: UiContext) -> dict[str, float]:
    """Open the list; sort it by amount, largest first (a click on the header); narrow it to
    credit memos; clear that filter."""
    largest = _largest_amount(context)
    watch = Watch(app)
    pages: list[TransactionsPage] = []

    def build() -> None:
        pages.append(TransactionsPage(context))
        _shown(pages[0], app)

    opened, open_block = watch.time(
        build, lambda: pages[0].model.rowCount() > 0 and _painted(pages[0])()
    )
    page = pages[0]

    def first_rows() -> list[object]:
        return [r.type for r in page.model.rows()[:50]]

    sorted_, sort_block = watch.time(
        lambda: page.view.horizontalHeader().setSortIndicator(
            TransactionTableModel.COL_AMOUNT, Qt.SortOrder.DescendingOrder
        ),
        lambda: (
            page.model.rowCount() > 0
            and page.model.rows()[0].amount == largest
            and _painted(page)()
        ),
    )
    filtered, filter_block = watch.time(
        lambda: page.filters.type.setCurrentIndex(page.filters.type.findData(FILTERED)),
        lambda: (
            bool(first_rows()) and all(t == FILTERED for t in first_rows()) and _painted(page)()
        ),
    )
    cleared, clear_block = watch.time(
        lambda: page.filters.type.setCurrentIndex(0),
        lambda: any(t != FILTERED for t in first_rows()) and _painted(page)(),
    )
    return {
        "open": opened,
        "sort": sorted_,
        "filter": filtered,
        "clear": cleared,
        "gui_block": max(open_block, sort_block, filter_block, clear_block),
    }


def main(argv: list[str]) -> int:
    step, url, *rest = argv
    app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("InvoiceBatchesScaleBench")
    with tempfile.TemporaryDirectory() as folder:
        # Remembered column widths would make runs differ: keep them in the scratch folder.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(url)
        try:
            context = UiContext(db)
            # As the application does once its window is first painted, before a clerk opens
            # a page: not inside a timed step (its one full collection is no cost of opening
            # a form), nor after a page is built (the forms a clerk opens are built later).
            set_aside_the_start()
            if step == "batches":
                figures = open_batches(app, context, int(rest[0]))
            elif step == "details":
                figures = open_details(app, context, int(rest[0]))
            else:
                figures = ar_transactions(app, context)
        finally:
            db.dispose()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
