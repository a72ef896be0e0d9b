"""The Send dialog (R13) against a real SMTP server: the list first, then progress, then each
outcome with the server's words; sending again sends only what is not yet sent."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.billing.deliveries import list_deliveries
from app.ui.context import UiContext
from app.ui.sending.send_dialog import SendDialog, open_send_dialog
from app.ui.sending.send_rows import SendRow
from app.ui.sending.send_table_model import FAILED_INK, SendTableModel
from app.ui.widgets.record_table_view import RecordTableView
from tests.jobs.sending_world import sending_batch
from tests.mail.smtp_server import RunningServer, smtp_server
from tests.ui.conftest import Dialogs
from tests.ui.printing.conftest import PrintDialog
from tests.ui.test_page_keys import mnemonics

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
    # The print part goes to a file here, and needs one before anything is sent.
    assert dialog.to_printer.isChecked()  # by default it goes to a printer
    dialog.to_file.click()
    dialog.send_button.click()
    assert dialog.worker is None
    assert dialogs.infos == ["Choose where the print part goes first."]
    dialogs.save_file = tmp_path / "post.pdf"
    dialog._choose_print_file()
    assert dialog.print_path.text() == str(tmp_path / "post.pdf")
    assert dialog.to_file.isChecked()

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


def _open(qtbot: QtBot, context: UiContext, number: int) -> SendDialog:
    dialog = open_send_dialog(None, context, number)  # type: ignore[arg-type]
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def _states(context: UiContext, number: int) -> list[tuple[str, str, str]]:
    with context.read() as session:
        return sorted(
            (d.customer_number, d.channel.value, d.status.value)
            for d in list_deliveries(session, number)
        )


def _pages(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_print_part_goes_to_the_printer_the_print_dialog_sets_up(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    server: RunningServer,
    print_dialog: PrintDialog,
) -> None:
    with context.transaction() as session:
        number = sending_batch(session, server.port)
    dialog = _open(qtbot, context, number)
    assert dialog.print_row.isVisibleTo(dialog)
    assert dialog.to_printer.isChecked()
    assert dialog.print_path.text() == ""
    with qtbot.waitSignal(dialog.sig_finished, timeout=30_000) as finished:
        dialog.send_button.click()
    result = finished.args[0]
    assert print_dialog.shown == 1
    printed = print_dialog.files[0].read_bytes()
    assert result.print_pdf is not None
    # Every page of the print part (control page, C003's and C005's statements) on the printer.
    assert _pages(printed) == _pages(result.print_pdf) >= 3
    outcomes = _column(dialog, SendTableModel.COL_STATE)
    assert outcomes["C003"] == "Printed"
    assert dialogs.errors == []
    assert _states(context, number) == [
        ("C001", "email", "sent"),
        ("C002", "email", "sent"),
        ("C003", "print", "sent"),
        ("C005", "email", "sent"),
        ("C005", "print", "sent"),
    ]


def test_a_cancelled_print_dialog_sends_nothing(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    server: RunningServer,
    print_dialog: PrintDialog,
) -> None:
    with context.transaction() as session:
        number = sending_batch(session, server.port)
    print_dialog.accept = False
    dialog = _open(qtbot, context, number)
    dialog.send_button.click()
    assert print_dialog.shown == 1
    assert dialog.worker is None
    assert dialog.send_button.isEnabled()
    assert server.handler.received == []
    assert _states(context, number) == []
    assert dialogs.errors == []


def test_a_printer_that_refuses_the_job_leaves_the_post_customers_unsent(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    server: RunningServer,
    print_dialog: PrintDialog,
) -> None:
    with context.transaction() as session:
        number = sending_batch(session, server.port)
    print_dialog.folder = print_dialog.folder / "no-such-folder"
    dialog = _open(qtbot, context, number)
    with qtbot.waitSignal(dialog.sig_finished, timeout=30_000):
        dialog.send_button.click()
    outcomes = _column(dialog, SendTableModel.COL_STATE)
    assert outcomes["C003"].startswith("Failed: The print did not go out: Could not start printing")
    assert outcomes["C001"] == "Emailed"  # the messages still went out
    states = _states(context, number)
    assert ("C003", "print", "failed") in states
    assert ("C005", "print", "failed") in states
    # Sending again offers the print part again, and it goes to the printer this time.
    print_dialog.folder = print_dialog.folder.parent
    again = _open(qtbot, context, number)
    assert again.summary.text().startswith(f"Invoice batch {number}: 0 by email, 2 by post")
    with qtbot.waitSignal(again.sig_finished, timeout=30_000):
        again.send_button.click()
    assert print_dialog.shown == 2
    assert ("C003", "print", "sent") in _states(context, number)


def test_no_alt_key_is_given_twice(qtbot: QtBot, context: UiContext, server: RunningServer) -> None:
    with context.transaction() as session:
        number = sending_batch(session, server.port)
    dialog = _open(qtbot, context, number)
    keys = mnemonics(dialog)
    assert {key: n for key, n in Counter(keys).items() if n > 1} == {}
    assert {"p", "f"} <= set(keys)


def test_how_each_customer_goes_is_read_whole(qtbot: QtBot) -> None:
    """ "Post and email" is the widest a customer can go; the column has room for it even when
    no customer among the rows the columns are fitted to goes both ways."""
    model = SendTableModel()
    goes_by = ["Email"] * 39
    goes_by[35] = "Post and email"
    model.set_rows(
        [
            SendRow(f"C{n:03}", "Acme", how, "Emailed to ap@acme.example")
            for n, how in enumerate(goes_by)
        ]
    )
    table = RecordTableView(model, "send-dialog-test")
    qtbot.addWidget(table)
    table.fit_columns()
    index = model.index(35, SendTableModel.COL_GOES_BY)
    assert table.columnWidth(SendTableModel.COL_GOES_BY) >= table.sizeHintForIndex(index).width()
