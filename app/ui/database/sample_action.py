"""File ▸ Load Sample Company…: the first start's offer, for as long as the database is empty,
so a clerk who started empty can still try the product on the sample."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from app.ui import messages
from app.ui.first_run import ANSWERS, SAMPLE_OFFER, SAMPLE_TITLE, is_empty, load_in_background
from app.ui.main_window import MainWindow
from app.ui.operations import attempt

OFFERED = "Load a sample company into this empty database, to try the product."
NOT_EMPTY = (
    "The sample company goes only into an empty database, and this one has customers. "
    "Choose a new database file (File ▸ Database…) to try the sample."
)


class SampleCompanyAction(QObject):
    """Enabled while the database has no customers; the tooltip says why when it is not."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction("Load &Sample Company…", window)
        self.action.triggered.connect(self.load)
        window.context.sig_data_changed.connect(self.update)
        # Customers added on a page need not say so app-wide: look again when the menu opens.
        window.file_menu.aboutToShow.connect(self.update)
        window.file_menu.setToolTipsVisible(True)
        self.update()

    def update(self) -> None:
        empty = attempt(self.window, SAMPLE_TITLE, lambda: is_empty(self.window.context))
        self.action.setEnabled(bool(empty))
        why = OFFERED if empty else NOT_EMPTY
        self.action.setToolTip(why)
        self.action.setStatusTip(why)

    def load(self) -> None:
        context = self.window.context
        if not is_empty(context):  # another clerk may have added customers since
            self.update()
            messages.show_info(self.window, SAMPLE_TITLE, NOT_EMPTY)
            return
        if messages.offer(self.window, SAMPLE_TITLE, SAMPLE_OFFER, *ANSWERS):
            load_in_background(self.window, context)


def install_sample_action(window: MainWindow) -> SampleCompanyAction:
    sample = SampleCompanyAction(window)
    window.add_file_actions([sample.action, None])
    return sample
