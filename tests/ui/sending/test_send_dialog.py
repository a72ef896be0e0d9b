"""The Send dialog (R13) against a real SMTP server: the list first, then progress, then each
outcome with the server's words; sending again sends only what is not yet sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.billing.deliveries import list_deliveries
from app.ui.context import UiContext
from app.ui.sending.send_dialog import SendDialog, open_send_dialog
from app.ui.sending.send_table_model import FAILED_INK, SendTableModel
from tests.jobs.sending_world import sending_batch
from tests.mail.smtp_server import RunningServer, smtp_server
from tests.ui.conftest import Dialogs

REFUSAL = "550 5.1.1 <ap@acme.example>: Recipient address rejected: User unknown"


@pytest.fixture
def server() -> Iterator[RunningServer]:
    with smtp_server() as running:
        yield running


def _column(dialog: SendDialog, column: int) -> dict[str, str]:
    model = dialog.model
    return {
        str(model.index(row, 0).data()): str(model.index(row, column).data())
        for row in range(model.rowCount())
    }


def test_the_list_first_then_outcomes_with_the_servers_words(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    server: RunningServer,
    tmp_path: Path,
    qtmodeltester: object,
) -> None:
    with context.transaction() as session:
        number = sending_batch(session, server.port)
    server.handler.refuse["ap@acme.example"] = REFUSAL
    dialog = open_send_dialog(None, context, number)  # type: ignore[arg-type]
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]

    planned = _column(dialog, SendTableModel.COL_PLAN)
    assert planned["C001"] == "Emailed to anna@lodz.example; biuro@lodz.example"
    assert planned["C003"] == "In this print"
    assert planned["C004"].startswith("Email not sent: has no email address")
    assert planned["C005"] == "In this print, emailed to office@delta.example"
    assert dialog.summary.text() == (
        f"Invoice batch {number}: 3 by email, 2 by post, 1 cannot be sent."
    )
    # The print part needs a file before anything is sent.
    dialog.send_button.click()
    assert dialog.worker is None
    assert dialogs.infos == ["Choose where the print part goes first."]
    dialogs.save_file = tmp_path / "post.pdf"
    dialog._choose_print_file()
    assert dialog.print_path.text() == str(tmp_path / "post.pdf")

    with qtbot.waitSignal(dialog.sig_finished, timeout=30_000) as finished:
        dialog.send_button.click()
    result = finished.args[0]
    outcomes = _column(dialog, SendTableModel.COL_STATE)
    assert outcomes["C001"] == "Emailed"
    assert outcomes["C002"] == f"Failed: The mail server refused ap@acme.example: {REFUSAL}"
    assert outcomes["C003"] == "Printed"
    assert outcomes["C004"] == ""
    c002 = dialog.model.row_where(lambda r: r.customer_number == "C002")
    assert c002 is not None
    color = dialog.model.index(c002, SendTableModel.COL_STATE).data(Qt.ItemDataRole.ForegroundRole)
    assert color == FAILED_INK
    assert dialog.failures.isVisibleTo(dialog)
    assert dialog.failures.text() == (
        f"C002 Acme Hardware Supply (email): The mail server refused ap@acme.example: {REFUSAL}"
    )
    assert dialog.summary.text().startswith("4 sent, 1 failed, 1 could not be sent.")
    assert len(result.sent) == 4
    assert (tmp_path / "post.pdf").read_bytes()[:5] == b"%PDF-"
    assert dialogs.errors == []

    # Sending again offers only C002 (and still names C004).
    server.handler.refuse.clear()
    again = open_send_dialog(None, context, number)  # type: ignore[arg-type]
    assert again is not None
    qtbot.addWidget(again)
    assert again.summary.text() == (
        f"Invoice batch {number}: 1 by email, 0 by post, 1 cannot be sent, 4 sent before."
    )
    assert not again.print_row.isVisibleTo(again)
    with qtbot.waitSignal(again.sig_finished, timeout=30_000):
        again.send_button.click()
    assert len(server.handler.to("ap@acme.example")) == 1
    with context.read() as session:
        states = [(d.customer_number, d.status.value) for d in list_deliveries(session, number)]
    assert states.count(("C002", "sent")) == 1
