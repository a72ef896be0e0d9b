"""The table models of the batch forms, checked with no window: Qt's rules and the texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.modeltest import ModelTester

from app import billing
from app.billing import GenerationRequest
from app.ui.batch_details.candidate_table_model import CandidateTableModel
from app.ui.batch_details.statement_table_model import (
    COL_CARRY_OVER,
    COL_CUSTOMER,
    COL_INVOICE_AMOUNT,
    COL_TRANSACTIONS,
    CustomerStatementTableModel,
)
from app.ui.batch_details.transaction_lines_model import (
    COL_NET,
    COL_TOTAL,
    COL_TYPE,
    PaymentLinesModel,
    TransactionLinesModel,
)
from app.ui.batches.batch_table_model import COL_CARRY_OVER as BATCH_CARRY_OVER
from app.ui.batches.batch_table_model import (
    COL_CHARGES,
    COL_FORMER_AMOUNT,
    COL_INVOICED,
    COL_PAYMENTS,
    COL_PRINTED,
    COL_TAXES,
    BatchTableModel,
)
from app.ui.batches.batch_table_model import COL_INVOICE_AMOUNT as BATCH_INVOICE_AMOUNT
from app.ui.context import UiContext
from app.ui.generate.left_out_table_model import COL_REASON, LeftOutTableModel
from app.ui.widgets.record_table_model import RECORD_ROLE
from tests.ui.batch_scenario import CLOSE_DATE, generated, november


def _check(tester: ModelTester, model: QAbstractItemModel) -> None:
    check: Callable[[QAbstractItemModel], None] = tester.check  # pytest-qt is untyped
    check(model)


def _row(model: object, row: int, columns: range) -> list[str]:
    return [model.index(row, c).data() for c in columns]  # type: ignore[attr-defined]


def test_batch_table_model(qtmodeltester: ModelTester, context: UiContext) -> None:
    batch = generated(context.db)
    model = BatchTableModel()
    model.set_rows([batch])
    _check(qtmodeltester, model)
    assert model.columnCount() == 18  # R8 then R12: tests/ui/test_batch_state_models.py
    assert model.headerData(BATCH_INVOICE_AMOUNT, Qt.Orientation.Horizontal) == "Invoice Amount"
    assert _row(model, 0, range(COL_PRINTED, BATCH_INVOICE_AMOUNT + 1)) == [
        "No",
        "2",
        "0.00",
        "300.00",
        "-300.00",
        "1,350.00",
        "25.00",
        "140.00",
        "1,215.00",
    ]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6, 13)] == [
        "Former Amount",
        "Payments",
        "Carry Over",
        "Invoiced",
        "Charges",
        "Taxes",
        "Invoice Amount",
    ]
    assert {COL_FORMER_AMOUNT, COL_PAYMENTS, BATCH_CARRY_OVER, COL_INVOICED} == {6, 7, 8, 9}
    assert (COL_CHARGES, COL_TAXES) == (10, 11)
    assert model.index(0, 0).data(RECORD_ROLE) == batch
    assert model.row_of(1) == 0
    assert model.row_of(2) is None


def test_statement_and_line_models(qtmodeltester: ModelTester, context: UiContext) -> None:
    generated(context.db)
    with context.transaction() as s:
        statement = billing.statement_of(s, 1)
    customers = CustomerStatementTableModel()
    customers.set_statements(statement.customers, statement.totals, statement.aging)
    _check(qtmodeltester, customers)
    assert _row(customers, 2, range(COL_CUSTOMER, COL_TRANSACTIONS + 1)) == [
        "Total",
        "2 customers",
        "4",
    ]
    assert _row(customers, 0, range(COL_CARRY_OVER, COL_INVOICE_AMOUNT + 1)) == [
        "-300.00",
        "950.00",
        "0.00",
        "100.00",
        "750.00",
    ]
    assert customers.flags(customers.index(2, 0)) == Qt.ItemFlag.ItemIsEnabled
    assert customers.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert customers.statement(2) is None
    lines = TransactionLinesModel()
    lines.set_rows(statement.customers[0].transactions)
    _check(qtmodeltester, lines)
    assert _row(lines, 1, range(COL_TYPE, COL_TYPE + 1)) == ["Credit memo"]
    assert _row(lines, 1, range(COL_NET, COL_TOTAL + 1)) == ["-50.00", "0.00", "-50.00"]
    payments = PaymentLinesModel()
    payments.set_rows(statement.customers[0].payments)
    _check(qtmodeltester, payments)
    assert _row(payments, 0, range(4)) == ["2026-11-05", "CHK-1", "", "300.00"]


def test_candidate_and_left_out_models(qtmodeltester: ModelTester, context: UiContext) -> None:
    november(context.db)
    with context.transaction() as s:
        billing.create_manual_batch(s, CLOSE_DATE, "")
        found = billing.candidates(s, 1, "C002")
        preview = billing.preview_generation(s, GenerationRequest(dt.date(2026, 11, 30)))
    candidates = CandidateTableModel()
    candidates.set_rows(found)
    _check(qtmodeltester, candidates)
    assert _row(candidates, 1, range(7)) == [
        "C002",
        "2026-11-12",
        "Debit memo",
        "DM-5",
        "",
        "2026-11-12",
        "25.00",
    ]
    left_out = LeftOutTableModel()
    left_out.set_rows(preview.left_out)
    _check(qtmodeltester, left_out)
    assert left_out.reason_of("C001") == "cutoff day 15 does not match the close date"
    assert left_out.index(0, COL_REASON).data() == "cutoff day 15 does not match the close date"
    assert left_out.reason_of("C003") is None
    empty = LeftOutTableModel()
    _check(qtmodeltester, empty)
