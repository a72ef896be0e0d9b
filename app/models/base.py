"""Declarative base and the money column type."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Dialect, Enum, MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def text_enum(enum: type[StrEnum], length: int) -> Enum:
    """A StrEnum stored as its plain text value (the CHECK constraint lives in the table)."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Scaled(TypeDecorator[Decimal]):
    """A Decimal with a fixed number of places stored as a whole number of its smallest unit,
    so no engine ever holds it in a float."""

    impl = BigInteger
    cache_ok = True
    places = 2

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"{type(self).__name__.lower()} must be a Decimal, never a float")
        units = (Decimal(value).scaleb(self.places)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(units)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.places).quantize(Decimal(1).scaleb(-self.places))


class Money(Scaled):
    """A two-place amount stored as integer cents."""

    cache_ok = True  # SQLAlchemy asks each subclass to say so itself


class Quantity(Scaled):
    """A quantity of work (hours, visits) with two decimals, stored as hundredths."""

    cache_ok = True


class Percent(Scaled):
    """A percentage (tax rate) with up to four decimals, stored as ten-thousandths."""

    cache_ok = True
    places = 4
