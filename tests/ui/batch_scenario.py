"""The customers and transactions the batch form tests work on, entered through billing.

Close date 2026-11-15 takes C001 and C002 (cutoff day 15); C003 has cutoff day 30, C004 has
nothing unbatched and C005 is not in the invoice batch process.
"""

from __future__ import annotations

import datetime as dt

from app import billing
from app.billing import BatchRecord, GenerationRequest
from app.store import Database
from tests.factories import customer, transaction

CLOSE_DATE = dt.date(2026, 11, 15)


def november(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "C001", 15, name="Łódź Müller & Søn")
        customer(s, "C002", 15, name="Bergström Supplies")
        customer(s, "C003", 30, name="Castellano Tiles")
        customer(s, "C004", 15, name="Dunmore Freight")
        customer(s, "C005", None, name="Eastgate Walk-in")
        transaction(s, "C001", "invoice", "INV-1001", "2026-11-02", "1000.00", "100.00")
        transaction(s, "C001", "credit_memo", "CM-17", "2026-11-10", "50.00")
        transaction(s, "C001", "payment", "CHK-1", "2026-11-05", "300.00")
        transaction(s, "C002", "invoice", "INV-1002", "2026-11-03", "400.00", "40.00")
        transaction(s, "C002", "debit_memo", "DM-5", "2026-11-12", "25.00")
        transaction(s, "C003", "invoice", "INV-1003", "2026-11-04", "500.00")
        transaction(s, "C005", "invoice", "INV-1005", "2026-11-06", "80.00")


def generated(db: Database) -> BatchRecord:
    """The November data, generated into batch 1 (C001 and C002, 4 transactions)."""
    november(db)
    with db.transaction() as s:
        return billing.generate_batch(s, GenerationRequest(CLOSE_DATE, "Mid-month"))


def mark_printed(db: Database, number: int) -> None:
    with db.transaction() as s:
        job = billing.begin_print(s, number)
        billing.record_print(s, job, b"%PDF-1.4 first print")
