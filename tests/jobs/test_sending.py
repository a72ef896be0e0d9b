"""R13 through the send job, against a real SMTP server (aiosmtpd on 127.0.0.1): who gets what,
refusals and a dropped connection, nobody sent twice, a crash after acceptance, cancel."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest

from app import billing
from app.billing.deliveries import (
    CannotSendKind,
    delivered_pdf,
    list_deliveries,
    record_handover,
    record_outcomes,
)
from app.jobs import sending
from app.jobs.sending import CannotStart, SendOptions, SendResult
from app.mail import Security, SmtpServer
from app.models import Channel, DeliveryStatus
from app.reports import render_statement_section
from app.store import Database
from tests.jobs.sending_world import ADDRESSES, NAMES, sending_batch
from tests.mail.smtp_server import RunningServer, smtp_server
from tests.reports.pdf_reading import page_count, page_lines, page_runs

REFUSAL = "550 5.1.1 <office@delta.example>: Recipient address rejected: User unknown"


@pytest.fixture
def server() -> Iterator[RunningServer]:
    with smtp_server() as running:
        yield running


def _send(db: Database, number: int, server: RunningServer, **extra: Any) -> SendResult:
    printed: list[bytes] = extra.pop("printed", [])
    options = SendOptions(
        SmtpServer("127.0.0.1", server.port, Security.NONE, timeout=10),
        print_out=extra.pop("print_out", printed.append),
        **extra,
    )
    return sending.send_batch(db, number, options)


def _text(pdf: bytes) -> str:
    return "\n".join(line for runs in page_runs(pdf) for line in page_lines(runs))


def _states(db: Database, number: int) -> list[tuple[str, str, str]]:
    with db.read() as session:
        return [
            (d.customer_number, d.channel.value, d.status.value)
            for d in list_deliveries(session, number)
        ]


def test_each_customer_gets_one_message_with_only_their_statement(
    db: Database, server: RunningServer
) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)
    printed: list[bytes] = []
    result = _send(db, number, server, printed=printed)

    received = server.handler.received
    assert [r.recipients for r in received] == [
        list(ADDRESSES["C001"]),
        list(ADDRESSES["C002"]),
        list(ADDRESSES["C005"]),
    ]
    with db.read() as session:
        statement = billing.statement_of(session, number)
        records = {(d.customer_number, d.channel): d for d in list_deliveries(session, number)}
        pdfs = {key: delivered_pdf(session, d.id) for key, d in records.items()}
    due = {
        c.customer.number: billing.format_amount(c.figures.invoice_amount)
        for c in statement.customers
    }
    for message, number_ in zip(received, ("C001", "C002", "C005"), strict=True):
        [pdf] = message.pdfs()
        text = _text(pdf)
        assert NAMES[number_] in text
        others = [name for key, name in NAMES.items() if key != number_]
        assert not any(name in text for name in others), number_
        assert "Invoice Batch Report" not in text  # no control page
        assert "Page 1 of 1" in text
        assert due[number_] in text
        body = message.message.get_body(("plain",))
        assert body is not None
        assert f"the amount due is {due[number_]}." in body.get_content()
        assert message.message["Subject"] == f"Statement 2026-11-15, customer {number_}"
        # What was recorded is exactly what went out.
        assert pdfs[(number_, Channel.EMAIL)] == pdf
        assert message.message["Message-ID"] == records[(number_, Channel.EMAIL)].message_id

    # The print part: a control page with who is mailed and who emailed, then C003 and C005.
    [print_part] = printed
    assert result.print_pdf == print_part
    pages = [" ".join(page_lines(runs)) for runs in page_runs(print_part)]
    assert "Delivery of the statements" in pages[0]
    assert "emailed to anna@lodz.example; biuro@lodz.example" in pages[0]
    assert "email not sent: has no email address" in pages[0]
    assert [NAMES["C003"] in p for p in pages[1:]] == [True, False]
    assert [NAMES["C005"] in p for p in pages[1:]] == [False, True]
    assert page_count(pdfs[("C003", Channel.PRINT)]) == 1

    assert [(c.customer_number, c.kind) for c in result.cannot] == [
        ("C004", CannotSendKind.NO_ADDRESS)
    ]
    assert not result.complete
    assert sorted(_states(db, number)) == [
        ("C001", "email", "sent"),
        ("C002", "email", "sent"),
        ("C003", "print", "sent"),
        ("C005", "email", "sent"),
        ("C005", "print", "sent"),
    ]
    with db.read() as session:
        batch = billing.batch_row(session, number)
    assert batch.locked_at is not None
    assert batch.printed  # the first delivery counts as the first print (R9)


def test_a_refusal_and_a_dropped_connection_leave_the_rest_recorded(
    db: Database, server: RunningServer
) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)
    server.handler.drop_on.add("ap@acme.example")  # C002: the server hangs up mid-run
    server.handler.refuse["office@delta.example"] = REFUSAL  # C005, after the drop
    result = _send(db, number, server)

    assert [r.recipients for r in server.handler.received] == [list(ADDRESSES["C001"])]
    failed = {d.customer_number: d.error for d in result.failed}
    assert set(failed) == {"C002", "C005"}
    assert "closed the connection" in failed["C002"]
    assert f"office@delta.example: {REFUSAL}" in failed["C005"]
    assert sorted(_states(db, number)) == [
        ("C001", "email", "sent"),
        ("C002", "email", "failed"),
        ("C003", "print", "sent"),
        ("C005", "email", "failed"),
        ("C005", "print", "sent"),
    ]
    with db.read() as session:
        errors = {d.customer_number: d.error for d in list_deliveries(session, number)}
    assert REFUSAL in errors["C005"]

    # Sending again: only the failed ones, and nobody who was sent.
    server.handler.refuse.clear()
    again = _send(db, number, server, print_out=None)
    assert [(d.customer_number, d.status) for d in again.delivered] == [
        ("C002", DeliveryStatus.SENT),
        ("C005", DeliveryStatus.SENT),
    ]
    assert [r.recipients for r in server.handler.received] == [
        list(ADDRESSES["C001"]),
        list(ADDRESSES["C002"]),
        list(ADDRESSES["C005"]),
    ]


def test_a_second_send_sends_nobody_twice(db: Database, server: RunningServer) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)
    _send(db, number, server)
    before = len(server.handler.received)
    again = _send(db, number, server, print_out=None)
    assert again.delivered == ()
    assert again.already_sent == 5
    assert [c.customer_number for c in again.cannot] == ["C004"]
    assert len(server.handler.received) == before == 3
    assert len(_states(db, number)) == 5


def test_a_crash_between_acceptance_and_record_leaves_unknown(
    db: Database, server: RunningServer
) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)
    real_handover, real_outcomes = record_handover, record_outcomes
    crash = RuntimeError("the power went out")

    def power_out(outcomes: list[Any]) -> None:
        """The power goes out whenever C002's outcome is about to be recorded."""
        with db.read() as peek:
            customer = {d.id: d.customer_number for d in list_deliveries(peek, number)}
        if any(customer[outcome.delivery_id] == "C002" for outcome in outcomes):
            raise crash

    def handover(connection: Any, plan: Any, handover: Any, finished: list[Any]) -> int:
        power_out(finished)
        return real_handover(connection, plan, handover, finished)

    def outcomes(connection: Any, finished: list[Any]) -> None:
        power_out(finished)
        real_outcomes(connection, finished)

    with (
        mock.patch("app.jobs.sending.record_handover", handover),
        mock.patch("app.jobs.sending.record_outcomes", outcomes),
        pytest.raises(RuntimeError),
    ):
        _send(db, number, server)
    assert server.handler.to("office@delta.example") == []  # C005 never went out
    assert len(server.handler.to("ap@acme.example")) == 1  # the server accepted it
    assert ("C002", "email", "unknown") in _states(db, number)

    # A later send holds C002 back and says why; the rest goes on.
    later = _send(db, number, server, print_out=None)
    assert [d.customer_number for d in later.delivered] == ["C005"]
    held = {c.customer_number: c.kind for c in later.cannot}
    assert held == {"C002": CannotSendKind.OUTCOME_UNKNOWN, "C004": CannotSendKind.NO_ADDRESS}
    assert len(server.handler.to("ap@acme.example")) == 1

    # Resending to C002 is an explicit act; the unknown delivery stays as it was.
    resent = _send(db, number, server, print_out=None, resend="C002")
    assert [(d.customer_number, d.status) for d in resent.delivered] == [
        ("C002", DeliveryStatus.SENT)
    ]
    assert len(server.handler.to("ap@acme.example")) == 2
    c002 = [s for c, _, s in _states(db, number) if c == "C002"]
    assert c002 == ["unknown", "sent"]


