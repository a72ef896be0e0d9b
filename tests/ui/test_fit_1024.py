"""At 1024 x 700 no form scrolls sideways, the report buttons included, and the Company
Settings dialog fits the screen's width: a clerk on a small laptop reaches every field
without a horizontal scroll bar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QSplitter, QTableView, QVBoxLayout
from pytestqt.qtbot import QtBot

from app.ui.company_settings.settings_dialog import CompanySettingsDialog
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.printing.report_menu import install_report_actions
from app.ui.widgets.banner import Banner
from app.ui.work.unbilled_work_page import WORK_PAGE, UnbilledWorkPage
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
