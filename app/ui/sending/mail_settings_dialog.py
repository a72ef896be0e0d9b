"""Email (SMTP) settings (R13): the server, the sender and the message template, the password
in the system keyring, the one server certificate the clerk trusts, and Send Test Message off
the GUI thread."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing.settings import MAIL_PLACEHOLDERS, SMTP_SECURITY
from app.jobs.sending import smtp_server
from app.mail import (
    Security,
    SmtpServer,
    StatementFacts,
    build_message,
    send_test_message,
    server_certificate,
)
from app.store.passwords import Kept
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import Progress, attempt, run_in_background
from app.ui.sending.send_dialog import PASSWORDS

TITLE = "Email Settings"
TEXT_KEYS = ("smtp_host", "smtp_port", "smtp_user", "mail_from", "mail_subject")
LABELS = {
    "smtp_host": "SMTP &server:",
    "smtp_port": "&Port:",
    "smtp_user": "&User name:",
    "mail_from": "&From address:",
    "mail_subject": "Su&bject:",
}
SECURITY_LABELS = {"none": "None", "starttls": "STARTTLS", "ssl": "SSL/TLS"}
SYSTEM_AUTHORITIES = "Checked by the system's certificate authorities"
TEST_PDF = b"%PDF-1.4\n% Invoice Batches test message: no statement attached\n%%EOF\n"


class MailSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: UiContext) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.context = context
        self.edits = {key: QLineEdit() for key in TEXT_KEYS}
        for key, edit in self.edits.items():
            edit.setObjectName(key)
        self.security = QComboBox()
        for value in SMTP_SECURITY:
            self.security.addItem(
                {"none": "None", "starttls": "STARTTLS", "ssl": "SSL/TLS"}[value], value
            )
        self.body = QPlainTextEdit()
        self.body.setObjectName("mail_body")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in the system keyring, never in the database")
        self.test_to = QLineEdit()
        self.test_to.setPlaceholderText("an address of yours")
        self.test_button = QPushButton("Send &Test Message")
        self.test_button.clicked.connect(self.send_test)
        self.certificate = ""
        self.certificate_label = QLabel(SYSTEM_AUTHORITIES)
        self.certificate_label.setWordWrap(True)
        self.certificate_label.setTextInteractionFlags(
            self.certificate_label.textInteractionFlags()
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.trust_button = QPushButton("Trust Server's &Certificate…")
        self.trust_button.clicked.connect(self.read_certificate)
        self.forget_button = QPushButton("Use System &Authorities")
        self.forget_button.clicked.connect(lambda: self.show_certificate(""))
        certificate_buttons = QHBoxLayout()
        certificate_buttons.addWidget(self.trust_button)
        certificate_buttons.addWidget(self.forget_button)
        certificate_buttons.addStretch(1)
        form = QFormLayout()
        for key in TEXT_KEYS[:2]:
            form.addRow(LABELS[key], self.edits[key])
        form.addRow("&Security:", self.security)
        form.addRow("Certificate:", self.certificate_label)
        form.addRow("", certificate_buttons)
        for key in TEXT_KEYS[2:3]:
            form.addRow(LABELS[key], self.edits[key])
        form.addRow("Pass&word:", self.password)
        for key in TEXT_KEYS[3:]:
            form.addRow(LABELS[key], self.edits[key])
        form.addRow("Message &body:", self.body)
        names = ", ".join("{" + name + "}" for name in MAIL_PLACEHOLDERS)
        hint = QLabel(f"Subject and body may use {names}.")
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow("Test &to:", self.test_to)
        form.addRow("", self.test_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.shown = attempt(parent, TITLE, self._load) or billing.CompanySettings()
        self.show_settings(self.shown)

    def _load(self) -> billing.CompanySettings:
        with self.context.read() as session:
            return billing.load_settings(session)

    def show_settings(self, settings: billing.CompanySettings) -> None:
        for key, edit in self.edits.items():
            edit.setText(billing.setting_text(settings, key))
        self.security.setCurrentIndex(self.security.findData(settings.smtp_security))
        self.body.setPlainText(settings.mail_body)
        self.show_certificate(settings.smtp_certificate)

    def show_certificate(self, pem: str) -> None:
        self.certificate = pem
        self.forget_button.setEnabled(bool(pem))
        if pem:
            fingerprint = billing.certificate_fingerprint(pem)
            self.certificate_label.setText(f"Trusted: the certificate with SHA-256 {fingerprint}")
        else:
            self.certificate_label.setText(SYSTEM_AUTHORITIES)

    def values(self) -> dict[str, str]:
        values = {key: edit.text().strip() for key, edit in self.edits.items()}
        values["smtp_security"] = str(self.security.currentData())
        values["mail_body"] = self.body.toPlainText().strip()
        values["smtp_certificate"] = self.certificate
        return values

    def _store(self) -> billing.CompanySettings:
        with self.context.transaction() as session:
            for key, value in self.values().items():
                billing.set_setting(session, key, value)
            settings = billing.load_settings(session)
        if self.password.text() and settings.smtp_user:
            kept = PASSWORDS.keep(settings.smtp_host, settings.smtp_user, self.password.text())
            if kept == Kept.SESSION:
                messages.show_info(
                    self,
                    TITLE,
                    "This computer has no system keyring: the password is kept until you quit "
                    "and asked for again next time; it is never written to a file.",
                )
        return settings

    def save(self) -> None:
        if attempt(self, TITLE, self._store) is not None:
            self.accept()

    def send_test(self) -> None:
        to = self.test_to.text().strip()
        if not to:
            messages.show_info(self, TITLE, "Type an address to send the test message to.")
            return
        settings = attempt(self, TITLE, self._store)
        if settings is None:
            return
        password = self.password.text() or (
            PASSWORDS.stored(settings.smtp_host, settings.smtp_user) or ""
        )
        server = smtp_server(settings, password)
        facts = StatementFacts(
            "Test Customer", "TEST", 0, dt.date.today().isoformat(), "0.00", settings.company_name
        )
        message = build_message(
            sender=settings.mail_from,
            recipients=(to,),
            subject="Test: " + settings.mail_subject,
            body=settings.mail_body,
            facts=facts,
            pdf=TEST_PDF,
            filename="test.pdf",
        )

        def work(_progress: Progress) -> str:
            return send_test_message(server, message)

        run_in_background(
            self, f"Sending a test message to {to}…", work, self._sent, key="mail-test"
        )

    def _sent(self, message_id: str) -> None:
        messages.show_info(self, TITLE, f"The mail server accepted the test message {message_id}.")

    def read_certificate(self) -> None:
        """Read the certificate the server shows now, off the GUI thread, then ask."""
        values = self.values()
        try:
            port = int(values["smtp_port"])
        except ValueError:
            messages.show_error(self, TITLE, "Type the server's port number first.")
            return
        server = SmtpServer(values["smtp_host"], port, Security(values["smtp_security"]))

        def work(_progress: Progress) -> str:
            return server_certificate(server)

        run_in_background(
            self,
            f"Reading the certificate of {server.host}:{server.port}…",
            work,
            lambda pem: self._offer_trust(server, pem),
            key="mail-certificate",
        )

    def _offer_trust(self, server: SmtpServer, pem: str) -> None:
        fingerprint = billing.certificate_fingerprint(pem)
        if messages.confirm(
            self,
            TITLE,
            f"The mail server {server.host}:{server.port} shows a certificate with the SHA-256 "
            f"fingerprint\n\n{fingerprint}\n\nTrust it only if your mail administrator gives "
            "you the same fingerprint. Statements then go to this server only while it shows "
            "this certificate. The choice is kept when you save.",
            action="Trust",
        ):
            self.show_certificate(pem)
