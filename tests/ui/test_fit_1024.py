"""At 1024 x 700 no form scrolls sideways, the report buttons included, and the Company
Settings dialog fits the screen's width: a clerk on a small laptop reaches every field
without a horizontal scroll bar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QSplitter, QTableView, QVBoxLayout
from pytestqt.qtbot import QtBot

from app.ui.company_settings.settings_dialog import CompanySettingsDialog
from app.ui.context import UiContext
from app.ui.contracts.bill_recurring_dialog import dialog_size
from app.ui.contracts.contracts_page import ContractsPage
from app.ui.contracts.end_contract_dialog import EndContractDialog
from app.ui.contracts.skip_period_dialog import SkipPeriodDialog
from app.ui.main_window import MainWindow
from app.ui.pages import CONTRACTS_PAGE, WORK_PAGE
from app.ui.printing.report_menu import install_report_actions
from app.ui.widgets.banner import Banner
from app.ui.work.unbilled_work_page import UnbilledWorkPage
from tests.ui.conftest import Dialogs
from tests.ui.contracts.contract_scenario import THROUGH, contracts
from tests.ui.work.work_scenario import november_work

SMALL = QSize(1024, 700)


def test_no_page_scrolls_sideways_at_1024_by_700(qtbot: QtBot, context: UiContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    install_report_actions(window)  # the report buttons widen the batch pages' rows
    window.show()
    too_wide = {}
    for key, page in window.pages.items():
        window.show_page(key)
        window.resize(SMALL)
        QApplication.processEvents()
        room = window.page_area.viewport().width()
        needs = max(page.minimumSizeHint().width(), page.minimumWidth())
        if needs > room or window.page_area.horizontalScrollBar().isVisible():
            too_wide[key] = (needs, room)
    assert too_wide == {}


def test_unbilled_work_fits_1024_by_700_on_both_tabs(qtbot: QtBot, context: UiContext) -> None:
    """The page test above sees the tab on screen; the Work Entries tab and its form must fit
    as well."""
    november_work(context.db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_page(WORK_PAGE)
    page = window.pages[WORK_PAGE]
    assert isinstance(page, UnbilledWorkPage)
    page.unbilled.expand_customer("C001")
    for tab in (page.unbilled, page.entries):
        page.tabs.setCurrentWidget(tab)
        window.resize(SMALL)
        QApplication.processEvents()
        room = window.page_area.viewport().width()
        needs = max(page.minimumSizeHint().width(), page.minimumWidth())
        assert (tab.objectName(), needs <= room) == (tab.objectName(), True)
        assert not window.page_area.horizontalScrollBar().isVisible()
        assert window.size() == SMALL


def test_contracts_and_their_dialogs_fit_1024_by_700(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    """The page with a billed contract open under its banner; Bill Recurring Charges with a
    preview shown, End Contract… and Skip Period…, each no larger than the screen, and Bill
    Recurring Charges opening at a size that fits it."""
    contracts(context.db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_page(CONTRACTS_PAGE)
    page = window.pages[CONTRACTS_PAGE]
    assert isinstance(page, ContractsPage)
    page.view.select_row(page.model.row_where(lambda c: c.number == "K-6") or 0)
    assert page.form.banner.isVisible()
    window.resize(SMALL)
    QApplication.processEvents()
    assert max(page.minimumSizeHint().width(), page.minimumWidth()) <= (
        window.page_area.viewport().width()
    )
    assert not window.page_area.horizontalScrollBar().isVisible()
    bill = page.bill_recurring()
    bill.through.set_date(THROUGH)
    with qtbot.waitSignal(bill.sig_preview_shown, timeout=10_000):
        bill.start_preview()
    contract = page.form.record
    assert contract is not None
    for dialog in (
        bill,
        EndContractDialog(window, context, contract),
        SkipPeriodDialog(window, context, contract),
    ):
        dialog.show()
        QApplication.processEvents()
        needs = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        fits = needs.width() <= SMALL.width() and needs.height() <= SMALL.height()
        assert (dialog.windowTitle(), fits) == (dialog.windowTitle(), True)
        dialog.close()
    opened = dialog_size(SMALL)
    assert opened.width() < SMALL.width()
    assert opened.height() < SMALL.height()


def test_company_settings_fits_a_1024_by_700_screen(qtbot: QtBot, context: UiContext) -> None:
    dialog = CompanySettingsDialog(None, context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.arrange_for(SMALL.width())
    QApplication.processEvents()
    needs = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert needs.width() <= SMALL.width()
    assert needs.height() <= SMALL.height()
    dialog.arrange_for(1920)  # a wide screen keeps the preview beside the form
    QApplication.processEvents()
    name = dialog.edits["company_name"]
    name_right = name.mapTo(dialog, QPoint(name.width(), 0)).x()
    assert dialog.preview.mapTo(dialog, QPoint(0, 0)).x() > name_right


def test_a_banner_keeps_every_line_on_a_narrow_page(qtbot: QtBot) -> None:
    """A/R Transactions at 1024 px wraps its read-only banner; the splitter under the form
    must leave room for both lines."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    qtbot.addWidget(splitter)
    form = QFrame()
    banner = Banner()
    QVBoxLayout(form).addWidget(banner)
    splitter.addWidget(QTableView())
    splitter.addWidget(form)
    splitter.resize(300, 400)
    splitter.show()
    banner.show_message("This transaction is read-only. It is in invoice batch 12, " * 2)
    QApplication.processEvents()
    lines_need = banner.heightForWidth(banner.width())
    assert lines_need > 2 * banner.fontMetrics().lineSpacing()  # it wraps at this width
    assert banner.height() >= lines_need
