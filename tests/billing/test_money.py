"""Money: two-place Decimals, parsed strictly, stored as integer cents, never a float."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Dialect

from app.billing import format_amount, money, parse_amount
from app.models import Money

SQLITE: Dialect = create_engine("sqlite://").dialect
POSTGRESQL: Dialect = create_engine("postgresql+psycopg://").dialect


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1250", "1250.00"),
        (" 0.1 ", "0.10"),
        ("0.10", "0.10"),
        ("-3.5", "-3.50"),
        ("007.5", "7.50"),
        ("999999999999.99", "999999999999.99"),
    ],
)
def test_parse_amount(text: str, value: str) -> None:
    parsed = parse_amount(text)
    assert parsed == Decimal(value)
    assert str(parsed) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "is empty"),
        ("1,250.00", "'1,250.00' is not an amount (use digits and a dot, like 1250.00)"),
        ("12.345", "'12.345' has more than two decimals"),
        ("NaN", "'NaN' is not an amount"),
        ("Infinity", "'Infinity' is not an amount"),
        ("1e2", "'1e2' is not an amount"),
        ("1e30", "'1e30' is not an amount"),
        ("1_000", "'1_000' is not an amount"),
        ("١٢٣", "'١٢٣' is not an amount"),
        ("+5", "'+5' is not an amount"),
        ("5.", "'5.' is not an amount"),
        (".5", "'.5' is not an amount"),
        ("1" * 29, f"'{'1' * 29}' is too large an amount"),
        ("1000000000000", "'1000000000000' is too large an amount"),
    ],
)
def test_parse_amount_refuses(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=r"^" + re.escape(reason)):
        parse_amount(text)


def test_money_rounds_half_up() -> None:
    assert money("0.125") == Decimal("0.13")
    assert money("-0.125") == Decimal("-0.13")
    assert money(3) == Decimal("3.00")


def test_sums_are_exact() -> None:
    total = sum((parse_amount("0.10") + parse_amount("0.20") for _ in range(3)), Decimal("0.00"))
    assert total == Decimal("0.90")
    assert str(total) == "0.90"


def test_format_amount() -> None:
    assert format_amount(Decimal("1234567.5")) == "1,234,567.50"
    assert format_amount(Decimal("-0.01")) == "-0.01"


@pytest.mark.parametrize("dialect", [SQLITE, POSTGRESQL])
def test_money_column_stores_cents(dialect: Dialect) -> None:
    column = Money()
    assert column.process_bind_param(Decimal("1250.00"), dialect) == 125000
    assert column.process_bind_param(Decimal("0.005"), dialect) == 1
    assert column.process_bind_param("12.34", dialect) == 1234
    assert column.process_bind_param(None, dialect) is None
    back = column.process_result_value(125001, dialect)
    assert (back, str(back)) == (Decimal("1250.01"), "1250.01")


def test_money_column_never_accepts_a_float() -> None:
    with pytest.raises(TypeError, match="money must be a Decimal, never a float"):
        Money().process_bind_param(0.1, SQLITE)


def test_money_refuses_a_float() -> None:
    with pytest.raises(TypeError, match="never a float"):
        money(0.1)  # type: ignore[arg-type]
    assert money("0.125") == Decimal("0.13")
