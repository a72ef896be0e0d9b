"""R12's columns in the Invoice Batches list and in Batch Details' customers, checked with no
window: Qt's rules and the texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.modeltest import ModelTester
from sqlalchemy import select

from app import billing
from app.models import Channel, Customer, DeliveryStatus, InvoiceBatch, StatementDelivery
from app.store import Database
from app.ui.batch_details.statement_table_model import (
    COL_DELIVERY as CUSTOMER_DELIVERY,
)
from app.ui.batch_details.statement_table_model import (
    COL_PAID as CUSTOMER_PAID,
)
from app.ui.batch_details.statement_table_model import (
    BatchCustomersTableModel,
)
from app.ui.batches.batch_table_model import (
    COL_DELIVERY,
    COL_LAST_SENT,
    COL_PAID,
    COL_PAYMENT,
    COL_STATE,
    BatchTableModel,
)
from app.ui.context import UiContext
from tests.factories import transaction
from tests.ui.batch_scenario import generated


def _check(tester: ModelTester, model: QAbstractItemModel) -> None:
    check: Callable[[QAbstractItemModel], None] = tester.check  # pytest-qt is untyped
    check(model)


def paid_and_posted(db: Database) -> None:
    """Batch 1 (C001 owes 750.00, C002 465.00): C001 pays 200.00 after the close date and
    its statement is posted; C002 is set to both channels and only emailed."""
    generated(db)
    with db.transaction() as s:
        transaction(s, "C001", "payment", "CHK-2", "2026-11-20", "200.00")
        c002 = s.scalars(select(Customer).where(Customer.number == "C002")).one()
        c002.delivery = billing.Delivery.BOTH
        batch_id = s.scalar(select(InvoiceBatch.id).where(InvoiceBatch.number == 1))
        assert batch_id is not None
        for customer_id, channel, at in (
            (s.scalar(select(Customer.id).where(Customer.number == "C001")), Channel.PRINT, 9),
            (c002.id, Channel.EMAIL, 11),
        ):
            assert customer_id is not None
            s.add(
                StatementDelivery(
                    batch_id=batch_id,
                    customer_id=customer_id,
                    channel=channel,
                    addresses="test",
                    status=DeliveryStatus.SENT,
                    at=dt.datetime(2026, 11, 16, at, 0),
                    sent_by="clerk",
                    pdf=b"%PDF-1.4 test",
                )
            )
        billing.not_audited(s, "deliveries and a channel written by the test")
        billing.approve_batch(s, 1)


def test_batch_list_state_columns(qtmodeltester: ModelTester, context: UiContext) -> None:
    paid_and_posted(context.db)
    with context.read() as s:
        rows = billing.find_batches(s)
    model = BatchTableModel()
    model.set_rows(rows)
    _check(qtmodeltester, model)
    columns = (COL_STATE, COL_DELIVERY, COL_LAST_SENT, COL_PAID, COL_PAYMENT)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in columns] == [
        "State",
        "Delivery",
        "Last Sent",
        "Paid",
        "Payment",
    ]
    assert [model.index(0, c).data() for c in columns] == [
        "Approved",
        "Partly sent",
        "2026-11-16 11:00",
        "200.00",
        "Partly paid",
    ]
    # A record without states (not asked for) shows none, rather than failing.
    model.set_rows([replace(rows[0], status=None, approved_at=None)])
    assert [model.index(0, c).data() for c in columns] == ["Locked", "", "", "", ""]


def test_details_customers_paid_and_delivery(
    qtmodeltester: ModelTester, context: UiContext
) -> None:
    paid_and_posted(context.db)
    with context.read() as s:
        statement = billing.statement_of(s, 1)
        record = billing.with_states(s, [statement.batch])[0]
    model = BatchCustomersTableModel()
    model.set_statements(statement.customers, statement.totals, statement.aging, record.status)
    _check(qtmodeltester, model)
    assert [
        [model.index(row, c).data() for c in (CUSTOMER_PAID, CUSTOMER_DELIVERY)] for row in range(3)
    ] == [["200.00", "Print — sent"], ["0.00", "Both — not sent"], ["200.00", ""]]
