"""The one customer chooser: type part of a number or name, or pick from the list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

SEPARATOR = " — "


class Named(Protocol):
    """A customer as the chooser lists them (a whole record, or billing's CustomerChoice)."""

    @property
    def number(self) -> str: ...

    @property
    def name(self) -> str: ...


def customer_label(number: str, name: str) -> str:
    return f"{number}{SEPARATOR}{name}"


class CustomerPicker(QComboBox):
    """An editable list of "number — name"; `any_text`, when given, is a first entry meaning
    no customer in particular (a filter, an open end of a range)."""

    def __init__(self, parent: QWidget | None = None, any_text: str | None = None) -> None:
        super().__init__(parent)
        self.any_text = any_text
        self.editor = QLineEdit()
        self.setLineEdit(self.editor)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        # Each entry's customer number, by row and row by number. Kept here rather than as
        # each item's data: the labels go in as one list, and giving ten thousand items their
        # data one by one blocks the window for a tenth of a second.
        self._numbers: list[str] = []
        self._rows: dict[str, int] = {}
        self.set_customers([])

    def set_customers(self, customers: Iterable[Named]) -> None:
        """Offer these customers; what the clerk chose or typed stays (a refresh is not an
        edit, so no change is signalled)."""
        chosen = self.number()
        listed = list(customers)
        labels = [customer_label(customer.number, customer.name) for customer in listed]
        self._numbers = [customer.number for customer in listed]
        if self.any_text is not None:
            labels.insert(0, self.any_text)
            self._numbers.insert(0, "")
        self._rows = {number: row for row, number in enumerate(self._numbers) if number}
        self.blockSignals(True)
        try:
            self.clear()
            self.addItems(labels)
            self.set_number(chosen)
        finally:
            self.blockSignals(False)

    def number(self) -> str:
        """The chosen customer's number; what was typed up to the name when it matches no
        entry; "" for none in particular."""
        text = self.currentText().strip()
        found = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if 0 <= found < len(self._numbers):
            return self._numbers[found]
        return text.split(SEPARATOR, 1)[0].strip()

    def row_of(self, number: str) -> int:
        """The entry of the customer numbered `number`; -1 when none is listed."""
        return self._rows.get(number, -1)

    def set_number(self, number: str) -> None:
        found = self.row_of(number) if number else -1
        if found >= 0:
            self.setCurrentIndex(found)
        elif number:
            self.setCurrentIndex(-1)
            self.setEditText(number)
        else:
            self.setCurrentIndex(0 if self.any_text is not None else -1)
            if self.any_text is None:
                self.setEditText("")
