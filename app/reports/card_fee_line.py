"""R14 on the statement (DESIGN §4): with a card fee set, what paying the amount due by card
adds."""

from __future__ import annotations

from decimal import Decimal

from app.billing import ZERO, format_amount
from app.billing.card_fees import card_fee


def card_fee_line(percent: Decimal, amount_due: Decimal) -> str | None:
    """ "Paying by card adds a 2.5 % fee: 31.25"; the fee alone when nothing is due; None
    without a card fee."""
    if percent <= ZERO:
        return None
    words = f"Paying by card adds a {format(percent.normalize(), 'f')} % fee"
    fee = card_fee(amount_due, percent) if amount_due > ZERO else None
    return f"{words}: {format_amount(fee)}" if fee is not None else f"{words}."
