"""Date inputs with a calendar popup, in the ISO form the files and reports use."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

DATE_FORMAT = "yyyy-MM-dd"


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """A required date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.set_date(dt.date.today())

    def value(self) -> dt.date:
        return from_qdate(self.date())

    def set_date(self, value: dt.date) -> None:
        self.setDate(to_qdate(value))


class OptionalDateEdit(DateEdit):
    """A date that may be left empty (a filter bound): the lowest date stands for "none"."""

    NONE = dt.date(2000, 1, 1)

    def __init__(self, empty_text: str = "Any", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumDate(to_qdate(self.NONE))
        self.setSpecialValueText(empty_text)
        self.clear_date()

    def optional_value(self) -> dt.date | None:
        value = self.value()
        return None if value == self.NONE else value

    def set_optional(self, value: dt.date | None) -> None:
        self.set_date(value or self.NONE)

    def clear_date(self) -> None:
        self.set_date(self.NONE)
