"""A quantity field (hours, visits): written as an amount is, with a dot and at most two
decimals, and refused in a quantity's words."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QWidget

from app.ui.widgets.money_edit import MoneyEdit


def quantity_words(reason: str) -> str:
    """Billing's reason for an amount, said of a quantity."""
    return (
        reason.replace("too large an amount", "too large a quantity")
        .replace("an amount", "a quantity")
        .replace("like 1250.00", "like 1.50")
    )


class QuantityEdit(MoneyEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("1.00")

    def amount(self) -> Decimal:
        """The quantity typed; ValueError says why the text is not one."""
        try:
            return super().amount()
        except ValueError as error:
            raise ValueError(quantity_words(str(error))) from None
