"""R16's period arithmetic, plain dates in and out: periods anchored on the start date, clamped
to the month's end, in advance or in arrears, cut by the end date; and the part-period figures."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.models import CENT

ONE_DAY = dt.timedelta(days=1)


# Days in each month of a common year; February of a leap year has one more.
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day number `months` later, clamped to that month's last day: always counted
    from `start`, so 31 Jan + 1 is 28/29 Feb and 31 Jan + 2 is 31 Mar."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if start.day <= 28:  # every month has the day: no clamping (a year's run asks 100,000 times)
        return dt.date(year, month, start.day)
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]
    return dt.date(year, month, min(start.day, last))


@dataclass(frozen=True)
class Period:
    index: int
    start: dt.date
    end: dt.date  # the day before the next period starts

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period(start: dt.date, months: int, index: int) -> Period:
    """Period `index` (from 0) of a contract starting on `start`, `months` long."""
    return Period(
        index,
        add_months(start, index * months),
        add_months(start, (index + 1) * months) - ONE_DAY,
    )


@dataclass(frozen=True)
class Terms:
    """What period arithmetic needs of a contract."""

    start: dt.date
    months: int
    end: dt.date | None
    in_advance: bool


def last_index(terms: Terms) -> int | None:
    """The index of the last period that is ever due (it starts on or before the end date),
    or None when the contract has no end."""
    if terms.end is None:
        return None
    index = 0
    while period(terms.start, terms.months, index + 1).start <= terms.end:
        index += 1
    return index


def billing_day(terms: Terms, index: int) -> dt.date:
    """The day period `index` becomes due: its start in advance, else its last day, or the
    end date where that cuts it."""
    return _billing_day(terms, period(terms.start, terms.months, index))


def _billing_day(terms: Terms, found: Period) -> dt.date:
    if terms.in_advance:
        return found.start
    if terms.end is not None and found.start <= terms.end < found.end:
        return terms.end
    return found.end


def due_periods(terms: Terms, through: dt.date) -> list[Period]:
    """Every period due on or before `through`, from the first (those of `due_indexes`),
    each worked out once: a period's end is the day before the next one starts."""
    due: list[Period] = []
    start = terms.start
    # Period 0 is always within the end date (which is never before the start): last_index.
    while terms.end is None or not due or start <= terms.end:
        following = add_months(terms.start, (len(due) + 1) * terms.months)
        found = Period(len(due), start, following - ONE_DAY)
        if _billing_day(terms, found) > through:
            break
        due.append(found)
        start = following
    return due


def due_indexes(terms: Terms, through: dt.date) -> range:
    """The indexes of every period due on or before `through`, from the first."""
    return range(len(due_periods(terms, through)))


def prorate(amount: Decimal, part: int, whole: int) -> Decimal:
    """amount × part / whole, rounded half up to the cent."""
    return (amount * part / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def arrears_amount(terms: Terms, amount: Decimal, index: int) -> tuple[Decimal, dt.date]:
    """What period `index` billed in arrears comes to, and the day its line ends: a period cut
    by the end date is billed for the days used."""
    return arrears_charge(terms, amount, period(terms.start, terms.months, index))


def arrears_charge(terms: Terms, amount: Decimal, found: Period) -> tuple[Decimal, dt.date]:
    """`arrears_amount` of a period already worked out."""
    if terms.end is not None and found.start <= terms.end < found.end:
        used = (terms.end - found.start).days + 1
        return prorate(amount, used, found.days), terms.end
    return amount, found.end


def daily_credit(terms: Terms, amount: Decimal, index: int) -> Decimal:
    """The unused days after the end date of a period billed in advance, as a share of it."""
    found = period(terms.start, terms.months, index)
    assert terms.end is not None
    assert found.start <= terms.end < found.end
    return prorate(amount, (found.end - terms.end).days, found.days)


def monthly_credit(terms: Terms, amount: Decimal, index: int) -> Decimal:
    """The one-month parts of the period (anchored on the start date) that start after the end
    date, as a share of its n months; a one-month period has no part to give back."""
    assert terms.end is not None
    if terms.months < 3:
        return Decimal("0.00")
    first = index * terms.months
    unused = sum(
        1
        for part in range(first, first + terms.months)
        if add_months(terms.start, part) > terms.end
    )
    return prorate(amount, unused, terms.months)


def cut_period(terms: Terms) -> int | None:
    """The index of the period the end date falls inside, short of its last day; else None."""
    last = last_index(terms)
    if last is None or terms.end is None:
        return None
    return last if terms.end < period(terms.start, terms.months, last).end else None
