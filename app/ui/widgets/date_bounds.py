"""The two date bounds of a filter bar, each empty for Any or a date typed (or picked) exactly.

While a bound is being typed it is no date yet: the list waits for one (or for Any), and
`problem` says at the end of the bar why the list has not moved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from app.ui.widgets.date_edit import OptionalDateEdit
from app.ui.widgets.field_errors import ERROR_STYLE


class DateBounds(QObject):
    """`date_from` and `date_to` to lay out, `problem` to put after them; `sig_changed` when
    both bounds are dates or Any again."""

    sig_changed = Signal()

    def __init__(self, names: tuple[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.date_from = OptionalDateEdit("Any")
        self.date_to = OptionalDateEdit("Any")
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        for bound in (self.date_from, self.date_to):
            bound.dateChanged.connect(self._changed)
            bound.editingFinished.connect(self._show_problems)

    def _changed(self) -> None:
        if not self._problems():
            self.problem.hide()
            self.sig_changed.emit()

    def _show_problems(self) -> None:
        problems = self._problems()
        self.problem.setText("; ".join(problems))
        self.problem.setVisible(bool(problems))

    def _problems(self) -> list[str]:
        bounds = zip(self.names, (self.date_from, self.date_to), strict=True)
        return [f"{name}: {edit.problem()}" for name, edit in bounds if edit.problem()]

    def values(
        self, shown: tuple[dt.date | None, dt.date | None]
    ) -> tuple[dt.date | None, dt.date | None]:
        """The bounds typed; for one that is not a date yet, the bound the list shows."""
        return self._value(self.date_from, shown[0]), self._value(self.date_to, shown[1])

    @staticmethod
    def _value(edit: OptionalDateEdit, shown: dt.date | None) -> dt.date | None:
        try:
            return edit.optional_value()
        except ValueError:
            return shown
