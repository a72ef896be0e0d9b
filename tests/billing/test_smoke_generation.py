"""A first end-to-end check of generation and the statement math on both engines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app import billing
from app.billing import GenerationRequest
from app.store import Database
from tests.factories import customer, transaction


def test_generation_takes_cutoff_customers_and_computes_statement(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "C001", 15)
        customer(s, "C002", 30)
        transaction(s, "C001", "invoice", "INV-1001", "2026-11-02", "1000.00", "100.00")
        transaction(s, "C001", "credit_memo", "CM-17", "2026-11-10", "50.00")
        transaction(s, "C001", "payment", "CHK-1", "2026-11-05", "300.00")
        transaction(s, "C002", "invoice", "INV-1002", "2026-11-02", "500.00")
    with db.transaction() as s:
        record = billing.generate_batch(s, GenerationRequest(dt.date(2026, 11, 15)))
    with db.transaction() as s:
        statement = billing.statement_of(s, record.number)
    assert record.number == 1
    assert [c.customer.number for c in statement.customers] == ["C001"]
    figures = statement.customers[0].figures
    assert figures.invoiced == Decimal("950.00")
    assert figures.taxes == Decimal("100.00")
    assert figures.payments == Decimal("300.00")
    assert figures.invoice_amount == Decimal("750.00")
    assert [t.number for t in statement.customers[0].transactions] == ["INV-1001", "CM-17"]
