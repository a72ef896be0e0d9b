"""Sending messages through the company's SMTP server (R13) with smtplib.

One `SmtpSession` keeps one connection for a run of messages and opens a new one after the
server dropped it. A message is accepted only when the server said 250 to its data; anything
else raises with the server's own words.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from enum import StrEnum
from types import TracebackType

TIMEOUT_SECONDS = 60.0


class Security(StrEnum):
    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"


class MailFailed(Exception):
    """The message was not accepted; the text says why, in the server's words when it spoke."""


class MailRefused(MailFailed):
    """The server answered and refused: the sender, one or more recipients, or the message."""


class MailOutcomeUnknown(MailFailed):
    """The connection broke after the message was handed over: it may have been accepted."""


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    security: Security = Security.STARTTLS
    user: str = ""
    password: str = ""
    # The one certificate (PEM) the clerk chose to trust, such as the self-signed certificate
    # of a server in the office; without it the system's certificate authorities decide.
    trusted_certificate: str = ""
    timeout: float = TIMEOUT_SECONDS

    def tls_context(self) -> ssl.SSLContext:
        if self.trusted_certificate:
            context = ssl.create_default_context(cadata=self.trusted_certificate)
        else:
            context = ssl.create_default_context()
        return context


@dataclass(frozen=True)
class Outgoing:
    """A message as it goes over the wire: its envelope and its bytes. Turning a message with
    a PDF into bytes takes as long as the server takes to accept it, so a sender that has
    other work to wait on can make this beforehand."""

    sender: str
    recipients: tuple[str, ...]
    data: bytes
    message_id: str

    @classmethod
    def of(cls, message: EmailMessage) -> Outgoing:
        return cls(
            sender=str(message["From"].addresses[0].addr_spec),
            recipients=tuple(address.addr_spec for address in message["To"].addresses),
            data=message.as_bytes(policy=policy.SMTP),
            message_id=str(message["Message-ID"]),
        )


def _words(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {' '.join(text.split())}"


def mail_failure(server: SmtpServer, error: Exception) -> MailFailed:
    where = f"{server.host}:{server.port}"
    if isinstance(error, ssl.SSLCertVerificationError):
        return MailFailed(
            f"The mail server {where} showed a certificate that is not trusted "
            f"({error.verify_message}). Email Settings ▸ Trust Server's Certificate… shows "
            "its fingerprint: trust it only if it is your server's."
        )
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return MailRefused(
            f"The mail server {where} refused the user name or password: "
            f"{_words(error.smtp_code, error.smtp_error)}"
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return MailRefused(
            f"The mail server {where} said: {_words(error.smtp_code, error.smtp_error)}"
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return MailFailed(f"The mail server {where} closed the connection: {error}")
    return MailFailed(f"The mail server {where} could not be reached: {error}")


class SmtpSession:
    """A connection to the server for a run of messages; use it in a `with` block."""

    def __init__(self, server: SmtpServer) -> None:
        self.server = server
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def _connect(self) -> smtplib.SMTP:
        server = self.server
        smtp: smtplib.SMTP
        try:
            if server.security == Security.SSL:
                smtp = smtplib.SMTP_SSL(
                    server.host,
                    server.port,
                    timeout=server.timeout,
                    context=server.tls_context(),
                )
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
            try:
                smtp.ehlo()
                if server.security == Security.STARTTLS:
                    smtp.starttls(context=server.tls_context())
                    smtp.ehlo()
                if server.user:
                    smtp.login(server.user, server.password)
            except BaseException:
                smtp.close()
                raise
        except (smtplib.SMTPException, OSError) as error:
            raise mail_failure(server, error) from error
        return smtp

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = self._connect()
        return self._smtp

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()

    def send(self, message: EmailMessage | Outgoing) -> str:
        """Hand `message` to the server for every address in its To header; the message's id
        once the server accepted it. Raises MailRefused (nothing was sent to anyone), MailFailed
        (not sent) or MailOutcomeUnknown (the connection broke while the data was going out)."""
        outgoing = message if isinstance(message, Outgoing) else Outgoing.of(message)
        smtp = self._connection()
        sender = outgoing.sender
        recipients = outgoing.recipients
        handing_over = False
        try:
            code, reply = smtp.mail(sender)
            if code != 250:
                smtp.rset()
                raise MailRefused(
                    f"The mail server refused the sender {sender}: {_words(code, reply)}"
                )
            refused = []
            for recipient in recipients:
                code, reply = smtp.rcpt(recipient)
                if code not in (250, 251):
                    refused.append(f"{recipient}: {_words(code, reply)}")
            if refused:
                # Refuse the whole message rather than deliver it to some of the addresses.
                smtp.rset()
                raise MailRefused("The mail server refused " + "; ".join(refused))
            handing_over = True
            code, reply = smtp.data(outgoing.data)
            if code != 250:
                raise MailRefused(f"The mail server refused the message: {_words(code, reply)}")
        except MailFailed:
            raise
        except (smtplib.SMTPException, OSError) as error:
            self._drop()
            if handing_over and not isinstance(error, smtplib.SMTPResponseException):
                raise MailOutcomeUnknown(
                    f"The connection to the mail server broke while the message was going out "
                    f"({error}); it may or may not have been accepted."
                ) from error
            raise mail_failure(self.server, error) from error
        return outgoing.message_id


def send_test_message(server: SmtpServer, message: EmailMessage) -> str:
    """Send one message on a connection of its own (Company Settings' test button)."""
    with SmtpSession(server) as session:
        return session.send(message)
