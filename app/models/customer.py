"""Customers: who is billed, where the statement goes, and on which day their batch closes."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Percent, text_enum


class Delivery(StrEnum):
    """How the customer's statement goes out (R13)."""

    PRINT = "print"
    EMAIL = "email"
    BOTH = "both"


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        CheckConstraint("cutoff_day IS NULL OR (cutoff_day BETWEEN 1 AND 31)", name="cutoff_day"),
        CheckConstraint("length(number) > 0", name="number_not_empty"),
        # Stored in ten-thousandths of a percent: 0 to 100 %.
        CheckConstraint("tax_rate IS NULL OR (tax_rate BETWEEN 0 AND 1000000)", name="tax_rate"),
        CheckConstraint("terms_days IS NULL OR (terms_days BETWEEN 0 AND 3650)", name="terms"),
        CheckConstraint("delivery IN ('print', 'email', 'both')", name="delivery"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    address1: Mapped[str] = mapped_column(String(120), default="")
    address2: Mapped[str] = mapped_column(String(120), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(80), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    cutoff_day: Mapped[int | None] = mapped_column(Integer, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Empty tax rate and terms mean the company's (settings `tax_rate`, `terms_days`).
    tax_rate: Mapped[Decimal | None] = mapped_column(Percent)
    terms_days: Mapped[int | None] = mapped_column(Integer)
    delivery: Mapped[Delivery] = mapped_column(text_enum(Delivery, 5), default=Delivery.PRINT)
    # Free labels for filters, kept as "a;b;c": trimmed, unique, in the order they were given.
    tags: Mapped[str] = mapped_column(Text, default="")
