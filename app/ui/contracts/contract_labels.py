"""How a contract's terms read on screen: its period length, when it is billed, its periods."""

from __future__ import annotations

import datetime as dt

from app.billing import Billing, ContractRecord
from app.billing.contracts import PERIOD_MONTHS
from app.billing.periods import Period, last_index, period
from app.ui.widgets.display import date_text

# The period lengths a contract may have, as the form offers them.
PERIOD_LABELS = dict(
    zip(
        PERIOD_MONTHS,
        ("1 month", "3 months (quarterly)", "6 months (half-yearly)", "12 months (yearly)"),
        strict=True,
    )
)
BILLING_LABELS = {Billing.ADVANCE: "In advance", Billing.ARREARS: "In arrears"}
UPCOMING = 12  # how many periods Skip Period offers


def every_text(months: int) -> str:
    return "1 month" if months == 1 else f"{months} months"


def period_text(start: dt.date, end: dt.date) -> str:
    return f"{date_text(start)} – {date_text(end)}"


def upcoming_periods(contract: ContractRecord, count: int = UPCOMING) -> list[Period]:
    """The contract's next periods not yet billed, as billing counts them from the start
    date: from the one after `billed_through`, at most `count`, none past its end."""
    terms = contract.terms
    last = last_index(terms)
    index = 0
    while contract.billed_through is not None and (
        period(terms.start, terms.months, index).start <= contract.billed_through
    ):
        index += 1
    found: list[Period] = []
    while len(found) < count and (last is None or index <= last):
        found.append(period(terms.start, terms.months, index))
        index += 1
    return found
