"""R16's period arithmetic, date by date: anchored on the start date and clamped to the month's
end, for every period length from month-end starts, in advance and in arrears."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.billing.periods import (
    Terms,
    add_months,
    arrears_amount,
    billing_day,
    cut_period,
    daily_credit,
    due_indexes,
    last_index,
    monthly_credit,
    period,
)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def spans(start: str, months: int, count: int) -> list[tuple[str, str]]:
    return [
        (p.start.isoformat(), p.end.isoformat())
        for p in (period(d(start), months, index) for index in range(count))
    ]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-01-31", 1, [("2026-01-31", "2026-02-27"), ("2026-02-28", "2026-03-30"),
                           ("2026-03-31", "2026-04-29"), ("2026-04-30", "2026-05-30")]),
        ("2026-01-31", 3, [("2026-01-31", "2026-04-29"), ("2026-04-30", "2026-07-30"),
                           ("2026-07-31", "2026-10-30"), ("2026-10-31", "2027-01-30")]),
        ("2026-01-31", 6, [("2026-01-31", "2026-07-30"), ("2026-07-31", "2027-01-30")]),
        ("2026-01-31", 12, [("2026-01-31", "2027-01-30"), ("2027-01-31", "2028-01-30")]),
        ("2028-02-29", 1, [("2028-02-29", "2028-03-28"), ("2028-03-29", "2028-04-28")]),
        ("2028-02-29", 3, [("2028-02-29", "2028-05-28"), ("2028-05-29", "2028-08-28")]),
        ("2028-02-29", 6, [("2028-02-29", "2028-08-28"), ("2028-08-29", "2029-02-27")]),
        ("2028-02-29", 12, [("2028-02-29", "2029-02-27"), ("2029-02-28", "2030-02-27"),
                            ("2030-02-28", "2031-02-27"), ("2031-02-28", "2032-02-28"),
                            ("2032-02-29", "2033-02-27")]),
        ("2026-04-30", 1, [("2026-04-30", "2026-05-29"), ("2026-05-30", "2026-06-29"),
                           ("2026-06-30", "2026-07-29")]),
        ("2026-04-30", 3, [("2026-04-30", "2026-07-29"), ("2026-07-30", "2026-10-29"),
                           ("2026-10-30", "2027-01-29")]),
        ("2026-04-30", 6, [("2026-04-30", "2026-10-29"), ("2026-10-30", "2027-04-29")]),
        ("2026-04-30", 12, [("2026-04-30", "2027-04-29"), ("2027-04-30", "2028-04-29")]),
    ],
)  # fmt: skip
def test_periods_from_month_end_starts(
    start: str, months: int, expected: list[tuple[str, str]]
) -> None:
    assert spans(start, months, len(expected)) == expected


def test_add_months_always_counts_from_the_start() -> None:
    start = d("2026-01-31")
    assert [add_months(start, n).isoformat() for n in range(5)] == [
        "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
    ]  # fmt: skip
    assert add_months(d("2026-12-15"), 1) == d("2027-01-15")
    assert add_months(d("2024-02-29"), 48) == d("2028-02-29")


def test_due_in_advance_on_the_start_and_in_arrears_on_the_last_day() -> None:
    advance = Terms(d("2026-01-31"), 1, None, in_advance=True)
    arrears = Terms(d("2026-01-31"), 1, None, in_advance=False)
    assert list(due_indexes(advance, d("2026-01-30"))) == []
    assert list(due_indexes(advance, d("2026-01-31"))) == [0]
    assert list(due_indexes(advance, d("2026-02-28"))) == [0, 1]
    assert list(due_indexes(arrears, d("2026-02-26"))) == []
    assert list(due_indexes(arrears, d("2026-02-27"))) == [0]
    assert list(due_indexes(arrears, d("2026-03-31"))) == [0, 1]
    assert billing_day(arrears, 1) == d("2026-03-30")


def test_the_end_date_cuts_the_periods() -> None:
    # Ends inside the third period: that one is due, none after it.
    ended = Terms(d("2026-01-15"), 1, d("2026-03-20"), in_advance=True)
    assert last_index(ended) == 2
    assert cut_period(ended) == 2
    assert list(due_indexes(ended, d("2027-01-01"))) == [0, 1, 2]
    # Ends on a period's last day: nothing is cut.
    whole = Terms(d("2026-01-15"), 1, d("2026-03-14"), in_advance=True)
    assert (last_index(whole), cut_period(whole)) == (1, None)
    # A period starting after the end date is never due.
    assert list(due_indexes(whole, d("2030-01-01"))) == [0, 1]
    # In arrears, the cut period is due on the end date and billed for the days used.
    arrears = Terms(d("2026-03-01"), 1, d("2026-04-15"), in_advance=False)
    assert billing_day(arrears, 1) == d("2026-04-15")
    assert arrears_amount(arrears, Decimal("31.00"), 1) == (Decimal("15.50"), d("2026-04-15"))
    assert arrears_amount(arrears, Decimal("31.00"), 0) == (Decimal("31.00"), d("2026-03-31"))


def test_daily_and_monthly_credits() -> None:
    quarterly = Terms(d("2026-01-15"), 3, d("2026-05-20"), in_advance=True)
    # Period 2026-04-15–2026-07-14 has 91 days; 55 of them come after 20 May.
    assert daily_credit(quarterly, Decimal("300.00"), 1) == Decimal("181.32")
    # One-month parts start 15 Apr, 15 May, 15 Jun: only 15 Jun is after 20 May.
    assert monthly_credit(quarterly, Decimal("300.00"), 1) == Decimal("100.00")
    yearly = Terms(d("2026-01-31"), 12, d("2026-03-15"), in_advance=True)
    # Parts start 31 Jan, 28 Feb, 31 Mar, …: ten of the twelve start after 15 Mar.
    assert monthly_credit(yearly, Decimal("1200.00"), 0) == Decimal("1000.00")
    assert daily_credit(yearly, Decimal("1200.00"), 0) == Decimal("1055.34")  # 321 of 365 days
    monthly = Terms(d("2026-01-15"), 1, d("2026-03-20"), in_advance=True)
    assert monthly_credit(monthly, Decimal("100.00"), 2) == Decimal("0.00")
    assert daily_credit(monthly, Decimal("100.00"), 2) == Decimal("80.65")  # 25 of 31 days
