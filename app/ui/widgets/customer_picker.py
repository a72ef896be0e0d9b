"""The one customer chooser: type part of a number or name, or pick from the list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QStringListModel, Qt
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


@dataclass(frozen=True)
class CustomerEntries:
    """A chooser's entries, which a page may make off the window's thread as it reads them."""

    labels: list[str]
    numbers: list[str]

    @classmethod
    def of(cls, customers: Iterable[Named]) -> CustomerEntries:
        listed = list(customers)
        labels = [customer_label(customer.number, customer.name) for customer in listed]
        return cls(labels, [customer.number for customer in listed])


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
        # The labels go in as one list of Qt's own, each one's customer number kept beside it
        # here: ten thousand items added, or given their data, one by one block the window for
        # a tenth of a second.
        self.entries = QStringListModel(self)
        self.setModel(self.entries)
        completer = QCompleter(self.entries, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._numbers: list[str] = []  # each entry's customer number ("" for any_text)
        self._rows: dict[str, int] = {}  # each customer number's entry
        self.set_customers([])

    def set_customers(self, customers: CustomerEntries | Iterable[Named]) -> None:
        """Offer these customers; what the clerk chose or typed stays (a refresh is not an
        edit, so no change is signalled)."""
        if not isinstance(customers, CustomerEntries):
            customers = CustomerEntries.of(customers)
        chosen = self.number()
        labels, numbers = customers.labels, customers.numbers
        if self.any_text is not None:
            labels, numbers = [self.any_text, *labels], ["", *numbers]
        self._numbers = numbers
        self._rows = {number: row for row, number in enumerate(numbers) if number}
        self.blockSignals(True)
        try:
            self.entries.setStringList(labels)
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
