"""R12 in Invoice Batch Details: the batch's approval, lock, delivery and payment states, its
notes (editable at any time) and the Approve / Unapprove buttons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.billing import BatchRecord
from app.ui.batches.batch_state_text import (
    approval_text,
    delivery_text,
    last_sent_text,
    paid_text,
    payment_text,
)


class BatchStatesPanel(QWidget):
    """Emits `sig_approve`, `sig_unapprove` and `sig_save_notes(text)`; the page acts."""

    sig_approve = Signal()
    sig_unapprove = Signal()
    sig_save_notes = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.approval_label = QLabel()
        self.delivery_label = QLabel()
        self.last_sent_label = QLabel()
        self.paid_label = QLabel()
        self.payment_label = QLabel()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText("Notes for review and follow-up")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.save_notes_button = QPushButton("&Save Notes")
        self.approve_button = QPushButton("Approve…")
        self.unapprove_button = QPushButton("Unappr&ove")
        self._shown_notes = ""
        self._shown_number: int | None = None
        self._lay_out()
        self.approve_button.clicked.connect(self.sig_approve)
        self.unapprove_button.clicked.connect(self.sig_unapprove)
        self.save_notes_button.clicked.connect(
            lambda: self.sig_save_notes.emit(self.notes_edit.toPlainText())
        )
        self.notes_edit.textChanged.connect(self._update_save)
        self.show_batch(None)

    def _lay_out(self) -> None:
        states = QHBoxLayout()
        for text, label in (
            ("State:", self.approval_label),
            ("Delivery:", self.delivery_label),
            ("Last sent:", self.last_sent_label),
            ("Paid:", self.paid_label),
            ("Payment:", self.payment_label),
        ):
            label.setStyleSheet("font-weight: bold;")
            states.addWidget(QLabel(text))
            states.addWidget(label)
            states.addSpacing(18)
        states.addStretch(1)
        notes_caption = QLabel("&Notes:")
        notes_caption.setBuddy(self.notes_edit)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        for button in (self.save_notes_button, self.approve_button, self.unapprove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        notes = QHBoxLayout()
        notes.addWidget(notes_caption)
        notes.addWidget(self.notes_edit, 1)
        notes.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(states)
        layout.addLayout(notes)

    def show_batch(self, batch: BatchRecord | None) -> None:
        status = batch.status if batch is not None else None
        self.approval_label.setText(approval_text(batch) if batch is not None else "")
        self.approval_label.setToolTip(
            "Printed, sent or exported: read-only (R7)"
            if batch is not None and batch.locked and batch.approved_at is None
            else ""
        )
        self.delivery_label.setText(delivery_text(status))
        self.last_sent_label.setText(last_sent_text(status) or ("Never" if status else ""))
        self.paid_label.setText(paid_text(status))
        self.payment_label.setText(payment_text(status))
        number = batch.number if batch is not None else None
        # A refresh (another page changed something) keeps notes the clerk is still typing.
        typing = number == self._shown_number and self.notes_changed()
        self._shown_notes = batch.notes if batch is not None else ""
        self._shown_number = number
        if not typing and self.notes_edit.toPlainText() != self._shown_notes:
            self.notes_edit.setPlainText(self._shown_notes)
        self.notes_edit.setEnabled(batch is not None)
        self.approve_button.setEnabled(batch is not None and not batch.locked)
        self.unapprove_button.setEnabled(batch is not None and batch.approved_at is not None)
        self._update_save()

    def notes_changed(self) -> bool:
        """Whether the notes on screen differ from the batch's saved notes."""
        return self.notes_edit.toPlainText().strip() != self._shown_notes

    def _update_save(self) -> None:
        self.save_notes_button.setEnabled(self.notes_edit.isEnabled() and self.notes_changed())
