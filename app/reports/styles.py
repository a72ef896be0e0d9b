"""The report's type sizes, colours and the way it writes amounts and dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.colors import Color

from app.billing import format_amount
from app.reports.fonts import BOLD, REGULAR


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    leading: float


BODY = TextStyle(REGULAR, 8.5, 11.0)
BODY_BOLD = TextStyle(BOLD, 8.5, 11.0)
SMALL = TextStyle(REGULAR, 7.0, 9.0)
HEADING = TextStyle(BOLD, 10.5, 14.0)
COMPANY = TextStyle(BOLD, 14.0, 17.0)
TITLE = TextStyle(BOLD, 18.0, 22.0)
AMOUNT_DUE = TextStyle(BOLD, 11.0, 14.0)

INK = Color(0, 0, 0)
MUTED = Color(0.33, 0.33, 0.33)
RULE = Color(0.55, 0.55, 0.55)
SHADE = Color(0.92, 0.92, 0.92)
REPRINT = Color(0.7, 0.05, 0.05)

# Space between a table cell's edge and its text.
CELL_PAD = 3.0
# From one row of labelled figures to the next (the first page's info block, the stub's figures).
FIGURE_ROW_STEP = BODY.leading + 2


def figure_baselines(top: float, rows: int) -> tuple[float, ...]:
    """The baselines of `rows` rows of labelled figures in BODY, the first one below `top`."""
    baseline = top - BODY.size
    baselines = []
    for _row in range(rows):
        baselines.append(baseline)
        baseline -= FIGURE_ROW_STEP
    return tuple(baselines)


def amount(value: Decimal) -> str:
    """An amount as the report prints it: two decimals, thousands separators, a minus sign."""
    # A signed zero (a credit memo without tax) prints as 0.00, not -0.00.
    return format_amount(abs(value) if value.is_zero() else value)


def day(value: dt.date) -> str:
    return value.isoformat()
