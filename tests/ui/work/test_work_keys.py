"""No two buttons or labels of Unbilled Work answer the same Alt key, on either tab, with the
menus of the whole window, nor in its dialogs."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from app import billing
from app.billing import WorkInvoiceRequest, WorkQuery
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.printing.report_menu import install_report_actions
from app.ui.work.invoice_preview_dialog import WorkInvoicePreviewDialog
from app.ui.work.service_types_dialog import ServiceTypesDialog
from app.ui.work.unbilled_work_page import UnbilledWorkPage
from tests.ui.test_page_keys import _twice, mnemonics


def test_each_tab_gives_each_alt_key_once(window: MainWindow, page: UnbilledWorkPage) -> None:
    install_report_actions(window)  # the Report menu takes its letter too
    for tab in (page.unbilled, page.entries):
        page.tabs.setCurrentWidget(tab)
        assert (page.tabs.tabText(page.tabs.currentIndex()), _twice(mnemonics(window))) == (
            page.tabs.tabText(page.tabs.currentIndex()),
            {},
        )


def test_the_dialogs_give_each_alt_key_once(
    qtbot: QtBot, window: MainWindow, context: UiContext
) -> None:
    request = WorkInvoiceRequest(dt.date(2026, 11, 30), WorkQuery())
    with context.read() as session:
        invoices = billing.preview_work_invoices(session, request)
    for dialog in (
        ServiceTypesDialog(window, context),
        WorkInvoicePreviewDialog(window, request, invoices),
    ):
        qtbot.addWidget(dialog)
        assert (dialog.windowTitle(), _twice(mnemonics(dialog))) == (dialog.windowTitle(), {})
