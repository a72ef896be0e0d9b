"""The one form base: shows a record (or a new one), tracks the clerk's changes, shows
billing's refusals at the fields, and answers Enter (save) and Esc (put back what was shown)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.billing import FieldProblem
from app.ui.widgets.field_errors import FieldErrors

R = TypeVar("R")
D = TypeVar("D")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def read_fields(
    readers: dict[str, Callable[[], Any]],
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Each field's value as its widget reads it (a date, an amount), and the problems of
    those whose text is not one, in billing's words."""
    values: dict[str, Any] = {}
    problems = []
    for field, read in readers.items():
        try:
            values[field] = read()
        except ValueError as error:
            problems.append(FieldProblem(field, str(error)))
    return values, problems


class RecordForm(QWidget, Generic[R, D]):
    """`record` is what the form shows (None for a new one); a subclass fills its fields in
    `show_record` and reads them back in `read` as billing's draft `D`."""

    sig_dirty_changed = Signal(bool)
    sig_save_requested = Signal()  # Enter in a field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: R | None = None
        self.dirty = False
        self._loading = False
        self.errors = FieldErrors()

    # What a subclass provides.
    def show_record(self, record: R | None) -> None:
        """Fill the fields from `record`, or empty them for a new one."""
        raise NotImplementedError

    def read(self) -> tuple[D | None, list[FieldProblem]]:
        """The draft the fields hold, or the problems of values that cannot be read at all."""
        raise NotImplementedError

    def fields_in_order(self) -> list[QWidget]:
        """The inputs in the order a clerk fills them: the Tab order."""
        raise NotImplementedError

    def first_field(self) -> QWidget:
        return self.fields_in_order()[0]

    @property
    def read_only(self) -> bool:
        return False

    # For the page.
    def load(self, record: R | None) -> None:
        """Show this record (None: a new one) as saved: no changes, no refusals."""
        self.record = record
        with self.quietly():
            self.show_record(record)
        self.errors.clear()
        self.set_dirty(False)

    def revert(self) -> None:
        """Put back what was last loaded, dropping the clerk's changes."""
        self.load(self.record)

    def show_problems(self, problems: Sequence[FieldProblem]) -> list[FieldProblem]:
        """Show billing's sentences at the fields; returns any no field of this form shows."""
        return self.errors.show(problems)

    # Tracking changes.
    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Fill fields without counting it as the clerk's change."""
        loading, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = loading

    def watch(self, *widgets: QWidget) -> None:
        """Count every edit of these inputs as a change."""
        for widget in widgets:
            signal: Any
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                signal = widget.textChanged
            elif isinstance(widget, QComboBox):
                signal = widget.currentTextChanged
            elif isinstance(widget, QAbstractSpinBox):
                signal = widget.valueChanged  # type: ignore[attr-defined]
            elif isinstance(widget, QAbstractButton):
                signal = widget.toggled
            else:
                raise TypeError(f"cannot watch a {type(widget).__name__}")
            signal.connect(self.changed)

    def changed(self) -> None:
        if not self._loading:
            self.set_dirty(True)

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.sig_dirty_changed.emit(dirty)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Fields pass on the Enter and Esc they do not use themselves (a notes box keeps
        # Enter for a new line), so they arrive here.
        if event.key() in ENTER_KEYS and not self.read_only:
            self.sig_save_requested.emit()
        elif event.key() == Qt.Key.Key_Escape and self.dirty:
            self.revert()
        else:
            super().keyPressEvent(event)
