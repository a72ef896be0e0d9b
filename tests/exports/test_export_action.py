"""Export… on a page that shows batches (pytest-qt): format and file asked, the job run off the
GUI thread, and a second export in the same format asked first, naming when."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app import billing
from app.billing import AuditQuery
from app.models import BatchExport, ExportFormat
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batches import export_actions
from app.ui.batches.export_actions import ExportActions, attach_export_button
from app.ui.context import UiContext
from tests.exports.reading import csv_rows
from tests.exports.scenario import small_batch
from tests.ui.conftest import Dialogs, context, dialogs, qt_settings, settled

__all__ = ["context", "dialogs", "qt_settings"]  # the UI tests' fixtures, used here too


class BatchPage(QWidget):
    """What a page that shows batches offers the export action: a row and a chosen batch."""

    def __init__(self, number: int | None) -> None:
        super().__init__()
        self.number = number
        self.report_actions = QHBoxLayout()
        QVBoxLayout(self).addLayout(self.report_actions)

    def selected_batch_number(self) -> int | None:
        return self.number


def _page(
    qtbot: QtBot, context: UiContext, number: int | None
) -> tuple[QPushButton, ExportActions]:
    page = BatchPage(number)
    qtbot.addWidget(page)
    actions = attach_export_button(page, context)
    assert actions is not None
    button = page.findChild(QPushButton, "export-batch")
    assert button is not None
    return button, actions


def _count(context: UiContext) -> int:
    with context.read() as session:
        return session.scalar(select(func.count()).select_from(BatchExport)) or 0


def test_export_action_exports_and_asks_before_again(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with context.transaction() as session:
        number = small_batch(session)
    monkeypatch.setattr(export_actions, "ask_format", lambda _p, _n: ExportFormat.XERO)
    dialogs.save_file = tmp_path / "november.csv"
    button, actions = _page(qtbot, context, number)
    with qtbot.waitSignal(actions.sig_exported, timeout=10_000) as exported:
        button.click()
    assert exported.args[0].credit_memos == tmp_path / "november-credit-memos.csv"
    assert [r["*InvoiceNumber"] for r in csv_rows(dialogs.save_file.read_bytes())] == [
        "INV-1001", "INV-1001", "INV-1002", "DM-5",
    ]  # fmt: skip
    assert dialogs.questions == []
    assert dialogs.errors == []
    with context.read() as session:
        assert billing.batch_row(session, number).locked_at is not None
        history = billing.list_audit(session, AuditQuery(batch_number=number, action="export"))
    assert len(history) == 1

    dialogs.confirm_answer = False  # asked first, naming when; declined: nothing happens
    button.click()
    assert len(dialogs.questions) == 1
    assert f"Invoice batch {number} was exported as Xero" in dialogs.questions[0]
    assert f"on {history[0].at:%Y-%m-%d at %H:%M}" in dialogs.questions[0]
    assert _count(context) == 1

    dialogs.confirm_answer = True
    with qtbot.waitSignal(actions.sig_exported, timeout=10_000):
        button.click()
    assert _count(context) == 2


def test_export_action_needs_a_batch_and_shows_refusals(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    button, _ = _page(qtbot, context, None)
    button.click()
    assert dialogs.infos == ["Select an invoice batch first."]
    with context.transaction() as session:
        number = small_batch(session)
        billing.set_setting(session, "require_approval", "true")
    monkeypatch.setattr(export_actions, "ask_format", lambda _p, _n: ExportFormat.IIF)
    dialogs.save_file = tmp_path / "out.iif"
    button, actions = _page(qtbot, context, number)
    with qtbot.waitSignal(actions.sig_exported, timeout=3_000, raising=False) as exported:
        button.click()
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10_000)
    assert not exported.signal_triggered
    assert "must be approved before it is exported" in dialogs.errors[0]
    assert not dialogs.save_file.exists()
    assert _count(context) == 0


def test_batch_details_exports_and_shows_it_in_history(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with context.transaction() as session:
        number = small_batch(session)
    monkeypatch.setattr(export_actions, "ask_format", lambda _p, _n: ExportFormat.CSV)
    dialogs.save_file = tmp_path / "batch.csv"
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.show_batch(number)
    settled()  # the batch loads off the GUI thread
    actions = page.export_actions
    assert actions is not None
    button = page.findChild(QPushButton, "export-batch")
    assert button is not None
    with qtbot.waitSignal(actions.sig_exported, timeout=10_000):
        button.click()
    page.refresh()
    settled()
    model = page.history_model
    details = {
        model.index(row, 2).data(): model.index(row, model.columnCount() - 1).data()
        for row in range(model.rowCount())
    }
    assert details["export"].startswith("csv to batch.csv (SHA-256 ")
    assert dialogs.errors == []
