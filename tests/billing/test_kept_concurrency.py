"""Two clerks bringing the kept figures up to date at once on PostgreSQL: the second never waits
for the first nor works its customers, and a change made meanwhile to a customer being worked
on waits for that work to end and then marks the customer again, so nothing stale is kept."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.billing.keeping import keep_figures
from app.store import Database
from tests.billing.test_batch_totals import _history
from tests.billing.test_kept_figures import assert_never_stale, marked_customers

pytestmark = pytest.mark.postgres


def _every_customer_marked(db: Database) -> None:
    """Every customer marked from the beginning, as after an upgrade (a run keeps its own)."""
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO stale_customers (customer_id, since)"
                " SELECT id, '2026-01-01' FROM customers"
                " ON CONFLICT (customer_id) DO UPDATE SET since = EXCLUDED.since"
            )
        )


def test_a_second_clerk_skips_what_the_first_is_working_on(postgres_db: Database) -> None:
    db = postgres_db
    _history(db)
    _every_customer_marked(db)
    with Session(db.engine) as first, Session(db.engine) as second:
        worked = keep_figures(first)
        assert worked == 3
        assert keep_figures(second) == 0  # at once: every mark is claimed by the first
        second.commit()
        first.commit()
    assert_never_stale(db)


def test_a_change_during_the_work_marks_its_customer_again(postgres_db: Database) -> None:
    db = postgres_db
    _history(db)
    moved = threading.Event()

    def move_a_paid_date() -> None:
        with db.engine.begin() as connection:
            connection.execute(
                text("UPDATE ar_transactions SET due_date = '2026-10-16' WHERE number = 'P-3'")
            )
        moved.set()

    with Session(db.engine) as clerk:
        keep_figures(clerk)  # claimed and worked out, not yet committed
        writer = threading.Thread(target=move_a_paid_date)
        writer.start()
        # The writer's mark waits for the claim on C003's mark to end.
        assert not moved.wait(1.0)
        clerk.commit()
    writer.join(10)
    assert moved.is_set()
    assert marked_customers(db) == ["C003"]
    assert_never_stale(db)
