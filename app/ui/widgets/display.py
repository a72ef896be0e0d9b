"""How batch figures read on screen: amounts with two decimals, ISO dates, the clerk's words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.billing import BatchKind, BatchRecord, TransactionType, format_amount


def amount_text(value: Decimal) -> str:
    # A signed zero (the tax of a credit memo without tax) reads as 0.00, not -0.00.
    return format_amount(value if value else abs(value))


def date_text(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else ""


def kind_text(kind: BatchKind) -> str:
    return kind.value.capitalize()


def type_text(kind: TransactionType) -> str:
    return kind.label


def printed_text(batch: BatchRecord) -> str:
    """The print date, or "No"; an opening batch was marked printed, never printed."""
    if batch.printed_at is None:
        return "No"
    return date_text(batch.printed_at.date())


def counted(count: int, noun: str, plural: str = "") -> str:
    """How many of something, in words: 1 customer, 1,200 customers, 2 invoice batches."""
    return f"{count} {noun}" if count == 1 else f"{count:,} {plural or noun + 's'}"


def batch_title(batch: BatchRecord) -> str:
    """One line naming a batch in a picker: number, close date and description."""
    title = f"{batch.number} — {date_text(batch.close_date)}"
    return f"{title} — {batch.description}" if batch.description else title


def read_only_banner(batch: BatchRecord) -> str:
    """Why a printed batch cannot change, and what the clerk does instead (R7)."""
    if batch.printed_at is None:
        return ""
    verb = "Marked printed" if batch.kind == BatchKind.OPENING else "Printed"
    return (
        f"{verb} on {date_text(batch.printed_at.date())} — read-only. Enter a credit or debit "
        "memo for corrections; it falls into the next batch."
    )
