"""Screenshots of the report preview, the Company settings, the Database and the Bill Recurring
Charges dialogs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/dialog_screenshots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/dialog_screenshots.py --size 1024x700 --out DIR

Uses the sample company and the months of batches that docs/screenshots.py builds. The
Database dialog is shown on a desktop with a system keyring (an in-memory one stands in for
it here), testing the connection to the PostgreSQL server on 127.0.0.1:5432 when there is one.
The report preview takes the room it would take on a screen of `--size` (by default a large
one, where it is at its largest), as it sizes itself to the screen it opens on; Company
Settings is arranged as on a screen that wide.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from PySide6.QtCore import QEventLoop, QPoint, QPointF, QRect, QSettings, QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screenshots import BILL_THROUGH, enter_contracts, run_batches, settle, shots_options, wait_for

from app import billing
from app.store import Database, open_database
from app.store.passwords import PasswordKeeper
from app.store.profile import ConnectionProfile
from app.ui.application import configure_application
from app.ui.company_settings.settings_dialog import CompanySettingsDialog
from app.ui.context import UiContext
from app.ui.contracts.bill_recurring_dialog import BillRecurringDialog, dialog_size
from app.ui.database.connector import Connector
from app.ui.database.database_dialog import DatabaseDialog
from app.ui.first_run import load_sample_company
from app.ui.printing.preview_dialog import ReportPreviewDialog, preview_size
from app.ui.printing.report_actions import ReportActions

LARGE_SCREEN = QSize(1920, 1080)


class DesktopKeyring(KeyringBackend):
    """Stands in for Windows Credential Manager or the macOS Keychain."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError("the screenshots never save a password")

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError("the screenshots never delete a password")


def pause(milliseconds: int) -> None:
    """QPdfView draws its pages on a thread of its own: give it time before a grab."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def save(widget: QWidget, out: Path, name: str) -> None:
    settle()
    pause(1_500)
    widget.grab().save(str(out / name))
    print(f"wrote {out / name}")


def shoot_preview(context: UiContext, host: QWidget, out: Path, screen: QSize) -> None:
    with context.transaction() as session:
        unprinted = [b for b in billing.list_batches(session) if not b.printed]
    number = max(unprinted, key=lambda b: b.customer_count).number
    actions = ReportActions(host, context, lambda: number)
    wait_for(actions.sig_preview_shown, actions.preview)
    dialog = actions.preview_dialog
    assert isinstance(dialog, ReportPreviewDialog)
    dialog.resize(preview_size(QRect(QPoint(0, 0), screen)))
    settle()
    dialog.view.pageNavigator().jump(
        1, QPointF(0, 0)
    )  # the first statement, after the control page
    save(dialog, out, "ui-preview.png")
    dialog.close()


def shoot_company_settings(context: UiContext, out: Path, screen: QSize) -> None:
    """Arranged as on a screen of `screen`'s width: the offscreen platform's own screen is
    800 px wide, narrower than any the README's pictures stand for."""
    dialog = CompanySettingsDialog(None, context)
    dialog.arrange_for(screen.width())
    dialog.show()
    save(dialog, out, "ui-company-settings.png")
    dialog.close()


def shoot_database(db: Database, out: Path) -> None:
    connector = Connector(PasswordKeeper())
    path = Path(str(db.url.database))
    dialog = DatabaseDialog(None, connector, ConnectionProfile.local(path))
    dialog.show_profile(ConnectionProfile.server("127.0.0.1", 5432, "test", "postgres"))
    dialog.show()
    wait_for(dialog.sig_tested, dialog.test_connection)
    save(dialog, out, "ui-database.png")
    dialog.close()


def shoot_bill_recurring(context: UiContext, out: Path, screen: QSize) -> None:
    """The preview through the end of November of docs/screenshots.py's contracts: invoices,
    Juniper's part-period credit and the contracts not ready, at the size a screen of
    `screen` gives it."""
    enter_contracts(context.db)
    dialog = BillRecurringDialog(None, context)
    dialog.resize(dialog_size(screen))
    dialog.through.set_date(BILL_THROUGH)
    dialog.show()
    wait_for(dialog.sig_preview_shown, dialog.start_preview)
    save(dialog, out, "ui-bill-recurring.png")
    dialog.close()


def main() -> int:
    options = shots_options("Screenshots of the report preview and the dialogs.", LARGE_SCREEN)
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application()
    keyring.set_keyring(DesktopKeyring())  # type: ignore[no-untyped-call]
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(f"sqlite:///{folder}/invoice-batches.sqlite3", backup_to=None)
        try:
            load_sample_company(db, lambda _done, _total, _text: None)
            run_batches(db)
            context = UiContext(db)
            host = QWidget()
            shoot_preview(context, host, options.out, options.size)
            shoot_company_settings(context, options.out, options.size)
            shoot_database(db, options.out)
            shoot_bill_recurring(context, options.out, options.size)  # last: it adds contracts
            host.deleteLater()
            settle()
        finally:
            db.dispose()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
