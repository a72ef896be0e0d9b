"""R5: a generation process killed (SIGKILL) in the middle of its run leaves no trace."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select

from app import billing
from app.models import ARTransaction, Customer, InvoiceBatch, TransactionType
from app.store import Database
from tests.billing.helpers import count, counter
from tests.billing.workers import generate_and_hang

CUSTOMERS, PER_CUSTOMER = 100, 30


def _seed(db: Database) -> None:
    with db.transaction() as s:
        billing.not_audited(s, "test data, inserted in bulk")
        s.execute(
            insert(Customer),
            [{"number": f"C{i:03d}", "name": f"C {i}", "cutoff_day": 15} for i in range(CUSTOMERS)],
        )
        ids = list(s.scalars(select(Customer.id)))
        s.execute(
            insert(ARTransaction),
            [
                {
                    "customer_id": c,
                    "type": TransactionType.INVOICE,
                    "number": f"INV-{c}-{k}",
                    "invoice_date": dt.date(2027, 1, 1),
                    "due_date": dt.date(2027, 1, 31),
                    "amount": Decimal("1.00"),
                    "tax": Decimal("0.00"),
                    "description": "",
                }
                for c in ids
                for k in range(PER_CUSTOMER)
            ],
        )


def _wait_for(marker: Path, process: multiprocessing.process.BaseProcess) -> str:
    deadline = time.monotonic() + 60
    while not marker.exists() or not marker.read_text():
        assert process.is_alive(), "the generation ended before its claim"
        assert time.monotonic() < deadline, "the generation never reached its claim"
        time.sleep(0.05)
    return marker.read_text()


def _kill_mid_run(db: Database, tmp_path: Path) -> None:
    """Start a run in a child, wait until it has claimed its rows, and SIGKILL it."""
    marker = tmp_path / "claimed"
    url = db.url.render_as_string(hide_password=False)
    child = multiprocessing.get_context("spawn").Process(
        target=generate_and_hang, args=(url, dt.date(2027, 1, 15), str(marker))
    )
    child.start()
    try:
        assert _wait_for(marker, child) == str(CUSTOMERS * PER_CUSTOMER)
    finally:
        child.kill()
        child.join(timeout=30)
    assert child.exitcode == -9


def test_killed_generation_leaves_no_batch_and_no_claim(db: Database, tmp_path: Path) -> None:
    _seed(db)
    _kill_mid_run(db, tmp_path)
    with db.transaction() as s:
        assert count(s, InvoiceBatch) == 0
        assert s.scalar(select(func.count()).where(ARTransaction.batch_id.is_not(None))) == 0
        assert counter(s) == 0
    # The database is whole: the next run takes everything, with the first number.
    with db.transaction() as s:
        record = billing.generate_batch(s, billing.GenerationRequest(dt.date(2027, 1, 15)))
    assert (record.number, record.transaction_count) == (1, CUSTOMERS * PER_CUSTOMER)
