"""The Customers and A/R Transactions table models, with no window: lazy pages from the
database, sorting by the database, and Qt's model tester watching every change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.modeltest import ModelTester

from app.billing import CustomerQuery, TransactionQuery, TransactionType
from app.ui.context import UiContext
from app.ui.customers.customer_table_model import CustomerTableModel
from app.ui.transactions.transaction_table_model import TransactionTableModel
from app.ui.widgets.record_table_model import RECORD_ROLE
from tests import factories

ASCENDING = Qt.SortOrder.AscendingOrder
DESCENDING = Qt.SortOrder.DescendingOrder
WARN = QAbstractItemModelTester.FailureReportingMode.Warning


@pytest.fixture
def customers(context: UiContext) -> UiContext:
    with context.transaction() as session:
        for n in range(1, 13):
            factories.customer(
                session,
                f"C{n:03}",
                cutoff_day=None if n % 5 == 0 else n,
                name=f"Customer {13 - n:02}",
                active=n != 4,
            )
    return context


@pytest.fixture
def watch() -> Iterator[Callable[[QAbstractItemModel], None]]:
    """Qt's model tester kept on a model while the test pages and sorts it. It must not fetch
    by itself: it would do so inside a reset's own checks and report the reset as unfinished."""
    testers: list[QAbstractItemModelTester] = []

    def attach(model: QAbstractItemModel) -> None:
        tester = QAbstractItemModelTester(model, WARN)  # pytest-qt fails the test on a warning
        tester.setUseFetchMore(False)
        testers.append(tester)

    yield attach
    testers.clear()


def test_customer_model_passes_the_model_tester_in_every_sort(
    customers: UiContext, qtmodeltester: ModelTester
) -> None:
    for column in range(len(CustomerTableModel.columns)):
        for order in (ASCENDING, DESCENDING):
            model = CustomerTableModel(customers, page_size=5)
            model.sort(column, order)
            qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # fetches all pages
            assert model.rowCount() == 12


def test_customer_model_fetches_pages_and_sorts(
    customers: UiContext, watch: Callable[[QAbstractItemModel], None]
) -> None:
    model = CustomerTableModel(customers, page_size=5)
    watch(model)
    model.set_query(CustomerQuery())
    assert (model.rowCount(), model.total, model.canFetchMore(QModelIndex())) == (5, 12, True)
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 12
    assert not model.canFetchMore(QModelIndex())
    assert model.data(model.index(4, model.COL_CUTOFF_DAY)) == "None"
    assert model.data(model.index(3, model.COL_ACTIVE)) == "No"
    assert model.headerData(model.COL_CUTOFF_DAY, Qt.Orientation.Horizontal) == "Cutoff day"

    model.sort(model.COL_NAME, ASCENDING)
    assert model.rowCount() == 5
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 10
    assert [model.data(model.index(r, model.COL_NUMBER)) for r in range(5)] == [
        "C012",
        "C011",
        "C010",
        "C009",
        "C008",
    ]
    model.sort(model.COL_CUTOFF_DAY, DESCENDING)
    assert model.data(model.index(0, model.COL_NUMBER)) == "C012"
    model.set_query(CustomerQuery(text="customer 0", active_only=True))
    assert model.total == 8
    record = model.data(model.index(0, 0), RECORD_ROLE)
    assert record.number == "C005"


@pytest.fixture
def transactions(customers: UiContext) -> UiContext:
    kinds = list(TransactionType)
    with customers.transaction() as session:
        for n in range(1, 26):
            factories.transaction(
                session,
                f"C{n % 3 + 1:03}",
                kinds[n % 4],
                f"T-{n:03}",
                f"2026-10-{n:02}",
                f"{(n * 37) % 100 + 1}.{n:02}",
                tax="0.00" if kinds[n % 4] == TransactionType.PAYMENT else f"{n % 7}.00",
                description=f"Line {26 - n:02}",
            )
    return customers


def _column(model: TransactionTableModel, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_transaction_model_passes_the_model_tester_in_every_sort(
    transactions: UiContext, qtmodeltester: ModelTester
) -> None:
    for column in range(len(TransactionTableModel.columns)):
        for order in (ASCENDING, DESCENDING):
            model = TransactionTableModel(transactions, page_size=10)
            model.sort(column, order)
            qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # fetches all pages
            assert model.rowCount() == 25


def test_transaction_model_fetches_pages_and_sorts_by_every_column(
    transactions: UiContext, watch: Callable[[QAbstractItemModel], None]
) -> None:
    model = TransactionTableModel(transactions, page_size=10)
    watch(model)
    model.set_query(TransactionQuery())
    # Not counted yet (the page counts off the window's thread): pages come until one is empty.
    assert (model.rowCount(), model.is_counted()) == (10, False)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert (model.rowCount(), model.total) == (25, 25)
    first = model.index(0, model.COL_AMOUNT)
    assert model.data(first) == "38.01"
    assert model.data(first, Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert model.data(model.index(0, model.COL_TYPE)) == "Credit memo"
    assert model.data(model.index(0, model.COL_CUSTOMER)) == "C002 — Customer 11"

    for column in range(model.columnCount()):
        for order in (ASCENDING, DESCENDING):
            model.sort(column, order)
            assert model.rowCount() == 10
            while model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            assert model.rowCount() == 25

    model.sort(model.COL_AMOUNT, DESCENDING)
    amounts = [r.amount for r in model.rows()]
    assert amounts[:3] == [Decimal("97.08"), Decimal("93.16"), Decimal("89.24")]
    assert amounts == sorted(amounts, reverse=True)
    model.sort(model.COL_DESCRIPTION, ASCENDING)
    assert _column(model, model.COL_DESCRIPTION)[:2] == ["Line 01", "Line 02"]
    model.sort(model.COL_DUE_DATE, DESCENDING)
    assert model.rows()[0].due_date == dt.date(2026, 10, 25)
