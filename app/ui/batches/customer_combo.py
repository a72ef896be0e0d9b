"""A customer chooser: type a number or part of a name, or pick from the list."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.billing import CustomerRecord

SEPARATOR = " — "


def customer_label(customer: CustomerRecord) -> str:
    return f"{customer.number}{SEPARATOR}{customer.name}"


class CustomerCombo(QComboBox):
    """Editable; with `blank_text`, an empty first entry means "no customer chosen"."""

    def __init__(self, blank_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blank_text = blank_text
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(24)
        line_edit = self.lineEdit()
        if blank_text and line_edit is not None:
            line_edit.setPlaceholderText(blank_text)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def set_customers(self, customers: Iterable[CustomerRecord]) -> None:
        """Replace the list, keeping what the clerk had chosen or typed (a refresh is not an
        edit, so no change is signalled)."""
        chosen = self.customer_number()
        self.blockSignals(True)
        try:
            self.clear()
            if self.blank_text:
                self.addItem("", None)
            for customer in customers:
                self.addItem(customer_label(customer), customer.number)
            self.set_customer_number(chosen)
        finally:
            self.blockSignals(False)

    def set_customer_number(self, number: str | None) -> None:
        index = self.findData(number) if number else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(0 if self.blank_text else -1)
            self.setEditText(number or "")

    def customer_number(self) -> str | None:
        """The chosen customer's number; typed text counts up to the name, if one was typed."""
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0 and self.itemData(index) is not None:
            return str(self.itemData(index))
        number = text.split(SEPARATOR, 1)[0].strip()
        return number or None
