"""A line edit for money: read by billing's `parse_amount`, never a float.

No validator: one quietly dropped what it did not allow (the minus of -5, the third decimal of
1.234, "abc"), so a different amount was saved than the one typed. The text stays as typed;
one that is not an amount is outlined with billing's reason, and `amount()` refuses it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from app.billing import ZERO, parse_amount
from app.ui.widgets.unreadable import clear_unreadable, mark_unreadable


class MoneyEdit(QLineEdit):
    """Typed like `1250.00`; `amount()` gives a two-place Decimal or says why it cannot."""

    def __init__(self, parent: QWidget | None = None, *, empty_is_zero: bool = False) -> None:
        super().__init__(parent)
        self.empty_is_zero = empty_is_zero
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.textEdited.connect(lambda _text: clear_unreadable(self))
        self.editingFinished.connect(self._tidy)

    def amount(self) -> Decimal:
        """The amount typed; ValueError names the reason (empty, not an amount)."""
        text = self.text().strip()
        if not text and self.empty_is_zero:
            return ZERO
        return parse_amount(text)

    def set_amount(self, value: Decimal | None) -> None:
        clear_unreadable(self)
        self.setText("" if value is None else f"{value:.2f}")

    def _tidy(self) -> None:
        # "12" and "12.5" are shown as the clerk will see them saved: "12.00", "12.50".
        if not self.text().strip():
            return
        try:
            value = self.amount()
        except ValueError as error:
            reason = str(error)
            mark_unreadable(self, reason[:1].upper() + reason[1:])
            return
        self.set_amount(value)
