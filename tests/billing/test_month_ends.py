"""R1 at month ends: the last day of a month also takes the cutoff days past it."""

from __future__ import annotations

import pytest

from app.billing.eligibility import cutoff_days_for, cutoff_fits
from app.store import Database
from tests.billing.helpers import customers_in, day, generate
from tests.factories import customer, transaction


@pytest.mark.parametrize(
    ("close_date", "days"),
    [
        ("2027-02-28", [28, 29, 30, 31]),  # not a leap year: 28 Feb is the last day
        ("2028-02-28", [28]),  # leap year: 29 Feb is still to come
        ("2028-02-29", [29, 30, 31]),
        ("2027-04-29", [29]),
        ("2027-04-30", [30, 31]),  # 30-day month
        ("2027-03-30", [30]),
        ("2027-03-31", [31]),  # 31-day month
        ("2027-12-31", [31]),
        ("2027-01-01", [1]),
        ("2027-06-15", [15]),
    ],
)
def test_cutoff_days_taken_by_a_close_date(close_date: str, days: list[int]) -> None:
    assert cutoff_days_for(day(close_date)) == days


def test_cutoff_fits_needs_a_cutoff_day() -> None:
    assert not cutoff_fits(None, day("2027-02-28"))
    assert cutoff_fits(31, day("2027-02-28"))
    assert not cutoff_fits(27, day("2027-02-28"))


CUTOFFS = {"D01": 1, "D15": 15, "D28": 28, "D29": 29, "D30": 30, "D31": 31, "NONE": None}


@pytest.mark.parametrize(
    ("close_date", "taken"),
    [
        ("2027-02-28", ["D28", "D29", "D30", "D31"]),
        ("2028-02-28", ["D28"]),
        ("2028-02-29", ["D29", "D30", "D31"]),
        ("2027-04-29", ["D29"]),
        ("2027-04-30", ["D30", "D31"]),
        ("2027-05-30", ["D30"]),
        ("2027-05-31", ["D31"]),
    ],
)
def test_generation_at_month_end_takes_the_right_customers(
    db: Database, close_date: str, taken: list[str]
) -> None:
    with db.transaction() as s:
        for number, cutoff in CUTOFFS.items():
            customer(s, number, cutoff)
            transaction(s, number, "invoice", f"INV-{number}", "2027-02-01", "10.00")
    with db.transaction() as s:
        record = generate(s, close_date)
    with db.transaction() as s:
        assert customers_in(s, record.number) == taken
    assert record.customer_count == len(taken)
    assert record.transaction_count == len(taken)
    assert str(record.totals.invoice_amount) == f"{10 * len(taken)}.00"
