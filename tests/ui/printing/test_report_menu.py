"""The report's buttons on the pages that show batches, and the Report menu."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app import billing
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.pages import PageSpec
from app.ui.printing.report_menu import attach_report_buttons, install_report_actions
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs
from tests.ui.printing.conftest import PrintDialog

BUTTONS = ["report-preview", "report-print_report", "report-save_pdf", "report-show_original"]


class BatchPage(QWidget):
    def __init__(self, _context: UiContext) -> None:
        super().__init__()
        self.report_actions = QHBoxLayout()
        QVBoxLayout(self).addLayout(self.report_actions)

    def selected_batch_number(self) -> int | None:
        return 1


def specs() -> list[PageSpec]:
    return [
        PageSpec("batches", "Batches", "Ctrl+7", BatchPage),
        PageSpec("other", "Other", "Ctrl+8", lambda _c: QLabel("no batches here")),
    ]


def button_names(page: QWidget) -> list[str]:
    return [b.objectName() for b in page.findChildren(QPushButton) if b.objectName() in BUTTONS]


def report_menu(window: MainWindow) -> list[QAction]:
    menus = window.findChildren(QMenu)
    report = [menu for menu in menus if menu.title() == "&Report"]
    assert len(report) == 1
    return [a for a in report[0].actions() if not a.isSeparator()]


def test_buttons_on_batch_pages_and_a_menu_for_the_current_one(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, print_dialog: PrintDialog
) -> None:
    generated(context.db)
    window = MainWindow(context, specs())
    qtbot.addWidget(window)
    actions = install_report_actions(window)
    assert button_names(window.pages["batches"]) == BUTTONS
    assert button_names(window.pages["other"]) == []
    items = report_menu(window)
    assert [a.text() for a in items] == [
        "Pre&view Report",
        "&Print Report…",
        "&Save Report as PDF…",
        "Show &Original Print",
    ]
    window.show_page("other")
    assert [a.isEnabled() for a in items] == [False] * 4
    window.show_page("batches")
    assert [a.isEnabled() for a in items] == [True] * 4
    with qtbot.waitSignal(actions.sig_printed, timeout=30_000):
        items[1].trigger()
    with context.transaction() as session:
        assert billing.batch_row(session, 1).print_count == 1
    assert len(print_dialog.files) == 1
    assert dialogs.errors == []


def test_the_batch_pages_take_the_buttons(qtbot: QtBot, context: UiContext) -> None:
    for page in (InvoiceBatchesPage(context), InvoiceBatchDetailsPage(context)):
        qtbot.addWidget(page)
        assert attach_report_buttons(page, context) is not None
        assert button_names(page) == BUTTONS
