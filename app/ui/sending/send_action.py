"""Send… on the pages that show batches (R13): opens the Send dialog for the selected batch."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from app.ui import messages
from app.ui.context import UiContext
from app.ui.sending.send_dialog import TITLE, SendDialog, open_send_dialog


def attach_send_button(page: QWidget, context: UiContext) -> QPushButton | None:
    """Add Send… to the page's `report_actions` row, acting on its `selected_batch_number`."""
    row = getattr(page, "report_actions", None)
    chosen = getattr(page, "selected_batch_number", None)
    if row is None or not callable(chosen):
        return None

    def send() -> SendDialog | None:
        number = chosen()
        if number is None:
            messages.show_info(page, TITLE, "Select an invoice batch first.")
            return None
        return open_send_dialog(page, context, number)

    button = QPushButton("Send Statements…")
    button.setObjectName("send-batch")
    button.setToolTip(
        "Send the statements: email to customers who get email, and the print part for those "
        "mailed by post; the first delivery locks the batch."
    )
    button.clicked.connect(send)
    row.addWidget(button)
    return button
