"""Kept figures as a property: for any history over a few batches, and after any paid date then
moved, the list's totals and aging, read with the changes marked and read kept, are each batch's
own (statements.batch_record), and its summed states are its customers' parts summed."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session

from app import billing
from app.billing.keeping import keep_figures
from app.store import Database
from tests.billing.test_aging_property import HISTORIES, post_history
from tests.billing.test_kept_figures import listed


def _agrees(s: Session) -> None:
    records, _ = listed(s)  # also checks the summed states against the customers' parts
    assert records == [billing.batch_row(s, r.number) for r in records]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=HISTORIES, moves=st.lists(st.integers(-120, 120), max_size=3))
def test_kept_figures_are_each_batchs_own(
    db: Database, history: list[tuple[str, str, str, str, str, str]], moves: list[int]
) -> None:
    with db.transaction() as s:
        example = s.begin_nested()  # every example starts from the same empty database
        try:
            post_history(s, history)
            _agrees(s)  # every customer marked: worked out afresh
            keep_figures(s)
            _agrees(s)  # kept
            for days in moves:  # payments' paid dates moved, through SQL: marked, then kept
                s.execute(
                    text(
                        "UPDATE ar_transactions SET due_date = :day"
                        " WHERE id = (SELECT min(id) FROM ar_transactions WHERE type = 'payment')"
                    ),
                    {"day": dt.date(2027, 3, 1) + dt.timedelta(days=days)},
                )
                _agrees(s)
                keep_figures(s)
                _agrees(s)
        finally:
            example.rollback()
