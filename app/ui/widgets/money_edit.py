"""A line edit for money: digits, a dot and at most two decimals, never a float."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from app.billing import ZERO, parse_amount

# Nine digits before the dot: billing refuses anything past 999,999,999.99 anyway.
AMOUNT_PATTERN = r"\d{0,9}(\.\d{0,2})?"


class MoneyEdit(QLineEdit):
    """Typed like `1250.00`; `amount()` gives a two-place Decimal or says why it cannot."""

    def __init__(self, parent: QWidget | None = None, *, empty_is_zero: bool = False) -> None:
        super().__init__(parent)
        self.empty_is_zero = empty_is_zero
        self.setValidator(QRegularExpressionValidator(QRegularExpression(AMOUNT_PATTERN), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.editingFinished.connect(self._tidy)

    def amount(self) -> Decimal:
        """The amount typed; ValueError names the reason (empty, not an amount)."""
        text = self.text().strip()
        if not text and self.empty_is_zero:
            return ZERO
        return parse_amount(text)

    def set_amount(self, value: Decimal | None) -> None:
        self.setText("" if value is None else f"{value:.2f}")

    def _tidy(self) -> None:
        # "12" and "12.5" are shown as the clerk will see them saved: "12.00", "12.50".
        try:
            value = parse_amount(self.text())
        except ValueError:
            return
        self.set_amount(value)
