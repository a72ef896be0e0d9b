"""Email Settings (R13): the SMTP settings saved, the password kept out of the database, and
Send Test Message through a real SMTP server off the GUI thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.models import Setting
from app.ui.context import UiContext
from app.ui.sending.mail_settings_dialog import SYSTEM_AUTHORITIES, MailSettingsDialog
from tests.mail.smtp_server import RunningServer, self_signed, smtp_server
from tests.memory_keyring import MemoryKeyring
from tests.ui.conftest import Dialogs


@pytest.fixture
def server() -> Iterator[RunningServer]:
    with smtp_server() as running:
        yield running


def test_settings_saved_and_a_test_message_sent(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    server: RunningServer,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = MailSettingsDialog(None, context)
    qtbot.addWidget(dialog)
    assert dialog.edits["smtp_port"].text() == "587"
    dialog.edits["smtp_host"].setText("127.0.0.1")
    dialog.edits["smtp_port"].setText(str(server.port))
    dialog.security.setCurrentIndex(dialog.security.findData("none"))
    dialog.edits["smtp_user"].setText("")
    dialog.edits["mail_from"].setText("billing@nordlicht.example")
    dialog.edits["mail_subject"].setText("Your statement of {statement_date}")
    dialog.test_to.setText("me@nordlicht.example")
    dialog.send_test()
    qtbot.waitUntil(lambda: bool(dialogs.infos or dialogs.errors), timeout=20_000)
    assert dialogs.errors == []
    assert dialogs.infos[0].startswith("The mail server accepted the test message <")
    [received] = server.handler.received
    assert received.recipients == ["me@nordlicht.example"]
    assert received.message["Subject"].startswith("Test: Your statement of ")
    with context.read() as session:
        settings = billing.load_settings(session)
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_security) == (
        "127.0.0.1",
        server.port,
        "none",
    )

    # A bad template is refused, naming the field, and nothing is sent.
    dialog.edits["mail_subject"].setText("Statement {amount}")
    dialog.save()
    assert "unknown placeholder {amount}" in dialogs.errors[-1]
    assert dialog.result() != dialog.DialogCode.Accepted

    # The password goes to the keyring, never into the database.
    dialog.edits["mail_subject"].setText("Statement {statement_date}")
    dialog.edits["smtp_user"].setText("billing")
    dialog.password.setText("s3cret")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert memory_keyring.get_password("Invoice Batches", "smtp:billing@127.0.0.1") == "s3cret"
    with context.read() as session:
        stored = [s.value for s in session.query(Setting).all()]
    assert not any("s3cret" in value for value in stored)


def test_the_clerk_trusts_a_self_signed_certificate_after_seeing_its_fingerprint(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    tls, pem = self_signed(tmp_path)
    with smtp_server(tls) as server:
        dialog = MailSettingsDialog(None, context)
        qtbot.addWidget(dialog)
        assert dialog.certificate_label.text() == SYSTEM_AUTHORITIES
        assert not dialog.forget_button.isEnabled()
        host, port = dialog.edits["smtp_host"], dialog.edits["smtp_port"]
        QTest.keyClicks(host, "127.0.0.1")
        port.clear()
        QTest.keyClicks(port, str(server.port))
        dialog.security.setCurrentIndex(dialog.security.findData("starttls"))
        QTest.keyClicks(dialog.edits["mail_from"], "billing@nordlicht.example")
        QTest.keyClicks(dialog.test_to, "me@nordlicht.example")

        # Untrusted, the test message is refused, and says where to trust it.
        dialog.send_test()
        qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=20_000)
        assert "certificate that is not trusted" in dialogs.errors[-1]
        assert "Trust Server's Certificate" in dialogs.errors[-1]
        assert server.handler.received == []

        # Declined: nothing changes.
        fingerprint = billing.certificate_fingerprint(pem)
        dialogs.confirm_answer = False
        QTest.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(dialogs.questions) == 1, timeout=20_000)
        assert fingerprint in dialogs.questions[0]
        assert dialog.certificate_label.text() == SYSTEM_AUTHORITIES

        dialogs.confirm_answer = True
        QTest.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(dialogs.questions) == 2, timeout=20_000)
        assert dialog.certificate_label.text() == (
            f"Trusted: the certificate with SHA-256 {fingerprint}"
        )
        infos = len(dialogs.infos)
        dialog.send_test()
        qtbot.waitUntil(lambda: len(dialogs.infos) > infos, timeout=20_000)
        assert dialogs.infos[-1].startswith("The mail server accepted the test message <")
        assert len(server.handler.received) == 1
        with context.read() as session:
            kept = billing.load_settings(session).smtp_certificate
        assert billing.certificate_fingerprint(kept) == fingerprint

        # Back to the system's authorities: refused again.
        QTest.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
        assert dialog.certificate_label.text() == SYSTEM_AUTHORITIES
        dialog.save()
        with context.read() as session:
            assert billing.load_settings(session).smtp_certificate == ""
