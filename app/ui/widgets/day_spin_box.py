"""A day of the month, 1 to 31, or none (shown as "None")."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget


class OptionalDaySpinBox(QSpinBox):
    """0 is the special value standing for "no day"."""

    def __init__(self, parent: QWidget | None = None, empty_text: str = "None") -> None:
        super().__init__(parent)
        self.setRange(0, 31)
        self.setSpecialValueText(empty_text)

    def day(self) -> int | None:
        return self.value() or None

    def set_day(self, day: int | None) -> None:
        self.setValue(day or 0)
