"""The send job on the thread pool: outcomes and progress as signals, cancel as a flag that
the job reads between customers."""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QObject, QRunnable, Signal

from app.jobs.sending import SendOptions, SendProgress, send_batch
from app.store import Database


class SendSignals(QObject):
    sig_progress = Signal(object)  # SendProgress
    sig_finished = Signal(object)  # SendResult
    sig_failed = Signal(object, str)  # the error and its traceback


class SendWorker(QRunnable):
    def __init__(self, db: Database, number: int, options: SendOptions) -> None:
        super().__init__()
        self.db = db
        self.number = number
        self.stop = threading.Event()
        self.signals = SendSignals()
        self.options = SendOptions(
            options.server,
            options.print_out,
            options.resend,
            progress=self._progress,
            cancelled=self.stop.is_set,
        )

    def _progress(self, progress: SendProgress) -> None:
        self.signals.sig_progress.emit(progress)

    def run(self) -> None:
        try:
            result = send_batch(self.db, self.number, self.options)
        except Exception as error:
            self.signals.sig_failed.emit(error, traceback.format_exc())
        else:
            self.signals.sig_finished.emit(result)
