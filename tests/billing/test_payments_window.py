"""The payments of a batch's many customers with a recent S are read in one window of paid
dates and cut to each customer's own period in Python: the same payments, in the same order,
as read one query per S (statements._payments_in_period). On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from app import billing
from app.billing import statements
from app.store import Database
from tests.billing.test_statement_periods import _three_periods


def test_the_window_reads_what_each_period_reads(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.transaction() as s:
        number = _three_periods(s)
    with db.read() as s:
        by_period = billing.statement_of(s, number)
    # Every customer in the window, however few and however old its S.
    monkeypatch.setattr(statements, "_WINDOW_FROM", 0)
    monkeypatch.setattr(statements, "_RECENT", dt.timedelta(days=10_000))
    with db.read() as s:
        in_window = billing.statement_of(s, number)
    assert in_window == by_period
    assert [[p.number for p in c.payments] for c in in_window.customers] == [
        ["P-A-IN"],
        ["P-B-IN"],
        ["P-C-OLD"],
    ]
