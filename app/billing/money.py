"""Money as two-place Decimals, rounded half up; arithmetic in the database is in integer cents."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.models import CENT

ZERO = Decimal("0.00")


def money(value: Decimal | int | str) -> Decimal:
    """A two-place Decimal, rounded half up; a float is refused, as it cannot hold cents exactly."""
    if isinstance(value, float):
        raise TypeError("money must be a Decimal, never a float")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def from_cents(cents: int | None) -> Decimal:
    return (Decimal(cents or 0) / 100).quantize(CENT)


def parse_amount(text: str) -> Decimal:
    """Parse an amount written with a dot and at most two decimals; ValueError says why not."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("is empty")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(
            f"{cleaned!r} is not an amount (use digits and a dot, like 1250.00)"
        ) from None
    if not value.is_finite():
        raise ValueError(f"{cleaned!r} is not an amount")
    if value != value.quantize(CENT):
        raise ValueError(f"{cleaned!r} has more than two decimals")
    return money(value)


def format_amount(value: Decimal) -> str:
    """An amount with two decimals and thousands separators, as a clerk reads it."""
    return f"{value:,.2f}"
