"""app.mail against a real SMTP server (aiosmtpd): messages, refusals, drops and TLS."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from app.mail import (
    MailFailed,
    MailRefused,
    Security,
    SmtpServer,
    SmtpSession,
    StatementFacts,
    build_message,
    fill_template,
)
from tests.mail.smtp_server import self_signed, smtp_server

FACTS = StatementFacts("Łódź Müller & Søn", "C001", 7, "2026-11-15", "1,152.50", "Nordlicht")
PDF = b"%PDF-1.4 not really a statement\n%%EOF\n"


def _message(*recipients: str) -> EmailMessage:
    return build_message(
        sender="billing@nordlicht.example",
        recipients=recipients,
        subject="Statement {statement_date} from {company_name}",
        body="Dear {customer_name}, you owe {amount_due} (batch {batch_number}).",
        facts=FACTS,
        pdf=PDF,
        filename="statement-C001.pdf",
    )


def test_the_template_is_filled_and_an_unknown_placeholder_named() -> None:
    assert fill_template("{customer_number}: {amount_due}", FACTS) == "C001: 1,152.50"
    with pytest.raises(ValueError, match=r"unknown placeholder \{amount\}"):
        fill_template("{amount}", FACTS)


def test_one_message_to_every_address_with_one_pdf() -> None:
    with smtp_server() as server:
        with SmtpSession(SmtpServer("127.0.0.1", server.port, Security.NONE)) as session:
            message_id = session.send(_message("a@one.example", "b@two.example"))
        [received] = server.handler.received
    assert received.recipients == ["a@one.example", "b@two.example"]
    assert received.pdfs() == [PDF]
    message = received.message
    assert message["Message-ID"] == message_id
    assert message["Subject"] == "Statement 2026-11-15 from Nordlicht"
    body = message.get_body(("plain",))
    assert body is not None
    assert "Dear Łódź Müller & Søn, you owe 1,152.50 (batch 7)." in body.get_content()


def test_a_refused_recipient_sends_nothing_and_carries_the_servers_words() -> None:
    with smtp_server() as server:
        server.handler.refuse["b@two.example"] = "550 5.1.1 <b@two.example>: User unknown"
        with SmtpSession(SmtpServer("127.0.0.1", server.port, Security.NONE)) as session:
            with pytest.raises(
                MailRefused, match=r"b@two\.example: 550 5\.1\.1 <b@two\.example>: User unknown"
            ):
                session.send(_message("a@one.example", "b@two.example"))
            # The session goes on: the next message is accepted.
            session.send(_message("a@one.example"))
        assert [r.recipients for r in server.handler.received] == [["a@one.example"]]


def test_a_dropped_connection_fails_and_the_next_message_reconnects() -> None:
    with smtp_server() as server:
        server.handler.drop_on.add("gone@two.example")
        with SmtpSession(SmtpServer("127.0.0.1", server.port, Security.NONE)) as session:
            with pytest.raises(MailFailed, match="closed the connection"):
                session.send(_message("gone@two.example"))
            session.send(_message("a@one.example"))
        assert [r.recipients for r in server.handler.received] == [["a@one.example"]]


def test_no_server_listening_is_a_clear_failure() -> None:
    from tests.mail.smtp_server import free_port

    port = free_port()
    server = SmtpServer("127.0.0.1", port, Security.NONE, timeout=5)
    unreachable = rf"127\.0\.0\.1:{port} could not be reached"
    with SmtpSession(server) as session, pytest.raises(MailFailed, match=unreachable):
        session.send(_message("a@one.example"))


def test_starttls_with_a_self_signed_certificate_is_refused_unless_trusted(
    tmp_path: Path,
) -> None:
    context, pem = self_signed(tmp_path)
    with smtp_server(context) as server:
        untrusted = SmtpServer("127.0.0.1", server.port, Security.STARTTLS)
        refused = pytest.raises(MailFailed, match="certificate that is not trusted")
        with SmtpSession(untrusted) as session, refused:
            session.send(_message("a@one.example"))
        assert server.handler.received == []
        # Without TLS the server refuses to take mail at all (require_starttls).
        plain = SmtpServer("127.0.0.1", server.port, Security.NONE)
        with SmtpSession(plain) as session, pytest.raises(MailRefused, match="STARTTLS"):
            session.send(_message("a@one.example"))
        trusted = SmtpServer("127.0.0.1", server.port, Security.STARTTLS, trusted_certificate=pem)
        with SmtpSession(trusted) as session:
            session.send(_message("a@one.example"))
        assert len(server.handler.received) == 1
