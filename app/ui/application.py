"""Start the desktop application: open the database, show the main window."""

from __future__ import annotations

import gc
import sys

# The database side (SQLAlchemy, through the store) before Qt: once PySide6 is imported, it
# reads the source of each module imported after it, and SQLAlchemy brings three hundred.
from app.store.passwords import PasswordKeeper  # isort: split

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.app_icon import application_icon
from app.ui.context import UiContext
from app.ui.database.connector import Connector
from app.ui.database.startup import start_database
from app.ui.database.workplace import Workplace
from app.ui.main_window import MainWindow
from app.ui.printing.report_menu import install_report_actions

ORGANIZATION = "InvoiceBatches"
APPLICATION = "Invoice Batches"


def configure_application() -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)


def run_application(db_url: str | None = None) -> int:
    """The GUI's entry point; returns the exit code."""
    configure_application()
    app = QApplication.instance() or QApplication(sys.argv)
    QApplication.setWindowIcon(application_icon())
    connector = Connector(PasswordKeeper())
    started = start_database(connector, db_url)
    if started is None:
        return 1
    opened, profile = started
    context = UiContext(opened.db)
    window = MainWindow(context)
    workplace = Workplace(context, opened, profile, connector)
    install_report_actions(window)  # the Report menu is on the menu bar from the first paint
    window.sig_first_painted.connect(lambda: complete_the_window(window, workplace))
    window.show()
    try:
        return int(app.exec())
    finally:
        workplace.close()


def complete_the_window(window: MainWindow, workplace: Workplace) -> None:
    """What the window's first paint does not show, once the window is up: the File menu's
    database, import and sample company actions (their modules import the dialogs, the rules
    of every import and the sample company, which a start need not wait for), and then the
    offer of the sample company, over the application rather than before it."""
    from app.ui.database.file_menu import install_database_actions
    from app.ui.database.sample_action import install_sample_action
    from app.ui.first_run import offer_sample_company
    from app.ui.import_actions import install_import_actions

    install_database_actions(window, workplace)
    install_import_actions(window)
    install_sample_action(window)
    set_aside_the_start()
    offer_sample_company(window, window.context)


def set_aside_the_start() -> None:
    """Keep what the start built (modules, classes, the window) out of the cyclic garbage
    collector's later passes: it lives as long as the application, and each full pass walked
    all of it again, on whichever thread set it off, holding every other thread meanwhile.
    Opening a 5,000-customer batch of a big history blocked the GUI thread 0.11-0.15 s; 0.06-0.08
    s with this. The collector, paused for the start (app.__main__.window_start), runs again;
    first, once, over what the start left unreachable (a few hundred objects; more after a
    migration or a restore), which would otherwise be set aside with the rest for good."""
    gc.collect()
    gc.freeze()
    gc.enable()
