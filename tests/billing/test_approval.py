"""R12: approving locks a batch, unapproving reopens it while nothing went out, notes stay
editable, and with approval required nothing prints first. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from app import billing
from app.billing.approval import NotApproved, approve_batch, set_notes, unapprove_batch
from app.store import Database
from tests.billing.helpers import day, mark_printed
from tests.factories import customer, transaction
from tests.store.outside import run_outside


@pytest.fixture
def batch(db: Database) -> int:
    with db.transaction() as session:
        customer(session, "C1")
        transaction(session, "C1", "invoice", "INV-1", "2026-11-02", "100.00")
        transaction(session, "C1", "invoice", "INV-2", "2026-11-03", "50.00")
        number = billing.create_manual_batch(session, day("2026-11-15"), "November").number
        billing.add_transactions(session, number, ["INV-1"])
    return number


def test_approving_locks_and_unapproving_reopens(db: Database, batch: int) -> None:
    with db.transaction() as session:
        approve_batch(session, batch)
        record = billing.list_batches(session)[0]
        assert record.locked
        assert record.approved_by
    with (
        pytest.raises(billing.BatchPrinted, match=r"approved by .* Unapprove it"),
        db.transaction() as session,
    ):
        billing.add_transactions(session, batch, ["INV-2"])
    assert run_outside(db, "UPDATE ar_transactions SET amount = 1 WHERE number = 'INV-1'")
    with db.transaction() as session:
        set_notes(session, batch, "  Checked by Ana; mail Monday.  ")
        unapprove_batch(session, batch)
        billing.add_transactions(session, batch, ["INV-2"])
        record = billing.list_batches(session)[0]
        assert (record.locked, record.approved_at, record.notes) == (
            False,
            None,
            "Checked by Ana; mail Monday.",
        )
    with db.read() as session:
        actions = [e.action for e in billing.list_audit(session, billing.AuditQuery())]
    assert actions[-4:] == ["approve", "notes", "unapprove", "add"]


def test_a_printed_batch_stays_approved(db: Database, batch: int) -> None:
    with db.transaction() as session:
        approve_batch(session, batch)
        mark_printed(session, batch)
    with (
        pytest.raises(billing.BillingError, match="was printed after it was approved"),
        db.transaction() as session,
    ):
        unapprove_batch(session, batch)
    # Not even plain SQL unlocks a batch that was printed.
    refused = run_outside(db, "UPDATE invoice_batches SET locked_at = NULL, approved_at = NULL")
    assert refused is not None
    assert "R7: invoice batch" in refused
    with db.transaction() as session:
        set_notes(session, batch, "Paid in full")
        assert billing.list_batches(session)[0].notes == "Paid in full"


def test_with_approval_required_nothing_prints_first(db: Database, batch: int) -> None:
    with db.transaction() as session:
        billing.set_setting(session, "require_approval", "true")
    with (
        pytest.raises(NotApproved, match="must be approved before it is printed"),
        db.read() as session,
    ):
        billing.begin_print(session, batch)
    with db.transaction() as session:
        approve_batch(session, batch)
        job = billing.begin_print(session, batch)
        billing.record_print(session, job, b"%PDF-1.4 test")
        record = billing.list_batches(session)[0]
    assert record.printed
    assert record.locked_at == record.approved_at


def test_the_first_print_locks_without_approval(db: Database, batch: int) -> None:
    with db.transaction() as session:
        mark_printed(session, batch)
        record = billing.list_batches(session)[0]
    assert record.locked_at == record.printed_at
    with pytest.raises(billing.BillingError, match="is not approved"), db.transaction() as session:
        unapprove_batch(session, batch)
    with pytest.raises(billing.BatchPrinted, match="was printed on"), db.transaction() as session:
        approve_batch(session, batch)
