"""Screenshots of Send Statements… (R13): docs/ui-send.png (the list before sending) and
docs/ui-delivery-failure.png (after a send in which the mail server refused one address).

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
from app.ui.sending.send_dialog import open_send_dialog  # noqa: E402
from tests.jobs.sending_world import sending_batch  # noqa: E402
from tests.mail.smtp_server import smtp_server  # noqa: E402

REFUSAL = "550 5.1.1 <ap@acme.example>: Recipient address rejected: User unknown"


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


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
        db.dispose()
    del app
    print(f"wrote {options.out / 'ui-send.png'} and {options.out / 'ui-delivery-failure.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
