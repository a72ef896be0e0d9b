"""A day of the month, typed exactly: 1 to 31, or empty for none.

QSpinBox's own reading quietly changed what was typed (32 became 3, 0 became the "None" special
value). Here any whole number typed is kept as typed, and billing says at the field why 0 or 32
is not a cutoff day; empty means no day."""

from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox, QWidget

from app.billing.typed_values import LARGEST_WHOLE_NUMBER

# The value standing for the empty field; typed text is never below 0.
EMPTY = -1
FIRST_DAY, LAST_DAY = 1, 31


class OptionalDaySpinBox(QSpinBox):
    """`day()` is None when empty, else the number typed (checked by billing, not here)."""

    def __init__(self, parent: QWidget | None = None, empty_text: str = "None") -> None:
        super().__init__(parent)
        self.setRange(EMPTY, LARGEST_WHOLE_NUMBER)
        self.lineEdit().setPlaceholderText(empty_text)
        self.setValue(EMPTY)

    def day(self) -> int | None:
        return None if self.value() == EMPTY else self.value()

    def set_day(self, day: int | None) -> None:
        self.setValue(EMPTY if day is None else day)

    def textFromValue(self, value: int) -> str:
        return "" if value == EMPTY else str(value)

    def valueFromText(self, text: str) -> int:
        return int(text) if text else EMPTY

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # Only the digits 0 to 9 (not other scripts' digits, signs or spaces), and no number
        # the spin box would have to cut down to fit.
        digits = text.isascii() and text.isdigit()
        if text == "" or (digits and int(text) <= LARGEST_WHOLE_NUMBER):
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos

    def stepBy(self, steps: int) -> None:
        # The arrows go round the days of a month; from empty, Up starts at 1 and Down at 31.
        current = self.day()
        if current is None or not FIRST_DAY <= current <= LAST_DAY:
            self.setValue(FIRST_DAY if steps > 0 else LAST_DAY)
            return
        self.setValue((current - FIRST_DAY + steps) % LAST_DAY + FIRST_DAY)
