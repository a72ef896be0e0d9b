"""Building a statement message and sending it over SMTP; no Session, no database."""

from app.mail.message import PLACEHOLDERS, StatementFacts, build_message, fill_template
from app.mail.server_certificate import server_certificate
from app.mail.smtp import (
    MailFailed,
    MailOutcomeUnknown,
    MailRefused,
    Outgoing,
    Security,
    SmtpServer,
    SmtpSession,
    send_test_message,
)

__all__ = [
    "PLACEHOLDERS",
    "MailFailed",
    "MailOutcomeUnknown",
    "MailRefused",
    "Outgoing",
    "Security",
    "SmtpServer",
    "SmtpSession",
    "StatementFacts",
    "build_message",
    "fill_template",
    "send_test_message",
    "server_certificate",
]
