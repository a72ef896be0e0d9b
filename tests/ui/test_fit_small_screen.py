"""Every form and the report preview fit a 1024 x 700 screen: no form forces the window wider,
the navigator keeps its names readable, and the preview keeps its buttons on screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.jobs import printing
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.printing.preview_dialog import ReportPreviewDialog, preview_size
from app.ui.printing.report_menu import install_report_actions
from tests.ui.batch_scenario import generated

SMALL = QSize(1024, 700)


def test_every_form_fits_a_1024_by_700_window(qtbot: QtBot, context: UiContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    install_report_actions(window)  # the report buttons widen the batch pages' rows
    window.show()
    readable = window.navigator.sizeHintForColumn(0)
    for key in window.pages:
        window.show_page(key)
        window.resize(SMALL)
        QApplication.processEvents()
        assert (key, window.size()) == (key, SMALL)
        assert window.minimumSizeHint().width() <= SMALL.width()
        assert window.navigator.width() == readable + 24


def test_the_preview_fits_a_screen_1000_px_tall() -> None:
    assert preview_size(QRect(0, 0, 1024, 1000)) == QSize(900, 952)
    assert preview_size(QRect(0, 0, 1920, 1200)) == QSize(900, 1000)
    assert preview_size(QRect(0, 0, 1024, 700)) == QSize(900, 652)


def test_the_preview_sizes_itself_to_the_screen_with_its_buttons_on_it(
    qtbot: QtBot, context: UiContext
) -> None:
    generated(context.db)
    dialog = ReportPreviewDialog(None, "Invoice Batch Report", printing.preview(context.db, 1))
    qtbot.addWidget(dialog)
    dialog.add_action("print", "&Print…", lambda: None)
    dialog.show()
    QApplication.processEvents()
    available = dialog.screen().availableGeometry()
    assert dialog.size() == preview_size(available)
    assert dialog.height() < available.height()
    for button in (dialog.action_buttons["print"], dialog.close_button):
        bottom_right = button.mapTo(dialog, QPoint(button.width(), button.height()))
        assert dialog.rect().contains(bottom_right)
