"""The sample company's contracts (R16): a new clerk's first Bill Recurring Charges through the
day the sample was loaded bills months of periods, waits for the contract not started yet, and
credits the one that ended part way through a period billed in advance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app import billing
from app.billing import RecurringRequest
from app.store import Database
from app.ui.first_run import load_sample_company


def _no_progress(_done: int, _total: int, _text: str) -> None:
    pass


@pytest.mark.parametrize(
    ("today", "credit", "starts"),
    [
        # Network support, quarterly 600.00 from 1 Jun, ended 20 Oct: 41 of 91 days unused.
        ("2026-12-02", ("2026-10-21", "270.33", "16.22"), "2027-01-05"),
        # Loaded three months later, every date three months later: 21 Jan to 28 Feb, 39 of 90.
        ("2027-03-31", ("2027-01-21", "260.00", "15.60"), "2027-04-05"),
    ],
)
def test_the_first_run_bills_waits_and_credits(
    db: Database, today: str, credit: tuple[str, str, str], starts: str
) -> None:
    day = dt.date.fromisoformat(today)
    assert load_sample_company(db, _no_progress, today=day).contracts == 8
    with db.transaction() as session:
        run = billing.bill_recurring(session, RecurringRequest(day))
    assert len(run.invoices) == 7
    assert all(i.amount == sum((line.amount for line in i.lines), Decimal(0)) for i in run.invoices)
    assert [(c.contract, c.period_start.isoformat(), str(c.amount), str(c.tax))
            for c in run.credits] == [("NW-106", *credit)]  # fmt: skip
    assert [(n.contract, n.reason) for n in run.not_ready] == [("NW-108", f"starts {starts}")]
    with db.transaction() as session:
        assert billing.bill_recurring(session, RecurringRequest(day)).empty
