"""Reading the certificate a mail server shows, so the clerk can choose to trust it (R13)."""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path

import pytest

from app.billing import certificate_fingerprint
from app.mail import MailFailed, Security, SmtpServer, server_certificate
from tests.mail.smtp_server import free_port, self_signed, smtp_server


def test_the_certificate_read_over_starttls_is_the_servers_own(tmp_path: Path) -> None:
    context, pem = self_signed(tmp_path)
    with smtp_server(context) as server:
        shown = server_certificate(SmtpServer("127.0.0.1", server.port, Security.STARTTLS))
        assert server.handler.received == []  # reading it sends nothing
    assert ssl.PEM_cert_to_DER_cert(shown) == ssl.PEM_cert_to_DER_cert(pem)
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest().upper()
    fingerprint = certificate_fingerprint(shown)
    assert fingerprint.replace(":", "") == digest
    assert len(fingerprint) == 95
    assert fingerprint[2] == ":"


def test_no_certificate_without_encryption_or_without_a_server() -> None:
    with pytest.raises(MailFailed, match="security is None: it shows no certificate"):
        server_certificate(SmtpServer("127.0.0.1", free_port(), Security.NONE))
    nobody = SmtpServer("127.0.0.1", free_port(), Security.STARTTLS, timeout=5)
    with pytest.raises(MailFailed, match="could not be reached"):
        server_certificate(nobody)


def test_a_server_without_starttls_names_what_it_said() -> None:
    with (
        smtp_server() as server,
        pytest.raises(MailFailed, match=r"STARTTLS extension not supported|127\.0\.0\.1"),
    ):
        server_certificate(SmtpServer("127.0.0.1", server.port, Security.STARTTLS, timeout=5))
