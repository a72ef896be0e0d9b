"""The order of a long list sorted by the database, a page at a time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import UnaryExpression


def in_order(column: Any, tie: Any, descending: bool) -> tuple[UnaryExpression[Any], ...]:
    """By `column`, ties by `tie` (the row's id), both the same way: one index on the column
    then serves either direction, and rows of equal value keep the order they were written in."""
    if descending:
        return column.desc(), tie.desc()
    return column.asc(), tie.asc()
