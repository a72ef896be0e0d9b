"""Start the desktop application: open the database, show the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app import __version__
from app.db import DatabaseError, open_database
from app.ui import messages
from app.ui.app_icon import application_icon
from app.ui.context import UiContext
from app.ui.first_run import offer_sample_company
from app.ui.main_window import MainWindow

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
    try:
        db = open_database(db_url)
    except DatabaseError as error:
        messages.show_error(None, "Invoice Batches", f"The database cannot be opened.\n\n{error}")
        return 1
    window = MainWindow(UiContext(db))
    window.show()
    # Once the window is up, so the offer appears over the application rather than before it.
    QTimer.singleShot(0, lambda: offer_sample_company(window, window.context))
    try:
        return int(app.exec())
    finally:
        db.dispose()
