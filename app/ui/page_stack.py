"""The forms of the main window, stacked, each built the first time it is needed: a start
builds the form on screen only, not every form and the reads each one starts with."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QSize, SignalInstance
from PySide6.QtWidgets import QStackedWidget, QWidget

from app.ui.context import UiContext
from app.ui.pages import PageSpec


class PageStack(QStackedWidget):
    """Asks for the room of the page on screen only: a stack otherwise asks for the widest of
    all its pages, and one wide page hidden behind it would keep the window from narrowing."""

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()


class Pages(Mapping[str, QWidget]):
    """The pages by key, in the stack's order. Until a page is asked for, an empty widget
    holds its place in the stack; asking builds it there."""

    def __init__(self, stack: PageStack, context: UiContext) -> None:
        self._stack = stack
        self._context = context
        self._specs: dict[str, PageSpec] = {}
        self._places: dict[str, QWidget] = {}
        self._built: dict[str, QWidget] = {}
        self._on_built: list[Callable[[QWidget], object]] = []

    def add(self, spec: PageSpec) -> None:
        place = QWidget()
        place.setObjectName(f"place-of-{spec.key}")
        self._specs[spec.key] = spec
        self._places[spec.key] = place
        self._stack.addWidget(place)
        for name in spec.answers:
            self._answer_before_built(spec.key, getattr(self._context, name))

    def __getitem__(self, key: str) -> QWidget:
        built = self._built.get(key)
        return built if built is not None else self._build(self._specs[key])

    def __contains__(self, key: object) -> bool:
        return key in self._specs  # without building it, as Mapping's own would

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def is_built(self, key: str) -> bool:
        return key in self._built

    def spec(self, key: str) -> PageSpec:
        return self._specs[key]

    def each_page(self, use: Callable[[QWidget], object]) -> None:
        """Give `use` every page once: those built already now, the others as they are built."""
        for page in self._built.values():
            use(page)
        self._on_built.append(use)

    def _answer_before_built(self, key: str, signal: SignalInstance) -> None:
        def build_and_hand_on(*arguments: object) -> None:
            if key not in self._built:
                self[key]  # the page connects itself to the signal as it is built
                signal.emit(*arguments)

        signal.connect(build_and_hand_on)

    def _build(self, spec: PageSpec) -> QWidget:
        page = spec.build(self._context)
        page.setObjectName(f"page-{spec.key}")
        place = self._places.pop(spec.key)
        # The page takes its place before the place leaves, so the stack never shows another.
        self._stack.insertWidget(self._stack.indexOf(place), page)
        if self._stack.currentWidget() is place:
            self._stack.setCurrentWidget(page)
        self._stack.removeWidget(place)
        place.deleteLater()
        self._built[spec.key] = page
        for use in self._on_built:
            use(page)
        return page
