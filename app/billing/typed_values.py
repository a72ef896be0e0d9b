"""Dates and whole numbers as a clerk types them or a file holds them, read strictly.

Python's own readers are generous where a clerk's data must not be: `date.fromisoformat`
takes 20261115 and 2026-W46-1, and `int()` takes 1_000, " 7 " and other scripts' digits.
Only what the README promises is taken; anything else says why, in the clerk's words.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_WHOLE = re.compile(r"[0-9]+", re.ASCII)
# Past this no batch, day or customer range is real, and the database's integers end soon after.
LARGEST_WHOLE_NUMBER = 2_147_483_647


def parse_date(text: str) -> dt.date:
    """An ISO date, YYYY-MM-DD; ValueError says why not."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("is empty")
    if _DATE.fullmatch(cleaned):
        try:
            return dt.date.fromisoformat(cleaned)
        except ValueError:
            raise ValueError(f"{cleaned!r} is not a date (there is no such day)") from None
    raise ValueError(f"{cleaned!r} is not a date (use YYYY-MM-DD)")


def parse_whole_number(text: str, what: str) -> int:
    """A whole number written with the digits 0 to 9; `what` names it in the message."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("is empty")
    if not _WHOLE.fullmatch(cleaned):
        raise ValueError(f"{cleaned!r} is not {what} (use the digits 0 to 9)")
    value = int(cleaned)
    if value > LARGEST_WHOLE_NUMBER:
        raise ValueError(f"{cleaned!r} is too large to be {what}")
    return value
