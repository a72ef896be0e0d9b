"""Preview, Print, Save PDF and Show original: the batch is marked printed only when the
print or the save really happened."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import BatchRecord
from app.ui.context import UiContext
from app.ui.operations import Operation
from app.ui.printing.preview_dialog import ReportPreviewDialog
from app.ui.printing.report_actions import BUSY, REPORT_WORK, ReportActions
from tests.ui.batch_scenario import generated, mark_printed
from tests.ui.conftest import Dialogs
from tests.ui.printing.conftest import PrintDialog

# Batch 1 of the scenario: the control page and one page for each of its two customers.
REPORT_PAGES = 3
LOCKS = (
    "locks invoice batch 1: from then on no customer or transaction can be added to it or "
    "removed from it, its 4 transactions of 2 customers can no longer be edited, and the batch "
    "cannot be deleted. Only its description and notes stay editable; a correction is a new "
    "credit or debit memo, which goes into a later batch."
)
FIRST_PRINT_QUESTION = f"Printing {LOCKS} Print?"
FIRST_SAVE_QUESTION = f"Saving the report as a PDF counts as its first print and {LOCKS} Save PDF?"


def pdf_pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def batch(context: UiContext, number: int = 1) -> BatchRecord:
    with context.transaction() as session:
        return billing.batch_row(session, number)


@pytest.fixture
def actions(qtbot: QtBot, context: UiContext) -> ReportActions:
    generated(context.db)
    host = QWidget()
    qtbot.addWidget(host)
    return ReportActions(host, context, lambda: 1)


def opened_preview(qtbot: QtBot, actions: ReportActions) -> ReportPreviewDialog:
    with qtbot.waitSignal(actions.sig_preview_shown, timeout=20_000):
        actions.preview()
    dialog = actions.preview_dialog
    assert isinstance(dialog, ReportPreviewDialog)
    return dialog


def reprint_buttons(dialog: ReportPreviewDialog) -> bool:
    texts = [button.text() for button in dialog.action_buttons.values()]
    return texts == ["&Reprint…", "&Save Reprint…"]


def wait_done(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not Operation.is_running(REPORT_WORK), timeout=20_000)


def test_preview_shows_every_page_and_marks_nothing(
    qtbot: QtBot, actions: ReportActions, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = opened_preview(qtbot, actions)
    assert dialog.page_count == REPORT_PAGES
    assert dialog.page_label.text() == f"Page 1 of {REPORT_PAGES}"
    assert "Statement" in pdf_text(dialog.pdf)
    assert batch(context).printed_at is None
    assert dialogs.errors == []
    dialog.close()


def test_print_sends_every_page_then_marks_the_batch_printed(
    qtbot: QtBot,
    actions: ReportActions,
    context: UiContext,
    dialogs: Dialogs,
    print_dialog: PrintDialog,
) -> None:
    with qtbot.waitSignal(actions.sig_printed, timeout=30_000) as printed:
        actions.print_report()
    assert dialogs.errors == []
    assert dialogs.questions == [FIRST_PRINT_QUESTION]
    assert pdf_pages(print_dialog.files[0].read_bytes()) == REPORT_PAGES
    assert printed.args[0].pages == REPORT_PAGES
    after = batch(context)
    assert (after.printed, after.print_count) == (True, 1)
    with context.transaction() as session:
        assert billing.original_print(session, 1) == printed.args[0].pdf


def test_a_first_print_declined_at_the_lock_question_prints_nothing(
    actions: ReportActions, context: UiContext, dialogs: Dialogs, print_dialog: PrintDialog
) -> None:
    dialogs.confirm_answer = False
    actions.print_report()
    assert dialogs.questions == [FIRST_PRINT_QUESTION]
    assert print_dialog.shown == 0  # asked before the print dialog
    assert not Operation.is_running(REPORT_WORK)
    assert batch(context).printed_at is None


def test_a_first_save_declined_at_the_lock_question_saves_nothing(
    actions: ReportActions, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    dialogs.confirm_answer = False
    dialogs.save_file = tmp_path / "batch-1.pdf"
    actions.save_pdf()
    assert dialogs.questions == [FIRST_SAVE_QUESTION]
    assert not dialogs.save_file.exists()
    assert batch(context).printed_at is None


def test_after_a_first_print_from_the_preview_it_says_what_was_printed(
    qtbot: QtBot,
    actions: ReportActions,
    context: UiContext,
    dialogs: Dialogs,
    print_dialog: PrintDialog,
) -> None:
    dialog = opened_preview(qtbot, actions)
    assert dialog.windowTitle() == "Invoice Batch Report — batch 1 (preview)"
    actions.batch_number = lambda: 2  # another batch selected meanwhile: the preview's stays
    with qtbot.waitSignal(actions.sig_printed, timeout=30_000) as printed:
        dialog.action_buttons["print"].click()
    assert dialogs.questions == [FIRST_PRINT_QUESTION]
    assert printed.args[0].batch_number == 1
    assert dialog.windowTitle() == "Invoice Batch Report — batch 1 (first print)"
    assert dialog.note_label.text() == (
        f"This is the first print ({REPORT_PAGES} pages), printed: invoice batch 1 is now "
        "locked. Printing or saving again makes a reprint."
    )
    assert not dialog.note_label.isHidden()
    assert dialog.pdf == printed.args[0].pdf
    assert dialog.page_count == REPORT_PAGES
    assert reprint_buttons(dialog)
    dialog.close()


def test_a_printed_batch_previews_as_a_reprint(
    qtbot: QtBot, actions: ReportActions, context: UiContext, dialogs: Dialogs
) -> None:
    mark_printed(context.db, 1)
    dialog = opened_preview(qtbot, actions)
    assert dialog.windowTitle() == "Invoice Batch Report — batch 1 (preview of a reprint)"
    assert reprint_buttons(dialog)
    dialog.close()


def test_cancelled_print_dialog_leaves_the_batch_unprinted(
    actions: ReportActions, context: UiContext, dialogs: Dialogs, print_dialog: PrintDialog
) -> None:
    print_dialog.accept = False
    actions.print_report()
    assert print_dialog.shown == 1
    assert not Operation.is_running(REPORT_WORK)
    after = batch(context)
    assert (after.printed_at, after.print_count) == (None, 0)
    assert list(print_dialog.folder.iterdir()) == []
    assert dialogs.errors == []


def test_failed_printer_leaves_the_batch_unprinted(
    qtbot: QtBot,
    actions: ReportActions,
    context: UiContext,
    dialogs: Dialogs,
    print_dialog: PrintDialog,
) -> None:
    print_dialog.folder = print_dialog.folder / "no-such-folder"
    actions.print_report()
    wait_done(qtbot)
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith("Could not start printing on ")
    assert batch(context).printed_at is None


def test_reprint_asks_first_and_says_reprint(
    qtbot: QtBot,
    actions: ReportActions,
    context: UiContext,
    dialogs: Dialogs,
    print_dialog: PrintDialog,
) -> None:
    with qtbot.waitSignal(actions.sig_printed, timeout=30_000):
        actions.print_report()
    dialogs.confirm_answer = False
    actions.print_report()
    assert len(dialogs.questions) == 2  # the first print's, then the reprint's
    assert "has been printed once" in dialogs.questions[1]
    assert '"Reprint" on every page' in dialogs.questions[1]
    assert print_dialog.shown == 1  # refused before the print dialog
    dialogs.confirm_answer = True
    with qtbot.waitSignal(actions.sig_printed, timeout=30_000) as printed:
        actions.print_report()
    assert printed.args[0].reprint
    reprint = print_dialog.files[1].read_bytes()
    assert pdf_pages(reprint) == REPORT_PAGES
    assert pdf_text(printed.args[0].pdf).count("Reprint") >= REPORT_PAGES
    assert batch(context).print_count == 2


def test_save_pdf_writes_the_report_and_marks_it_printed(
    qtbot: QtBot, actions: ReportActions, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    dialogs.save_file = tmp_path / "batch-1.pdf"
    with qtbot.waitSignal(actions.sig_printed, timeout=30_000):
        actions.save_pdf()
    assert pdf_pages(dialogs.save_file.read_bytes()) == REPORT_PAGES
    assert batch(context).print_count == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["batch-1.pdf"]


def test_failed_save_leaves_the_batch_unprinted(
    qtbot: QtBot, actions: ReportActions, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    dialogs.save_file = tmp_path / "missing-folder" / "batch-1.pdf"
    actions.save_pdf()
    wait_done(qtbot)
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith(f"Cannot save {dialogs.save_file}: ")
    assert batch(context).printed_at is None


def test_cancelled_save_dialog_does_nothing(
    actions: ReportActions, context: UiContext, dialogs: Dialogs
) -> None:
    dialogs.save_file = None
    actions.save_pdf()
    assert not Operation.is_running(REPORT_WORK)
    assert batch(context).printed_at is None


def test_show_original_shows_the_first_print_exactly(
    qtbot: QtBot,
    actions: ReportActions,
    context: UiContext,
    dialogs: Dialogs,
    print_dialog: PrintDialog,
    tmp_path: Path,
) -> None:
    actions.show_original()
    assert dialogs.errors == ["Invoice batch 1 has not been printed yet."]
    with qtbot.waitSignal(actions.sig_printed, timeout=30_000) as printed:
        actions.print_report()
    actions.show_original()
    dialog = actions.preview_dialog
    assert isinstance(dialog, ReportPreviewDialog)
    assert dialog.pdf == printed.args[0].pdf
    assert dialog.page_count == REPORT_PAGES
    dialogs.save_file = tmp_path / "copy.pdf"
    actions.save_copy(1, dialog.pdf)
    assert dialogs.save_file.read_bytes() == printed.args[0].pdf
    assert batch(context).print_count == 1  # a copy is not a print
    dialog.close()


def test_no_batch_selected_is_said(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    ReportActions(host, context, lambda: None).print_report()
    assert dialogs.infos == ["Select an invoice batch first."]


def test_one_report_at_a_time(
    qtbot: QtBot,
    actions: ReportActions,
    context: UiContext,
    dialogs: Dialogs,
    print_dialog: PrintDialog,
) -> None:
    with qtbot.waitSignal(actions.sig_printed, timeout=30_000):
        actions.print_report()
        actions.print_report()  # while the first still prints: refused before any dialog
        assert dialogs.infos == [BUSY]
        assert print_dialog.shown == 1
    assert batch(context).print_count == 1
