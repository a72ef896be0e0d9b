"""R13 in billing, on both engines: the send plan, deliveries recorded unknown then sent or
failed, the first delivery locking the batch, and the database keeping what went out."""

from __future__ import annotations

import pytest
from sqlalchemy import text, update

from app import billing
from app.billing.audit_trail import AuditQuery
from app.billing.deliveries import (
    AlreadyDelivered,
    CannotSendKind,
    Handover,
    Outcome,
    begin_deliveries,
    email_addresses,
    finish_deliveries,
    list_deliveries,
    plan_sending,
)
from app.models import Channel, Customer, DeliveryStatus
from app.store import Database
from tests.jobs.sending_world import ADDRESSES, sending_batch

PORT = 2525
PDF = b"%PDF-1.4 statement\n%%EOF\n"


def test_email_addresses_are_split_and_checked() -> None:
    assert email_addresses(" a@one.example ;b@two.example; ") == (
        ("a@one.example", "b@two.example"),
        (),
    )
    assert email_addresses("a@one.example; not an address; c@x") == (
        ("a@one.example",),
        ("not an address", "c@x"),
    )
    assert email_addresses("") == ((), ())


def test_the_plan_says_who_gets_email_post_and_who_cannot_be_sent(db: Database) -> None:
    with db.transaction() as session:
        number = sending_batch(session, PORT)
        billing.not_audited(session, "test data: an address typed wrong before the check")
        session.execute(
            update(Customer).where(Customer.number == "C002").values(email="ap at acme")
        )
    with db.read() as session:
        plan = plan_sending(session, number)
    assert [(e.statement.customer.number, e.addresses) for e in plan.email] == [
        ("C001", ADDRESSES["C001"]),
        ("C005", ADDRESSES["C005"]),
    ]
    assert [c.customer.number for c in plan.post] == ["C003", "C005"]
    assert [(c.customer_number, c.kind) for c in plan.cannot] == [
        ("C002", CannotSendKind.INVALID_ADDRESS),
        ("C004", CannotSendKind.NO_ADDRESS),
    ]
    assert "'ap at acme' is not valid" in plan.cannot[0].reason
    assert not plan.reprint
    assert plan.already_sent == ()


def _deliver(
    db: Database, number: int, customer: str, sent: bool, resend: str | None = None
) -> int:
    with db.transaction() as session:
        plan = plan_sending(session, number, resend=resend)
        [delivery_id] = begin_deliveries(
            session, plan, [Handover(customer, Channel.EMAIL, "x@y.example", PDF)]
        )
    with db.read() as session:
        [row] = [d for d in list_deliveries(session, number) if d.id == delivery_id]
        assert row.status == DeliveryStatus.UNKNOWN  # recorded before it is handed over
    with db.transaction() as session:
        outcome = Outcome(delivery_id, sent, "<id@x>" if sent else "", "" if sent else "550 no")
        finish_deliveries(session, [outcome])
    return delivery_id


def test_deliveries_lock_the_batch_and_only_unsent_customers_are_planned(db: Database) -> None:
    with db.transaction() as session:
        number = sending_batch(session, PORT)
    _deliver(db, number, "C001", sent=True)
    _deliver(db, number, "C002", sent=False)
    with db.read() as session:
        batch = billing.batch_row(session, number)
        plan = plan_sending(session, number)
        records = list_deliveries(session, number)
        audit = billing.list_audit(session, AuditQuery(action="send"))
    assert batch.locked_at is not None
    assert batch.printed
    assert plan.reprint  # sent once: the statements now say "Reprint", as R9's reprints do
    assert [e.statement.customer.number for e in plan.email] == ["C002", "C005"]
    assert ("C001", Channel.EMAIL) in plan.already_sent
    assert [(r.customer_number, r.status, r.message_id, r.error) for r in records] == [
        ("C001", DeliveryStatus.SENT, "<id@x>", ""),
        ("C002", DeliveryStatus.FAILED, "", "550 no"),
    ]
    assert [a.customer_number for a in audit] == ["C001", "C001", "C002", "C002"]
    assert "failed: 550 no" in audit[-1].detail
    with db.transaction() as session, pytest.raises(billing.BatchPrinted):
        billing.add_transactions(session, number, ["INV-C003"])


def test_a_statement_sent_meanwhile_is_not_sent_twice(db: Database) -> None:
    with db.transaction() as session:
        number = sending_batch(session, PORT)
    with db.read() as session:
        stale = plan_sending(session, number)
    _deliver(db, number, "C001", sent=True)
    with db.transaction() as session, pytest.raises(AlreadyDelivered, match="C001"):
        begin_deliveries(session, stale, [Handover("C001", Channel.EMAIL, "a@b.example", PDF)])


def test_a_batch_changed_before_its_first_delivery_is_not_sent(db: Database) -> None:
    with db.transaction() as session:
        number = sending_batch(session, PORT)
    with db.read() as session:
        plan = plan_sending(session, number)
    with db.transaction() as session:
        billing.remove_customer(session, number, "C003")
    with db.transaction() as session, pytest.raises(billing.ChangedWhilePrinting):
        begin_deliveries(session, plan, [Handover("C001", Channel.EMAIL, "a@b.example", PDF)])
    with db.read() as session:
        assert list_deliveries(session, number) == ()


def test_resend_is_for_one_customer_whatever_went_before(db: Database) -> None:
    with db.transaction() as session:
        number = sending_batch(session, PORT)
    _deliver(db, number, "C001", sent=True)
    with db.read() as session:
        plan = plan_sending(session, number, resend="C001")
        assert [e.statement.customer.number for e in plan.email] == ["C001"]
        assert plan.post == ()
        assert plan.cannot == ()
        with pytest.raises(billing.NotFound, match="C999 is not in invoice batch"):
            plan_sending(session, number, resend="C999")
    _deliver(db, number, "C001", sent=True, resend="C001")
    with db.read() as session:
        assert [r.status for r in list_deliveries(session, number)] == [DeliveryStatus.SENT] * 2


def test_the_database_keeps_a_delivery_once_it_has_an_outcome(db: Database) -> None:
    with db.transaction() as session:
        number = sending_batch(session, PORT)
    delivery_id = _deliver(db, number, "C001", sent=True)
    for statement in (
        "UPDATE deliveries SET status = 'failed' WHERE id = :id",
        "UPDATE deliveries SET pdf = :pdf WHERE id = :id",
        "DELETE FROM deliveries WHERE id = :id",
    ):
        kept = pytest.raises(billing.BatchPrinted, match="a delivery is kept as it went out")
        with kept, db.engine.begin() as connection:
            connection.execute(text(statement), {"id": delivery_id, "pdf": b"other"})
