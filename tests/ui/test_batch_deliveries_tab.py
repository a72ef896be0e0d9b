"""Invoice Batch Details' Deliveries tab (R13): every recorded delivery with the server's words,
`unknown` ones explained, and Resend to This Customer…, which asks first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.billing.deliveries import Handover, begin_deliveries, list_deliveries, plan_sending
from app.jobs.sending import SendOptions, send_batch
from app.mail import Security, SmtpServer
from app.models import Channel
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batch_details.deliveries_tab import (
    FAILED_INK,
    UNKNOWN_INK,
    UNKNOWN_MEANS,
    DeliveriesModel,
)
from app.ui.context import UiContext
from tests.jobs.sending_world import sending_batch
from tests.mail.smtp_server import RunningServer, smtp_server
from tests.ui.conftest import Dialogs, settled

REFUSAL = "550 5.1.1 <ap@acme.example>: Recipient address rejected: User unknown"


@pytest.fixture
def server() -> Iterator[RunningServer]:
    with smtp_server() as running:
        yield running


def _sent_once(context: UiContext, server: RunningServer) -> int:
    """The batch sent through the send job, the server refusing C002's address."""
    with context.transaction() as session:
        number = sending_batch(session, server.port)
    server.handler.refuse["ap@acme.example"] = REFUSAL
    printed: list[bytes] = []
    options = SendOptions(
        SmtpServer("127.0.0.1", server.port, Security.NONE, timeout=10),
        print_out=printed.append,
    )
    send_batch(context.db, number, options)
    assert len(printed) == 1  # C003 and C005 by post
    return number


def _page(qtbot: QtBot, context: UiContext, number: int) -> InvoiceBatchDetailsPage:
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.show_batch(number)
    settled()
    page.tabs.setCurrentWidget(page.deliveries)
    return page


def _cells(page: InvoiceBatchDetailsPage) -> list[tuple[str, ...]]:
    model = page.deliveries.model
    columns = (
        DeliveriesModel.COL_CUSTOMER,
        DeliveriesModel.COL_CHANNEL,
        DeliveriesModel.COL_ADDRESSES,
        DeliveriesModel.COL_STATUS,
        DeliveriesModel.COL_ERROR,
    )
    return [
        tuple(str(model.index(row, column).data()) for column in columns)
        for row in range(model.rowCount())
    ]


def _row(page: InvoiceBatchDetailsPage, customer: str, status: str) -> int:
    row = page.deliveries.model.row_where(
        lambda d: d.customer_number == customer and d.status.value == status
    )
    assert row is not None, (customer, status)
    return row


def test_the_tab_lists_sent_and_failed_deliveries_with_the_servers_words(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    server: RunningServer,
    qtmodeltester: object,
) -> None:
    number = _sent_once(context, server)
    page = _page(qtbot, context, number)
    tab = page.deliveries
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())][-1] == "Deliveries"

    words = f"The mail server refused ap@acme.example: {REFUSAL}"
    assert _cells(page) == [
        ("C001", "email", "anna@lodz.example; biuro@lodz.example", "sent", ""),
        ("C002", "email", "ap@acme.example", "failed", words),
        ("C003", "print", "", "sent", ""),
        ("C005", "print", "", "sent", ""),
        ("C005", "email", "office@delta.example", "sent", ""),
    ]
    assert tab.summary.text() == "5 deliveries: 4 sent, 1 failed, 0 unknown."
    assert not tab.unknown_note.isVisibleTo(tab)
    c001 = tab.model.index(_row(page, "C001", "sent"), DeliveriesModel.COL_MESSAGE_ID)
    with context.read() as session:
        recorded = {d.customer_number: d for d in list_deliveries(session, number)}
    assert recorded["C001"].message_id
    assert c001.data() == recorded["C001"].message_id

    failed = _row(page, "C002", "failed")
    ink = tab.model.index(failed, DeliveriesModel.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert ink == FAILED_INK
    assert tab.model.index(failed, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert not tab.resend_button.isEnabled()  # nothing chosen yet
    tab.table.select_row(failed)
    assert tab.resend_button.isEnabled()
    assert tab.detail.text().endswith(f"failed. The server said: {words}")
    assert dialogs.errors == []


def test_an_unknown_delivery_is_highlighted_and_explained(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, server: RunningServer
) -> None:
    with context.transaction() as session:
        number = sending_batch(session, server.port)
    # Handed over and never finished: what a crash in between leaves.
    with context.transaction() as session:
        planned = plan_sending(session, number, resend="C002")
        handover = Handover("C002", Channel.EMAIL, "ap@acme.example", b"%PDF-1.4 stand-in")
        begin_deliveries(session, planned, [handover])
    page = _page(qtbot, context, number)
    tab = page.deliveries
    assert _cells(page) == [("C002", "email", "ap@acme.example", "unknown", "")]
    assert tab.unknown_note.isVisibleTo(tab)
    assert "not sent again automatically" in tab.unknown_note.text()
    index = tab.model.index(0, DeliveriesModel.COL_STATUS)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == UNKNOWN_INK
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(UNKNOWN_MEANS)

    # Resending asks first and says the last one may have arrived; declined, nothing goes out.
    dialogs.confirm_answer = False
    tab.table.select_row(0)
    assert tab.resend() is None
    assert len(dialogs.questions) == 1
    assert "C002" in dialogs.questions[0]
    assert "outcome is unknown: it may have arrived" in dialogs.questions[0]
    assert server.handler.received == []
    assert [row[3] for row in _cells(page)] == ["unknown"]


def test_resend_asks_first_then_sends_to_that_customer_alone(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    server: RunningServer,
) -> None:
    number = _sent_once(context, server)
    page = _page(qtbot, context, number)
    tab = page.deliveries
    received = len(server.handler.received)
    tab.table.select_row(_row(page, "C002", "failed"))

    dialogs.confirm_answer = False
    assert tab.resend() is None
    assert dialogs.questions == [
        f"Resend the statement of invoice batch {number} to customer C002 "
        "(Acme Hardware Supply) by email to ap@acme.example? The last delivery failed. "
        "Every delivery is recorded."
    ]
    assert len(server.handler.received) == received

    server.handler.refuse.clear()
    dialogs.confirm_answer = True
    with qtbot.waitSignal(page.context.sig_data_changed, timeout=30_000):
        dialog = tab.resend()
        assert dialog is not None
        qtbot.addWidget(dialog)
    settled()
    assert len(dialogs.questions) == 2
    assert dialog.plan.resend == "C002"
    assert [r.recipients for r in server.handler.received[received:]] == [["ap@acme.example"]]
    # The page refreshed with the send: C002 now failed once and sent once.
    assert [row[3] for row in _cells(page) if row[0] == "C002"] == ["failed", "sent"]
    assert tab.summary.text() == "6 deliveries: 5 sent, 1 failed, 0 unknown."
    assert dialogs.errors == []
