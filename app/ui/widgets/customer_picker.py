"""The one customer chooser: type part of a number or name, or pick from the list."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from app.billing import CustomerRecord

SEPARATOR = " — "


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
        self.set_customers([])

    def set_customers(self, customers: Iterable[CustomerRecord]) -> None:
        """Offer these customers; what the clerk chose or typed stays (a refresh is not an
        edit, so no change is signalled)."""
        chosen = self.number()
        self.blockSignals(True)
        try:
            self.clear()
            if self.any_text is not None:
                self.addItem(self.any_text, "")
            for customer in customers:
                self.addItem(customer_label(customer.number, customer.name), customer.number)
            self.set_number(chosen)
        finally:
            self.blockSignals(False)

    def number(self) -> str:
        """The chosen customer's number; what was typed up to the name when it matches no
        entry; "" for none in particular."""
        text = self.currentText().strip()
        found = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if found >= 0:
            return str(self.itemData(found) or "")
        return text.split(SEPARATOR, 1)[0].strip()

    def set_number(self, number: str) -> None:
        found = self.findData(number) if number else -1
        if found >= 0:
            self.setCurrentIndex(found)
        elif number:
            self.setCurrentIndex(-1)
            self.setEditText(number)
        else:
            self.setCurrentIndex(0 if self.any_text is not None else -1)
            if self.any_text is None:
                self.setEditText("")
