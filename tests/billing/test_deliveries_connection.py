"""R13 as a send records it, on both engines: each message's outcome before and handover next
in one transaction on a held connection, refused alike when someone else sent meanwhile, and
every delivery with its audit entry."""

from __future__ import annotations

import pytest

from app import billing
from app.billing.audit_trail import AuditQuery
from app.billing.deliveries import (
    AlreadyDelivered,
    Handover,
    Outcome,
    SendPlan,
    begin_deliveries,
    finish_deliveries,
    list_deliveries,
    plan_sending,
    record_handover,
    record_outcomes,
)
from app.models import Channel, DeliveryStatus
from app.store import Database
from tests.jobs.sending_world import sending_batch

PORT = 2525
PDF = b"%PDF-1.4 statement\n%%EOF\n"


def _email(customer: str) -> Handover:
    return Handover(customer, Channel.EMAIL, f"{customer.lower()}@x.example", PDF)


def _planned(db: Database) -> tuple[int, SendPlan]:
    """The batch to send, and its plan as the send reads it before the first message."""
    with db.transaction() as session:
        number = sending_batch(session, PORT)
    with db.read() as session:
        return number, plan_sending(session, number)


def _audit(db: Database) -> list[tuple[str | None, str]]:
    with db.read() as session:
        entries = billing.list_audit(session, AuditQuery(action="send"))
    return [(a.customer_number, a.detail) for a in entries]


def test_a_run_of_handovers_locks_the_batch_first_and_records_each_outcome(db: Database) -> None:
    number, plan = _planned(db)
    with db.one_connection() as connection:
        with connection.begin():  # the first delivery of the batch: it locks and prints it
            first = record_handover(connection, plan, _email("C001"))
        with db.read() as session:
            batch = billing.batch_row(session, number)
            assert batch.locked_at is not None
            assert batch.printed
            [row] = list_deliveries(session, number)
            assert (row.id, row.status) == (first, DeliveryStatus.UNKNOWN)
        with connection.begin():
            second = record_handover(
                connection, plan, _email("C002"), [Outcome(first, True, "<1@x>")]
            )
        with connection.begin():
            record_outcomes(connection, [Outcome(second, False, error="550 no")])
    with db.read() as session:
        records = list_deliveries(session, number)
    assert [(r.customer_number, r.status, r.message_id, r.error, r.addresses) for r in records] == [
        ("C001", DeliveryStatus.SENT, "<1@x>", "", "c001@x.example"),
        ("C002", DeliveryStatus.FAILED, "", "550 no", "c002@x.example"),
    ]
    assert _audit(db) == [
        ("C001", "email to c001@x.example: handed over"),
        ("C001", "email: sent <1@x>"),
        ("C002", "email to c002@x.example: handed over"),
        ("C002", "email: failed: 550 no"),
    ]


def test_a_statement_sent_meanwhile_is_refused_on_a_held_connection(db: Database) -> None:
    number, stale = _planned(db)
    with db.one_connection() as connection:
        with connection.begin():
            first = record_handover(connection, stale, _email("C001"))
        # Another clerk, whose plan came after this one's first handover, sends C002.
        with db.transaction() as session:
            fresh = plan_sending(session, number)
            [theirs] = begin_deliveries(session, fresh, [_email("C002")])
        with db.transaction() as session:
            finish_deliveries(session, [Outcome(theirs, True, "<theirs@x>")])
        with (
            pytest.raises(AlreadyDelivered, match=r"C002's statement .* by someone else"),
            connection.begin(),
        ):
            record_handover(connection, stale, _email("C002"), [Outcome(first, True, "<1@x>")])
        # Nothing of that transaction stays, not even the outcome before it: recorded next.
        with db.read() as session:
            assert [(r.customer_number, r.status) for r in list_deliveries(session, number)] == [
                ("C001", DeliveryStatus.UNKNOWN),
                ("C002", DeliveryStatus.SENT),
            ]
        with connection.begin():
            record_outcomes(connection, [Outcome(first, True, "<1@x>")])
        # A handover whose last outcome is unknown is refused too, as the plan holds it back.
        with connection.begin():
            third = record_handover(connection, stale, _email("C005"))
        with pytest.raises(AlreadyDelivered, match="C005"), connection.begin():
            record_handover(connection, stale, _email("C005"))
        with connection.begin():
            record_outcomes(connection, [Outcome(third, True, "<3@x>")])
    with db.read() as session:
        statuses = [(r.customer_number, r.status) for r in list_deliveries(session, number)]
    assert statuses == [
        ("C001", DeliveryStatus.SENT),
        ("C002", DeliveryStatus.SENT),
        ("C005", DeliveryStatus.SENT),
    ]
    assert len(_audit(db)) == 2 * len(statuses)


def test_a_resend_on_a_held_connection_goes_in_whatever_went_before(db: Database) -> None:
    number, plan = _planned(db)
    with db.one_connection() as connection:
        with connection.begin():
            first = record_handover(connection, plan, _email("C001"))
        with connection.begin():
            record_outcomes(connection, [Outcome(first, True, "<1@x>")])
        with db.read() as session:
            again = plan_sending(session, number, resend="C001")
        with connection.begin():
            second = record_handover(connection, again, _email("C001"))
        with connection.begin():
            record_outcomes(connection, [Outcome(second, True, "<2@x>")])
    assert ("C001", "email to c001@x.example: handed over (resend)") in _audit(db)
    with db.read() as session:
        assert [r.status for r in list_deliveries(session, number)] == [DeliveryStatus.SENT] * 2


def test_a_batch_changed_before_its_first_handover_on_a_held_connection_is_not_sent(
    db: Database,
) -> None:
    number, plan = _planned(db)
    with db.transaction() as session:
        billing.remove_customer(session, number, "C003")
    with (
        db.one_connection() as connection,
        pytest.raises(billing.ChangedWhilePrinting),
        connection.begin(),
    ):
        record_handover(connection, plan, _email("C001"))
    with db.read() as session:
        assert list_deliveries(session, number) == ()
        assert billing.batch_row(session, number).locked_at is None
