"""The mail server certificate a clerk trusts (R13): kept as PEM in the settings, refused
when it is not one certificate, and audited by its fingerprint, not its text."""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path

import pytest
from sqlalchemy import select

from app import billing
from app.models import AuditEntry
from app.store import Database
from tests.mail.smtp_server import self_signed


@pytest.fixture(scope="module")
def pem(tmp_path_factory: pytest.TempPathFactory) -> str:
    return self_signed(Path(tmp_path_factory.mktemp("certificate")))[1]


def test_a_trusted_certificate_is_kept_and_audited_by_its_fingerprint(
    db: Database, pem: str
) -> None:
    fingerprint = billing.certificate_fingerprint(pem)
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest().upper()
    assert fingerprint.replace(":", "") == digest
    with db.transaction() as session:
        # Pasted from a mail with indented lines and Windows line ends: the same certificate.
        pasted = "\r\n".join("   " + line for line in pem.splitlines())
        settings = billing.set_setting(session, "smtp_certificate", pasted)
    assert ssl.PEM_cert_to_DER_cert(settings.smtp_certificate) == ssl.PEM_cert_to_DER_cert(pem)
    with db.read() as session:
        assert billing.load_settings(session).smtp_certificate == settings.smtp_certificate
        details = session.scalars(select(AuditEntry.detail)).all()
    assert details == [f"smtp_certificate = SHA-256 {fingerprint}"]

    with db.transaction() as session:
        settings = billing.set_setting(session, "smtp_certificate", "")
    assert settings.smtp_certificate == ""
    with db.read() as session:
        assert session.scalars(select(AuditEntry.detail)).all()[-1] == "smtp_certificate = "


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not a certificate", "must be one certificate in PEM form"),
        (
            "-----BEGIN CERTIFICATE-----\nMII*&^\n-----END CERTIFICATE-----",
            "must be one certificate in PEM form",
        ),
        (
            "-----BEGIN CERTIFICATE-----\nMIIB=A\n-----END CERTIFICATE-----",
            "is not a readable PEM certificate",
        ),
    ],
)
def test_text_that_is_not_one_certificate_is_refused(db: Database, text: str, reason: str) -> None:
    with db.transaction() as session, pytest.raises(billing.InvalidInput) as refused:
        billing.set_setting(session, "smtp_certificate", text)
    assert "smtp_certificate" in str(refused.value)
    assert reason in str(refused.value)
    with db.read() as session:
        assert billing.load_settings(session).smtp_certificate == ""
