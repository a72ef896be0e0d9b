"""Date fields typed as YYYY-MM-DD, exactly, with a calendar to pick from.

A plain line edit, not QDateEdit: QDateEdit types into sections and quietly keeps the digits
that do not fit (2026-10-31 typed after Tab became 2026-02-02), so what the clerk typed was not
what was saved. Here the text is the clerk's, read by billing's `parse_date`; a text that is not
a date stays as typed, is outlined with the reason, and `value()` refuses it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from app.billing.typed_values import parse_date
from app.ui.widgets.calendar_popup import ICON_SIZE, CalendarPopup, calendar_icon
from app.ui.widgets.unreadable import clear_unreadable, mark_unreadable

# The keys QDateEdit opens its calendar with.
CALENDAR_KEYS = {Qt.Key.Key_F4}
WIDEST_DATE = "0000-00-00"
# What a line edit button takes beside the text: the icon and its margins.
BUTTON_ROOM = ICON_SIZE + 12


class DateEdit(QLineEdit):
    """A required date."""

    # The date the field holds changed, or its text changed while it holds none (the clerk is
    # typing towards one, or typed what is not a date). QDateEdit's name, which the forms use.
    dateChanged = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.popup: CalendarPopup | None = None
        self.calendar_action = self.addAction(
            calendar_icon(self.palette().text().color()), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setToolTip("Pick from the calendar (F4 or Alt+Down)")
        self.calendar_action.triggered.connect(self.show_calendar)
        self._held: dt.date | None = None
        self.textChanged.connect(self._text_changed)
        self.textEdited.connect(lambda _text: clear_unreadable(self))
        self.editingFinished.connect(self._finished)
        self.set_date(dt.date.today())

    def minimumSizeHint(self) -> QSize:
        # Room for the whole date beside the calendar (and clear) buttons.
        hint = super().minimumSizeHint()
        text = self.fontMetrics().horizontalAdvance(WIDEST_DATE + "  ")
        return QSize(max(hint.width(), text + 2 * BUTTON_ROOM), hint.height())

    def value(self) -> dt.date:
        """The date typed; ValueError says why the text is not one (billing's words)."""
        return parse_date(self.text())

    def set_date(self, value: dt.date) -> None:
        clear_unreadable(self)
        self.setText(value.isoformat())

    def held_date(self) -> dt.date | None:
        """The date the text holds, or None while it holds none."""
        try:
            return self.value()
        except ValueError:
            return None

    def show_calendar(self) -> None:
        """Open the calendar at the typed date, or at today when none is typed."""
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.sig_picked.connect(self._picked)
        self.popup.open_under(self, self.held_date() or dt.date.today())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and bool(
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if event.key() in CALENDAR_KEYS or alt_down:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def _picked(self, value: dt.date) -> None:
        self.set_date(value)
        self.setFocus()
        self.editingFinished.emit()

    def _text_changed(self) -> None:
        held = self.held_date()
        if held != self._held or held is None:
            self._held = held
            self.dateChanged.emit()

    def _finished(self) -> None:
        reason = self.problem()
        if reason:
            mark_unreadable(self, reason)
        elif self.text() != self.text().strip():
            self.setText(self.text().strip())

    def problem(self) -> str:
        """Why the text is not a date, in a sentence; "" when it is one."""
        try:
            self.value()
        except ValueError as error:
            reason = str(error)
            return f"The date {reason}" if reason.startswith("is ") else reason
        return ""


class OptionalDateEdit(DateEdit):
    """A date that may be left empty, as a filter bound: empty stands for `empty_text` ("Any").

    The clear button, or Delete over the selected date, sets it back to empty."""

    def __init__(self, empty_text: str = "Any", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(empty_text)
        self.setClearButtonEnabled(True)
        self.calendar_action.setToolTip(
            f"Pick from the calendar (F4 or Alt+Down); empty means {empty_text}"
        )
        self.clear_date()

    def optional_value(self) -> dt.date | None:
        """None when empty; the date typed; ValueError says why the text is not a date."""
        if not self.text().strip():
            return None
        return self.value()

    def set_optional(self, value: dt.date | None) -> None:
        if value is None:
            self.clear_date()
        else:
            self.set_date(value)

    def clear_date(self) -> None:
        clear_unreadable(self)
        self.clear()

    def problem(self) -> str:
        return super().problem() if self.text().strip() else ""
