"""Screenshots of Send Statements… (R13): docs/ui-send.png (the list before sending),
docs/ui-delivery-failure.png (after a send in which the mail server refused one address) and
docs/ui-mail-settings.png (Email Settings trusting a self-signed server certificate).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots_sending.py [--out FOLDER]

Uses a temporary database with five customers (email, post, both, and one without an address)
and a local SMTP server (aiosmtpd) that refuses one recipient with 550.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.store import open_database  # noqa: E402
from app.ui.application import configure_application  # noqa: E402
from app.ui.context import UiContext  # noqa: E402
from app.ui.sending.mail_settings_dialog import MailSettingsDialog  # noqa: E402
from app.ui.sending.send_dialog import open_send_dialog  # noqa: E402
from tests.jobs.sending_world import sending_batch  # noqa: E402
from tests.mail.smtp_server import self_signed, smtp_server  # noqa: E402

REFUSAL = "550 5.1.1 <ap@acme.example>: Recipient address rejected: User unknown"


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def mail_settings(context: UiContext, folder: Path, out: Path) -> None:
    """Email Settings once the clerk trusted the office server's self-signed certificate."""
    pem = self_signed(folder)[1]
    dialog = MailSettingsDialog(None, context)
    dialog.edits["smtp_host"].setText("mail.nordlicht.local")
    dialog.edits["smtp_port"].setText("587")
    dialog.security.setCurrentIndex(dialog.security.findData("starttls"))
    dialog.edits["smtp_user"].setText("billing")
    dialog.edits["mail_from"].setText("billing@nordlicht.example")
    dialog.show_certificate(pem)
    dialog.resize(620, dialog.sizeHint().height())
    dialog.show()
    settle()
    dialog.grab().save(str(out))
    dialog.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=ROOT / "docs", type=Path)
    options = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application()
    with tempfile.TemporaryDirectory() as folder, smtp_server() as server:
        db = open_database(f"sqlite:///{folder}/shots.sqlite3", backup_to=None)
        context = UiContext(db)
        with context.transaction() as session:
            number = sending_batch(session, server.port)
        server.handler.refuse["ap@acme.example"] = REFUSAL
        dialog = open_send_dialog(None, context, number)  # type: ignore[arg-type]
        assert dialog is not None
        dialog.resize(980, 360)
        dialog.print_path.setText(str(Path.home() / "Documents" / "batch-by-post.pdf"))
        dialog.show()
        settle()
        dialog.grab().save(str(options.out / "ui-send.png"))
        # The send itself writes the print part into the temporary folder.
        dialog.print_path.setText(str(Path(folder) / "batch-by-post.pdf"))
        loop = QEventLoop()
        dialog.sig_finished.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        dialog.start()
        loop.exec()
        dialog.print_path.setText(str(Path.home() / "Documents" / "batch-by-post.pdf"))
        settle()
        dialog.grab().save(str(options.out / "ui-delivery-failure.png"))
        dialog.close()
        mail_settings(context, Path(folder), options.out / "ui-mail-settings.png")
        db.dispose()
    del app
    print(f"wrote ui-send.png, ui-delivery-failure.png and ui-mail-settings.png in {options.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
