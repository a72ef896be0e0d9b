"""The Contracts list and the preview's tables with no window, under Qt's model tester; and the
periods Skip Period offers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from app import billing
from app.billing import ContractRecord, RecurringRequest
from app.ui.context import UiContext
from app.ui.contracts.contract_labels import upcoming_periods
from app.ui.contracts.contract_table_model import FADED, ContractTableModel
from app.ui.contracts.recurring_preview_models import (
    MoneyTableModel,
    NotReadyTableModel,
    credit_rows,
    invoice_rows,
    not_ready_rows,
)
from tests.ui.contracts.contract_scenario import THROUGH, contracts


@pytest.fixture
def listed(context: UiContext) -> dict[str, ContractRecord]:
    contracts(context.db)
    with context.read() as session:
        return {c.number: c for c in billing.list_contracts(session)}


def _row(model: ContractTableModel | MoneyTableModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_the_contract_list_reads_as_the_clerk_typed_it(
    listed: dict[str, ContractRecord], qtmodeltester: ModelTester
) -> None:
    model = ContractTableModel(today=lambda: dt.date(2026, 3, 31))
    model.set_rows(listed.values())
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    rows = {record.number: row for row, record in enumerate(model.rows())}
    assert _row(model, rows["K-4"]) == [
        "C002 Bergström Supplies", "K-4", "Offsite backup", "300.00", "3 months",
        "2026-02-01", "", "In arrears", "Yes", "Not yet",
    ]  # fmt: skip
    assert _row(model, rows["K-7"])[5:] == [
        "2025-01-01", "2025-06-30", "In advance", "Yes", "2025-06-30",
    ]  # fmt: skip
    colour = Qt.ItemDataRole.ForegroundRole
    faded = {n for n, row in rows.items() if model.index(row, 0).data(colour) == FADED}
    assert faded == {"K-3", "K-7"}  # inactive, and ended: K-8 ends on this very day
    model.today = lambda: dt.date(2026, 4, 1)
    assert model.index(rows["K-8"], 0).data(colour) == FADED


def test_the_preview_tables_pass_the_model_tester(
    qapp: QApplication, context: UiContext, qtmodeltester: ModelTester
) -> None:
    contracts(context.db)
    with context.read() as session:
        run = billing.plan_recurring(session, RecurringRequest(THROUGH))
        listed = {c.number: c for c in billing.list_contracts(session)}
    invoices, credits, not_ready = MoneyTableModel(), MoneyTableModel(), NotReadyTableModel()
    invoices.set_rows(invoice_rows(run.invoices))
    credits.set_rows(credit_rows(run.credits, listed))
    not_ready.set_rows(not_ready_rows(run.not_ready, listed))
    for model in (invoices, credits, not_ready):
        qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    bold = [invoices.index(row, 0).data(Qt.ItemDataRole.FontRole) for row in range(5)]
    assert [font is not None and font.bold() for font in bold] == [True, False, False, False, True]
    assert not_ready.rowCount() == 6
    assert not_ready.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is None  # the lock: once


def test_skip_period_offers_the_periods_after_those_billed(
    listed: dict[str, ContractRecord],
) -> None:
    def starts(contract: ContractRecord) -> list[dt.date]:
        return [p.start for p in upcoming_periods(contract, 3)]

    assert starts(listed["K-1"]) == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
    ]
    assert starts(listed["K-6"]) == [dt.date(2027, 1, 1), dt.date(2028, 1, 1), dt.date(2029, 1, 1)]
    assert starts(listed["K-7"]) == []  # billed to its end
    quarterly = replace(listed["K-4"], end_date=dt.date(2026, 6, 15))
    assert [(p.start, p.end) for p in upcoming_periods(quarterly)] == [
        (dt.date(2026, 2, 1), dt.date(2026, 4, 30)),
        (dt.date(2026, 5, 1), dt.date(2026, 7, 31)),  # the last: it starts before the end
    ]
