"""Send… (R13): first the list (who gets mail, who gets post, who cannot be sent and why), then
progress with a stop after the current customer, then each outcome with the server's words.
The print part (the customers mailed by post) goes to a printer through the report's print
path (the system print dialog, then the pages to the QPrinter off the GUI thread), or to a PDF
file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing.deliveries import SendPlan
from app.jobs.sending import SendOptions, SendProgress, SendResult, plan, smtp_server
from app.store.passwords import SmtpPasswords
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import attempt, describe_failure
from app.ui.printing.pdf_printing import PrintFailed, print_pdf
from app.ui.sending.send_rows import SENDING, SendRow, rows_from_plan, with_outcome
from app.ui.sending.send_table_model import SendTableModel
from app.ui.sending.send_worker import SendWorker
from app.ui.widgets.record_table_view import RecordTableView

TITLE = "Send Statements"
log = logging.getLogger(__name__)
# One keeper for the application's life: without a keyring the password is asked once.
PASSWORDS = SmtpPasswords()


def plan_summary(plan_: SendPlan) -> str:
    parts = [
        f"{len(plan_.email)} by email",
        f"{len(plan_.post)} by post",
        f"{len(plan_.cannot)} cannot be sent",
    ]
    if plan_.already_sent:
        parts.append(f"{len(plan_.already_sent)} sent before")
    return f"Invoice batch {plan_.batch_number}: " + ", ".join(parts) + "."


def result_summary(result: SendResult) -> str:
    text = f"{len(result.sent)} sent, {len(result.failed)} failed"
    if result.cannot:
        text += f", {len(result.cannot)} could not be sent"
    if result.cancelled:
        text += f"; stopped, {len(result.not_reached)} not reached"
    if result.failed or result.cannot or result.not_reached:
        text += ". Send again to send only what is not yet sent."
    return text + ("" if text.endswith(".") else ".")


class PrinterRefused(Exception):
    """The printer did not take the print part; the message says why, for the delivery."""


class SendDialog(QDialog):
    sig_finished = Signal(object)  # SendResult

    def __init__(self, parent: QWidget | None, context: UiContext, plan_: SendPlan) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.context = context
        self.plan = plan_
        self.worker: SendWorker | None = None
        self.outcome: SendResult | None = None
        self.model = SendTableModel(self)
        self.model.set_rows(rows_from_plan(plan_))
        self.table = RecordTableView(self.model, "send-dialog")
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(plan_summary(plan_))
        self.summary.setWordWrap(True)
        self.failures = QLabel()
        self.failures.setObjectName("send-failures")
        self.failures.setWordWrap(True)
        self.failures.setStyleSheet("color: #b00020;")
        self.failures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.failures.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, len(plan_.email)))
        self.progress.setValue(0)
        self.progress.setVisible(False)
        self.to_printer = QRadioButton("On a &printer")
        self.to_printer.setObjectName("print-to-printer")
        self.to_printer.setToolTip("The print dialog asks which printer when you send")
        self.to_file = QRadioButton("To a PDF &file:")
        self.to_file.setObjectName("print-to-file")
        self.print_choice = QButtonGroup(self)
        self.print_choice.addButton(self.to_printer)
        self.print_choice.addButton(self.to_file)
        self.to_printer.setChecked(True)
        self.print_path = QLineEdit()
        self.print_path.setPlaceholderText("Where the print part goes (a PDF file)")
        # A file named (typed, chosen or set) is where the print part goes.
        self.print_path.textChanged.connect(self._file_named)
        choose = QPushButton("C&hoose…")
        choose.clicked.connect(self._choose_print_file)
        self.print_row = QWidget()
        row = QHBoxLayout(self.print_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Print part:"))
        row.addWidget(self.to_printer)
        row.addWidget(self.to_file)
        row.addWidget(self.print_path, 1)
        row.addWidget(choose)
        self.print_row.setVisible(bool(plan_.post))
        self.buttons = QDialogButtonBox()
        self.send_button = self.buttons.addButton("&Send", QDialogButtonBox.ButtonRole.AcceptRole)
        self.stop_button = self.buttons.addButton(
            "S&top After This Customer", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.stop_button.setVisible(False)
        self.send_button.setEnabled(not plan_.nothing_to_send)
        self.send_button.clicked.disconnect()
        self.send_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.failures)
        layout.addWidget(self.print_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(900, 420)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.fit_columns()

    def _choose_print_file(self) -> None:
        suggested = f"invoice-batch-{self.plan.batch_number}-by-post.pdf"
        path = messages.ask_save_file(self, TITLE, "PDF files (*.pdf)", suggested)
        if path is not None:
            self.print_path.setText(str(path))

    def _file_named(self, text: str) -> None:
        if text.strip():
            self.to_file.setChecked(True)

    def _options(self) -> SendOptions | None:
        print_out: Callable[[bytes], None] | None = None
        if self.plan.post:
            print_out = self._print_out()
            if print_out is None:
                return None
        server = None
        if self.plan.email:
            with self.context.read() as session:
                settings = billing.load_settings(session)
            password = self._password(settings)
            if password is None:
                return None
            server = smtp_server(settings, password)
        return SendOptions(server, print_out, self.plan.resend)

    def _print_out(self) -> Callable[[bytes], None] | None:
        """Where the print part goes: the printer the print dialog sets up, or the file
        chosen; None when the clerk cancelled the print dialog or chose no file."""
        if self.to_printer.isChecked():
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(f"Invoice Batch Report {self.plan.batch_number}: by post")
            if not messages.ask_print(self, printer):
                return None  # cancelled: nothing is sent

            def on_printer(pdf: bytes) -> None:
                try:
                    print_pdf(pdf, printer)  # on the send job's thread, as Print… does
                except PrintFailed as refused:
                    # Recorded with the printer's words, not the OSError's "[Errno None]".
                    raise PrinterRefused(refused.strerror) from refused

            return on_printer
        if not self.print_path.text().strip():
            messages.show_info(self, TITLE, "Choose where the print part goes first.")
            return None
        target = Path(self.print_path.text().strip())

        def to_file(pdf: bytes) -> None:
            target.write_bytes(pdf)

        return to_file

    def _password(self, settings: billing.CompanySettings) -> str | None:
        if not settings.smtp_user:
            return ""
        stored = PASSWORDS.stored(settings.smtp_host, settings.smtp_user)
        if stored is not None:
            return stored
        asked = messages.ask_password(
            self, TITLE, f"Password for {settings.smtp_user} on {settings.smtp_host}:"
        )
        if asked is not None:
            PASSWORDS.keep(settings.smtp_host, settings.smtp_user, asked)
        return asked

    def start(self) -> None:
        options = self._options()
        if options is None:
            return
        self.worker = SendWorker(self.context.db, self.plan.batch_number, options)
        self.worker.signals.sig_progress.connect(self._on_progress)
        self.worker.signals.sig_finished.connect(self._on_finished)
        self.worker.signals.sig_failed.connect(self._on_failed)
        self.send_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.stop_button.setVisible(True)
        self.progress.setVisible(True)
        self.summary.setText(plan_summary(self.plan) + " Sending…")
        rows = self.model.rows()
        if self.plan.email:
            first = self.plan.email[0].statement.customer.number
            self.model.set_rows([r if r.customer_number != first else _sending(r) for r in rows])
        QThreadPool.globalInstance().start(self.worker)

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop.set()
            self.stop_button.setEnabled(False)
            self.summary.setText("Stopping after the current customer…")

    def _on_progress(self, progress: SendProgress) -> None:
        self.progress.setValue(progress.done)
        rows = with_outcome(self.model.rows(), progress.last)
        if progress.done < len(self.plan.email):
            following = self.plan.email[progress.done].statement.customer.number
            rows = [r if r.customer_number != following else _sending(r) for r in rows]
        self.model.set_rows(rows)

    def _on_finished(self, result: SendResult) -> None:
        self.outcome = result
        rows = rows_from_plan(self.plan)
        for delivered in result.delivered:
            rows = with_outcome(rows, delivered)
        stopped = set(result.not_reached)
        self.model.set_rows(
            [
                r if r.customer_number not in stopped else _state(r, "Not sent: stopped")
                for r in rows
            ]
        )
        self._end(result_summary(result))
        failed = [
            f"{d.customer_number} {d.customer_name} ({d.channel.value}): {d.error}"
            for d in result.failed
        ]
        self.failures.setText("\n".join(failed))
        self.failures.setVisible(bool(failed))
        self.context.sig_data_changed.emit()
        self.sig_finished.emit(result)

    def _on_failed(self, error: BaseException, trace: str) -> None:
        message, expected = describe_failure(error)
        if not expected:
            log.error("Sending failed:\n%s", trace)
        self._end("Sending stopped: " + message)
        self.context.sig_data_changed.emit()
        messages.show_error(self, TITLE, message, "" if expected else trace)

    def _end(self, text: str) -> None:
        self.worker = None
        self.summary.setText(text)
        self.stop_button.setVisible(False)
        self.close_button.setEnabled(True)

    def reject(self) -> None:
        if self.worker is None:  # never closed while a message is going out
            super().reject()


def _sending(row: SendRow) -> SendRow:
    return _state(row, SENDING)


def _state(row: SendRow, text: str) -> SendRow:
    return replace(row, state=text)


def open_send_dialog(parent: QWidget, context: UiContext, number: int) -> SendDialog | None:
    """The Send dialog for a batch, its list worked out first; None when that was refused."""
    planned = attempt(parent, TITLE, lambda: plan(context.db, number))
    if planned is None:
        return None
    dialog = SendDialog(parent, context, planned)
    dialog.open()
    return dialog
