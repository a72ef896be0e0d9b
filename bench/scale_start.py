"""A cold start of the desktop application for bench/scale.py: `invoice-batches --db URL` as a
clerk starts it, stopped at the first paint of its main window.

    .venv/bin/python -m bench.scale_start URL

Prints the wall-clock time (`time.time()`) of that first paint; whoever started this process
subtracts the time it started it. Only a filter on paint events is added before the
application's own entry point runs; the window, its pages and the database are the app's.
"""

from __future__ import annotations

import sys
import time

# The application's own start first, so its modules load in the order, and with the garbage
# collector as, a clerk's start loads them: whatever is imported after PySide6 is read again by
# PySide6's feature check, and the app imports its database side before Qt for that reason.
from app.__main__ import main as start
from app.__main__ import window_start

window_start()

# isort: split

from PySide6.QtCore import QCoreApplication, QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget  # noqa: E402


class FirstPaint(QObject):
    """Notes the first paint of anything inside a shown main window, then ends the event loop."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.at is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and isinstance(watched.window(), QMainWindow)
            and watched.window().isVisible()
        ):
            self.at = time.time()
            QCoreApplication.exit(0)
        return False


def main(url: str) -> int:
    app = QApplication(["invoice-batches"])
    painted = FirstPaint()
    app.installEventFilter(painted)
    sys.argv = ["invoice-batches", "--db", url]
    start()
    if painted.at is None:
        raise SystemExit("The main window was never painted.")
    print(f"{painted.at:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
