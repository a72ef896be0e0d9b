"""The main window: the navigator of the forms, menus, toolbar, and the database in use."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QToolBar,
)

from app import __version__
from app.ui import layout_memory, messages
from app.ui.context import UiContext
from app.ui.page_stack import Pages, PageStack
from app.ui.pages import PageMenuItem, PageSpec, page_specs

DEFAULT_SIZE = QSize(1200, 760)


class MainWindow(QMainWindow):
    # Once the window's first paint is on screen: what a start may leave until then waits for it.
    sig_first_painted = Signal()

    def __init__(self, context: UiContext, specs: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.context = context
        self._painted = False
        self._read_already: str | None = None  # the key of a page coming forward after reading
        self.setWindowTitle("Invoice Batches")
        self.navigator = QListWidget()
        self.navigator.setObjectName("navigator")
        self.navigator.setSpacing(2)
        self.stack = PageStack()
        self.pages = Pages(self.stack, context)
        self.stack.currentChanged.connect(lambda _index: self.stack.updateGeometry())
        # A page that needs more room than a small screen has scrolls, rather than pushing the
        # window past the screen's edge.
        self.page_area = QScrollArea()
        self.page_area.setObjectName("page-area")
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page_area.setWidgetResizable(True)
        self.page_area.setWidget(self.stack)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.page_area)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.setCentralWidget(self.splitter)

        self.file_menu = self.menuBar().addMenu("&File")
        self.go_menu = self.menuBar().addMenu("&Go")
        self.help_menu = self.menuBar().addMenu("&Help")
        self.toolbar = QToolBar("Forms")
        self.toolbar.setObjectName("forms-toolbar")
        self.addToolBar(self.toolbar)
        for spec in specs if specs is not None else page_specs():
            self._add_page(spec)
        # As wide as the longest form name needs, so the forms keep the room and every name
        # stays readable however narrow the window.
        width = self.navigator.sizeHintForColumn(0) + 24
        self.navigator.setFixedWidth(width)
        self.splitter.setSizes([width, 10 * width])
        self.navigator.currentRowChanged.connect(self._show_row)
        self.context.sig_open_page.connect(self._bring_forward)
        self._build_actions()

        self.database_label = QLabel()
        self.statusBar().addPermanentWidget(self.database_label)
        self.show_database()
        if not layout_memory.restore_window(self):
            self.resize(DEFAULT_SIZE.boundedTo(self._available().size()))
        if self.navigator.count():
            self.navigator.setCurrentRow(0)

    def _available(self) -> QRect:
        """The screen's room, without the taskbar or dock: a first start never opens past it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _add_page(self, spec: PageSpec) -> None:
        self.pages.add(spec)
        item = QListWidgetItem(spec.title)
        item.setData(Qt.ItemDataRole.UserRole, spec.key)
        self.navigator.addItem(item)
        action = QAction(spec.title, self)
        action.setShortcut(QKeySequence(spec.shortcut))
        action.triggered.connect(lambda _=False, key=spec.key: self._go_to(key))
        self.go_menu.addAction(action)
        self.toolbar.addAction(action)
        # What the page opens beside itself (Bill Recurring Charges…), under its name.
        for offered in spec.menu:
            extra = QAction(offered.text, self)
            extra.setShortcut(QKeySequence(offered.shortcut))
            extra.triggered.connect(
                lambda _=False, key=spec.key, item=offered: self._page_action(key, item)
            )
            self.go_menu.addAction(extra)

    def _page_action(self, key: str, offered: PageMenuItem) -> None:
        """The page's own action behind a Go menu item, the page built if it was not."""
        actions: list[QAction] = self.pages[key].menu_actions()  # type: ignore[attr-defined]
        next(a for a in actions if a.text() == offered.text).trigger()

    def _build_actions(self) -> None:
        refresh = QAction("&Refresh", self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh_current)
        self.go_menu.addSeparator()
        self.go_menu.addAction(refresh)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        about = QAction("&About Invoice Batches", self)
        about.triggered.connect(self._about)
        self.help_menu.addAction(about)

    def add_file_actions(self, actions: Sequence[QAction | None]) -> None:
        """Put a group of actions in the File menu above Quit; None stands for a separator."""
        for action in actions:
            item = action or QAction(self)
            item.setSeparator(action is None)
            self.file_menu.insertAction(self.quit_action, item)

    def show_database(self) -> None:
        self.database_label.setText(f"Database: {self.context.db.display_name}")

    def show_page(self, key: str) -> None:
        for row in range(self.navigator.count()):
            if self.navigator.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.navigator.setCurrentRow(row)
                return

    def _bring_forward(self, key: str) -> None:
        """Show a page that asked for it having just read what it shows (a batch opened from
        Invoice Batches): reading it again as it comes forward read a 5,000-customer batch
        twice, the first answer thrown away."""
        self._read_already = key
        try:
            self.show_page(key)
        finally:
            self._read_already = None

    def _go_to(self, key: str) -> None:
        """Ctrl+1…5: show the page and put the keyboard in it (its focus proxy), not leave
        it in the navigator."""
        self.show_page(key)
        self.pages[key].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_row(self, row: int) -> None:
        key = self.navigator.item(row).data(Qt.ItemDataRole.UserRole)
        just_read = key == self._read_already or (
            not self.pages.is_built(key) and self.pages.spec(key).reads_when_built
        )
        self.stack.setCurrentWidget(self.pages[key])
        if not just_read:
            self.refresh_current()

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def _about(self) -> None:
        messages.show_info(
            self,
            "About Invoice Batches",
            f"Invoice Batches {__version__}\nDatabase: {self.context.db.display_name}",
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # The next turn of the event loop: after the window's widgets are painted too.
            QTimer.singleShot(0, self.sig_first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        layout_memory.save_window(self)
        super().closeEvent(event)