def test_the_print_part_needs_somewhere_to_go_before_anything_is_sent(
    db: Database, server: RunningServer
) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)
    with pytest.raises(CannotStart, match="C003, C005 are mailed by post"):
        _send(db, number, server, print_out=None)
    assert server.handler.received == []
    assert _states(db, number) == []
    with db.read() as session:
        assert billing.batch_row(session, number).locked_at is None


def test_a_print_that_fails_is_recorded_failed(db: Database, server: RunningServer) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)

    def jammed(pdf: bytes) -> None:
        raise OSError("the printer is out of paper")

    result = _send(db, number, server, print_out=jammed)
    failed = {(d.customer_number, d.channel): d.error for d in result.failed}
    assert set(failed) == {("C003", Channel.PRINT), ("C005", Channel.PRINT)}
    assert "out of paper" in failed[("C003", Channel.PRINT)]


def test_cancel_stops_after_the_current_customer(db: Database, server: RunningServer) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)
    seen: list[str] = []
    result = _send(
        db,
        number,
        server,
        progress=lambda p: seen.append(p.last.customer_number),
        cancelled=lambda: bool(seen),
    )
    assert seen == ["C001"]
    assert result.cancelled
    assert result.not_reached == ("C002", "C005")
    assert [r.recipients for r in server.handler.received] == [list(ADDRESSES["C001"])]


def test_a_statement_that_cannot_be_rendered_stops_the_send_in_order(
    db: Database, server: RunningServer
) -> None:
    """The next statement renders while this one goes out; its failure still surfaces at its
    own turn: everyone before it sent and recorded, nothing recorded for it or after it."""
    with db.transaction() as session:
        number = sending_batch(session, server.port)
    real_render = render_statement_section

    def render(batch: Any, customer: Any, *args: Any, **kwargs: Any) -> Any:
        if customer.customer.number == "C002":
            raise RuntimeError("the font file is unreadable")
        return real_render(batch, customer, *args, **kwargs)

    with (
        mock.patch("app.jobs.sending.render_statement_section", render),
        pytest.raises(RuntimeError, match="font file"),
    ):
        _send(db, number, server)
    assert [r.recipients for r in server.handler.received] == [list(ADDRESSES["C001"])]
    emailed = [(c, s) for c, channel, s in _states(db, number) if channel == "email"]
    assert emailed == [("C001", "sent")]


def test_sending_waits_for_approval_when_the_company_requires_it(
    db: Database, server: RunningServer
) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)
        billing.set_setting(session, "require_approval", "true")
    with pytest.raises(billing.NotApproved):
        _send(db, number, server)
    assert server.handler.received == []
