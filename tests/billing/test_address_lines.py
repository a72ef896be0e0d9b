"""The city line of an address follows the order of the country's post."""

from __future__ import annotations

import pytest

from app.billing.records import city_lines


@pytest.mark.parametrize(
    ("city", "region", "postal", "country", "expected"),
    [
        ("Portland", "OR", "97209", "United States", ("Portland, OR 97209",)),
        ("Springfield", "IL", "62701", "", ("Springfield, IL 62701",)),
        ("Toronto", "ON", "M5V 2T6", "Canada", ("Toronto, ON M5V 2T6",)),
        ("London", "", "SW1A 1AA", "United Kingdom", ("London", "SW1A 1AA")),
        ("Łódź", "", "90-001", "Poland", ("90-001 Łódź",)),
        ("Köln", "NRW", "50667", "Germany", ("50667 Köln, NRW",)),
        ("", "", "", "France", ("",)),
    ],
)
def test_city_lines(
    city: str, region: str, postal: str, country: str, expected: tuple[str, ...]
) -> None:
    assert city_lines(city, region, postal, country) == expected
