"""R13 in Invoice Batch Details: the batch's recorded deliveries, one row a delivery, failures
with the server's words and `unknown` ones explained; and Resend to This Customer…, the
explicit act that sends one customer's statement again through the Send dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.billing.deliveries import DeliveryRecord, SendPlan
from app.jobs.sending import plan
from app.models import Channel, DeliveryStatus
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.sending.send_dialog import SendDialog
from app.ui.widgets.record_table_model import Column, RecordTableModel
from app.ui.widgets.record_table_view import RecordTableView

RESEND_TITLE = "Resend Statement"
FAILED_INK = QColor("#b00020")
UNKNOWN_INK = QColor("#8a4b00")
UNKNOWN_MEANS = (
    "Outcome unknown: the statement was handed to the mail server (or printer), and the "
    "application stopped before it recorded what became of it. It may have arrived. It is not "
    "sent again automatically: check with the customer, and resend only if it did not arrive."
)

D = DeliveryRecord


class DeliveriesModel(RecordTableModel[DeliveryRecord]):
    """Every recorded delivery of the batch, by customer, oldest first."""

    (
        COL_CUSTOMER,
        COL_NAME,
        COL_CHANNEL,
        COL_ADDRESSES,
        COL_STATUS,
        COL_AT,
        COL_BY,
        COL_MESSAGE_ID,
        COL_ERROR,
    ) = range(9)
    columns = (
        Column[D]("Customer", lambda d: d.customer_number),
        Column[D]("Name", lambda d: d.customer_name),
        Column[D]("Channel", lambda d: d.channel.value),
        Column[D]("Addresses", lambda d: d.addresses),
        Column[D](
            "Status",
            lambda d: d.status.value,
            tip="sent, failed, or unknown (handed over, no outcome)",
        ),
        Column[D]("At", lambda d: f"{d.at:%Y-%m-%d %H:%M:%S}"),
        Column[D]("By", lambda d: d.sent_by),
        Column[D]("Message id", lambda d: d.message_id),
        Column[D]("Error", lambda d: d.error, tip="The server's words when it refused"),
    )
    stretch_column = COL_ERROR

    def is_emphasised(self, record: D) -> bool:
        return record.status != DeliveryStatus.SENT

    def foreground(self, record: D) -> Any:
        if record.status == DeliveryStatus.FAILED:
            return FAILED_INK
        if record.status == DeliveryStatus.UNKNOWN:
            return UNKNOWN_INK
        return None

    def tooltip(self, record: D) -> str:
        if record.status == DeliveryStatus.UNKNOWN:
            return UNKNOWN_MEANS + (f"\n{record.error}" if record.error else "")
        if record.status == DeliveryStatus.FAILED:
            return f"Failed: {record.error}"
        return ""


def detail_text(record: DeliveryRecord | None) -> str:
    """The chosen delivery in full, as the clerk reads it under the list."""
    if record is None:
        return ""
    how = f"email to {record.addresses}" if record.channel == Channel.EMAIL else "print"
    head = f"{record.customer_number} {record.customer_name}, {how}, {record.at:%Y-%m-%d %H:%M}"
    if record.status == DeliveryStatus.SENT:
        return f"{head}: sent" + (f", message id {record.message_id}" if record.message_id else "")
    if record.status == DeliveryStatus.FAILED:
        return f"{head}: failed. The server said: {record.error}"
    return f"{head}: outcome unknown. {UNKNOWN_MEANS}"


class DeliveriesTab(QWidget):
    """The Deliveries tab; the page gives it rows with `set_rows` and the batch's number with
    `batch_number`, and refreshes itself (through `sig_data_changed`) after a resend."""

    def __init__(
        self,
        context: UiContext,
        batch_number: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.batch_number = batch_number
        self.dialog: SendDialog | None = None
        self.model = DeliveriesModel(self)
        self.table = RecordTableView(self.model, "batch-details-deliveries")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.unknown_note = QLabel(UNKNOWN_MEANS)
        self.unknown_note.setObjectName("deliveries-unknown")
        self.unknown_note.setWordWrap(True)
        self.unknown_note.setStyleSheet(f"color: {UNKNOWN_INK.name()};")
        self.detail = QLabel()
        self.detail.setObjectName("delivery-detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resend_button = QPushButton("Resend to This Customer…")
        self.resend_button.setObjectName("resend-customer")
        self.resend_button.setToolTip(
            "Send the chosen customer's statement again, whatever went before; asks first."
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.resend_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.unknown_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.table.selectionModel().selectionChanged.connect(self._chosen_changed)
        self.resend_button.clicked.connect(self.resend)
        self.set_rows(())

    def set_rows(self, rows: Sequence[DeliveryRecord]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        row = self.model.row_where(lambda d: d.id == chosen.id) if chosen is not None else None
        if row is not None:
            self.table.select_row(row)
        counts = {status: sum(r.status == status for r in rows) for status in DeliveryStatus}
        if not rows:
            self.summary.setText("Nothing sent or printed for this batch yet.")
        else:
            self.summary.setText(
                f"{len(rows)} deliveries: {counts[DeliveryStatus.SENT]} sent, "
                f"{counts[DeliveryStatus.FAILED]} failed, {counts[DeliveryStatus.UNKNOWN]} unknown."
            )
        self.unknown_note.setVisible(counts[DeliveryStatus.UNKNOWN] > 0)
        self._chosen_changed()

    def selected(self) -> DeliveryRecord | None:
        rows = self.table.selected_rows()
        return self.model.record(rows[0]) if rows else None

    def _chosen_changed(self) -> None:
        chosen = self.selected()
        self.detail.setText(detail_text(chosen))
        self.resend_button.setEnabled(chosen is not None and self.batch_number() is not None)

    def resend(self) -> SendDialog | None:
        """Ask, then open the Send dialog for the chosen customer alone and start it (when a
        print part needs a file, the dialog waits for it)."""
        chosen, number = self.selected(), self.batch_number()
        if chosen is None or number is None:
            return None
        customer = chosen.customer_number
        planned = attempt(self, RESEND_TITLE, lambda: plan(self.context.db, number, customer))
        if planned is None:
            return None
        if planned.nothing_to_send:
            reasons = "; ".join(c.reason for c in planned.cannot) or "nothing to send"
            messages.show_info(
                self, RESEND_TITLE, f"Customer {customer} cannot be sent again: {reasons}."
            )
            return None
        if not messages.confirm(self, RESEND_TITLE, resend_question(planned, chosen), "Resend"):
            return None
        dialog = SendDialog(self, self.context, planned)
        self.dialog = dialog
        dialog.open()
        if not planned.post:
            dialog.start()
        return dialog


def resend_question(planned: SendPlan, chosen: DeliveryRecord) -> str:
    """What Resend does, in the clerk's words, before anything goes out."""
    ways = [f"by email to {'; '.join(item.addresses)}" for item in planned.email]
    if planned.post:
        ways.insert(0, "in a print part")
    before = {
        DeliveryStatus.SENT: "It was sent before; the customer gets it twice.",
        DeliveryStatus.FAILED: "The last delivery failed.",
        DeliveryStatus.UNKNOWN: (
            "The last delivery's outcome is unknown: it may have arrived. Resend only if it did "
            "not."
        ),
    }[chosen.status]
    return (
        f"Resend the statement of invoice batch {planned.batch_number} to customer "
        f"{chosen.customer_number} ({chosen.customer_name}) {' and '.join(ways)}? {before} "
        "Every delivery is recorded."
    )
