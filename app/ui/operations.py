"""Background work with one shape (after Anki's CollectionOp): run a function off the GUI
thread, show progress, and route every failure through one error path. `Loader` is its quiet
kind, for what a page shows: no progress dialog, and only the newest load's rows land."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy.orm import Session

from app.billing import BillingError, InvalidInput
from app.store import DatabaseError
from app.ui import messages
from app.ui.context import UiContext

T = TypeVar("T")
Progress = Callable[[int, int, str], None]
log = logging.getLogger(__name__)
LOAD_THREADS = 4  # pages loading at once: each reads with a connection of its own


class _Signals(QObject):
    sig_progress = Signal(int, int, str)
    sig_succeeded = Signal(object)
    sig_failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work(self.signals.sig_progress.emit)
        except Exception as error:
            self.signals.sig_failed.emit(error, traceback.format_exc())
        else:
            self.signals.sig_succeeded.emit(result)


def describe_failure(error: BaseException) -> tuple[str, bool]:
    """The message for the clerk, and whether it is expected (refused data) or a fault."""
    if isinstance(error, InvalidInput):
        return "Nothing was saved:\n" + "\n".join(error.lines()), True
    if isinstance(error, BillingError | DatabaseError):
        return str(error), True
    if isinstance(error, OSError):
        # A full disk, a folder without write access, a printer that refused the job.
        return error.strerror or str(error), True
    return f"Something went wrong: {error}. Nothing was saved.", False


class Operation(QObject, Generic[T]):
    """One piece of background work; at most one per `key` runs at a time."""

    sig_finished = Signal()
    _running: set[str] = set()  # noqa: RUF012 - shared on purpose: one run per key app-wide

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[Progress], T],
        on_success: Callable[[T], None],
        *,
        key: str | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.label = label
        self.work = work
        self.on_success = on_success
        self.on_failure = on_failure
        self.key = key or label
        self.progress: QProgressDialog | None = None

    @classmethod
    def is_running(cls, key: str) -> bool:
        return key in cls._running

    def start(self) -> bool:
        """Start the work; False (and nothing started) when the same kind of work still runs."""
        if self.key in Operation._running:
            return False
        Operation._running.add(self.key)
        self.progress = QProgressDialog(self.label, "", 0, 0, self.parent_widget)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        job = _Job(self.work)
        job.signals.sig_progress.connect(self._on_progress)
        job.signals.sig_succeeded.connect(self._on_succeeded)
        job.signals.sig_failed.connect(self._on_failed)
        self._job = job
        QThreadPool.globalInstance().start(job)
        return True

    def _on_progress(self, done: int, total: int, text: str) -> None:
        progress = self.progress
        if progress is not None:
            progress.setMaximum(total)
            if text:
                progress.setLabelText(text)
            # Last: on a modal dialog setValue processes events, which may finish the work and
            # end this operation (self.progress becomes None) before it returns.
            progress.setValue(done)

    def _end(self) -> None:
        Operation._running.discard(self.key)
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _on_succeeded(self, result: T) -> None:
        self._end()
        try:
            self.on_success(result)
        finally:
            self.sig_finished.emit()

    def _on_failed(self, error: BaseException, trace: str) -> None:
        self._end()
        message, expected = describe_failure(error)
        if not expected:
            log.error("%s failed:\n%s", self.label, trace)
        try:
            if self.on_failure is not None:
                self.on_failure(error)
            messages.show_error(self.parent_widget, self.label, message, "" if expected else trace)
        finally:
            self.sig_finished.emit()


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[Progress], T],
    on_success: Callable[[T], None],
    *,
    key: str | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
) -> Operation[T] | None:
    """Run `work(progress)` on the thread pool; None when the same kind of work is running."""
    operation: Operation[T] = Operation(
        parent, label, work, on_success, key=key, on_failure=on_failure
    )
    return operation if operation.start() else None


class _LoadSignals(QObject):
    sig_loaded = Signal(int, object)
    sig_failed = Signal(int, object, str)


class _Load(QRunnable):
    """One load, numbered so its result can be told from a newer load's."""

    def __init__(self, ticket: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it: the Loader keeps it until it reports back
        self.ticket = ticket
        self.work = work
        self.signals = _LoadSignals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:
            self.signals.sig_failed.emit(self.ticket, error, traceback.format_exc())
        else:
            self.signals.sig_loaded.emit(self.ticket, result)


class Loader(QObject):
    """Loads what one page shows off the GUI thread: `load(read)` runs `read` with a reading
    Session of its own (a Session never crosses threads) and `sig_loaded` brings its result.
    A newer load supersedes an older one: a load not yet started is dropped, and the result
    of one already running is thrown away, so a slow old answer never covers a newer one."""

    sig_loading = Signal(bool)  # True when a load starts, False when the newest one ends
    sig_loaded = Signal(object)  # the newest load's result, on the GUI thread
    sig_failed = Signal(object)  # the newest load's error, after it was shown
    _running: ClassVar[int] = 0  # loads on the pool, app-wide: tests wait for none
    # A pool of their own: a page's load never queues behind a print or a send on the global
    # pool, nor behind an older load of its own that is still reading.
    _pool: ClassVar[QThreadPool | None] = None

    def __init__(self, parent: QWidget, context: UiContext, title: str) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.title = title
        self._newest = 0
        self._jobs: dict[int, _Load] = {}  # by ticket, until each reports back

    @classmethod
    def any_running(cls) -> bool:
        return cls._running > 0

    @classmethod
    def pool(cls) -> QThreadPool:
        if cls._pool is None:
            cls._pool = QThreadPool()
            cls._pool.setMaxThreadCount(LOAD_THREADS)
        return cls._pool

    def is_loading(self) -> bool:
        return self._newest in self._jobs

    def load(self, read: Callable[[Session], Any]) -> None:
        older = self._jobs.get(self._newest)
        if older is not None and Loader.pool().tryTake(older):
            self._forget(older.ticket)
        self._newest += 1

        def work() -> Any:
            with self.context.read() as session:
                return read(session)

        job = _Load(self._newest, work)
        job.signals.sig_loaded.connect(self._loaded)
        job.signals.sig_failed.connect(self._failed)
        self._jobs[job.ticket] = job
        Loader._running += 1
        self.sig_loading.emit(True)
        Loader.pool().start(job)

    def _forget(self, ticket: int) -> None:
        if self._jobs.pop(ticket, None) is not None:
            Loader._running -= 1

    def _loaded(self, ticket: int, result: Any) -> None:
        self._forget(ticket)
        if ticket == self._newest:
            self.sig_loading.emit(False)
            self.sig_loaded.emit(result)

    def _failed(self, ticket: int, error: BaseException, trace: str) -> None:
        self._forget(ticket)
        if ticket != self._newest:
            return
        self.sig_loading.emit(False)
        message, expected = describe_failure(error)
        if not expected:
            log.error("%s failed:\n%s", self.title, trace)
        messages.show_error(self.parent_widget, self.title, message, "" if expected else trace)
        self.sig_failed.emit(error)


def attempt(parent: QWidget | None, title: str, action: Callable[[], T]) -> T | None:
    """Run a short action on the GUI thread; a failure is shown as background failures are."""
    try:
        return action()
    except Exception as error:
        message, expected = describe_failure(error)
        if not expected:
            log.exception("%s failed", title)
        messages.show_error(parent, title, message, "" if expected else traceback.format_exc())
        return None
