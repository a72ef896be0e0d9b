"""Money as two-place Decimals, rounded half up; arithmetic in the database is in integer cents."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from app.models import CENT

ZERO = Decimal("0.00")


def money(value: Decimal | int | str) -> Decimal:
    """A two-place Decimal, rounded half up; a float is refused, as it cannot hold cents exactly."""
    if isinstance(value, float):
        raise TypeError("money must be a Decimal, never a float")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def from_cents(cents: int | None) -> Decimal:
    return (Decimal(cents or 0) / 100).quantize(CENT)


class Hundredths(dict[int, Decimal]):
    """Whole hundredths, as the Money and Quantity columns store them (both keep two places),
    as two-place Decimals (`from_cents`), each distinct value made once: a large statement or
    invoicing run meets the same amounts, rates and quantities thousands of times."""

    def __missing__(self, units: int) -> Decimal:
        value = self[units] = from_cents(units)
        return value


# Exactly what the README promises: digits 0-9, an optional minus, one dot, two decimals. Not
# Decimal()'s grammar, which also takes 1e3, 1_000, "Infinity" and other scripts' digits.
_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)
# Far past any real invoice, and short of what the cents column and Decimal's precision hold.
LARGEST_DIGITS = 12


def parse_amount(text: str) -> Decimal:
    """Parse an amount written with a dot and at most two decimals; ValueError says why not."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("is empty")
    if not _AMOUNT.fullmatch(cleaned):
        raise ValueError(f"{cleaned!r} is not an amount (use digits and a dot, like 1250.00)")
    whole, _, decimals = cleaned.lstrip("-").partition(".")
    if len(decimals) > 2:
        raise ValueError(f"{cleaned!r} has more than two decimals")
    if len(whole.lstrip("0")) > LARGEST_DIGITS:
        raise ValueError(f"{cleaned!r} is too large an amount")
    return money(Decimal(cleaned))


def format_amount(value: Decimal) -> str:
    """An amount with two decimals and thousands separators, as a clerk reads it."""
    return f"{value:,.2f}"
