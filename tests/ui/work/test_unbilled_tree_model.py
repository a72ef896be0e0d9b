"""The Unbilled tree's model with no window: customers' groups with their ticks, and each
customer's entries fetched a page at a time, under Qt's model tester."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.modeltest import ModelTester

from app import billing
from app.billing import UnbilledCustomer, WorkQuery, WorkRecord
from app.ui.context import UiContext
from app.ui.widgets.record_table_model import RECORD_ROLE
from app.ui.work.unbilled_tree_model import UnbilledTreeModel
from tests.ui.work.work_scenario import november_work

QUERY = WorkQuery(unbilled_only=True)


@pytest.fixture
def work(context: UiContext) -> UiContext:
    november_work(context.db)
    return context


def tree(context: UiContext, page_size: int) -> UnbilledTreeModel:
    def entries(group: UnbilledCustomer, offset: int, limit: int) -> list[WorkRecord]:
        query = replace(QUERY, customer_numbers=(group.customer_number,))
        with context.read() as session:
            return billing.list_work(session, query, offset, limit)

    return UnbilledTreeModel(entries, page_size=page_size)


def groups(context: UiContext) -> list[UnbilledCustomer]:
    with context.read() as session:
        return billing.unbilled_by_customer(session, QUERY)


def test_the_tree_passes_the_model_tester_with_its_entries_fetched(
    work: UiContext, qtmodeltester: ModelTester
) -> None:
    model = tree(work, page_size=200)
    model.set_groups(groups(work))
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # fetches each customer's entries
    c001 = model.index(0, 0)
    assert model.rowCount(c001) == 3
    assert not model.canFetchMore(c001)
    assert model.rowCount(model.index(0, model.COL_AMOUNT)) == 0  # only the first column nests


def test_entries_come_a_page_at_a_time_and_ticks_follow_the_groups(work: UiContext) -> None:
    model = tree(work, page_size=2)
    tester = QAbstractItemModelTester(
        model, QAbstractItemModelTester.FailureReportingMode.Warning
    )  # pytest-qt fails the test on the warning of a failed check
    tester.setUseFetchMore(False)  # it would fetch inside a reset's own checks
    model.set_groups(groups(work))
    c001 = model.index(0, 0)
    assert (model.rowCount(c001), model.hasChildren(c001), model.canFetchMore(c001)) == (
        0,
        True,
        True,
    )
    model.fetchMore(c001)
    assert model.rowCount(c001) == 2
    model.fetchMore(c001)
    assert model.rowCount(c001) == 3
    entry = model.index(2, model.COL_AMOUNT, c001)
    assert (entry.data(), entry.parent().row()) == ("127.50", 0)
    assert isinstance(entry.data(RECORD_ROLE), WorkRecord)
    assert not model.hasChildren(entry.siblingAtColumn(0))

    assert model.setData(c001, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert c001.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not model.setData(entry, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.set_ticked("C003", True)
    assert model.ticked_total() == (5, billing.money("472.50"))
    model.set_groups([g for g in model.groups() if g.customer_number != "C003"])
    assert model.ticked_numbers() == ("C001",)
    assert model.rowCount(model.index(0, 0)) == 0  # entries are read again after a reset
    assert not model.index(0, 0, QModelIndex()).parent().isValid()
    del tester
