"""Contracts: a customer's recurring charge, and what became of each of its periods (R16)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Money, text_enum


class Billing(StrEnum):
    """When a period is billed: on its first day, or once it is over."""

    ADVANCE = "advance"
    ARREARS = "arrears"


class PeriodState(StrEnum):
    BILLED = "billed"
    SKIPPED = "skipped"


class Contract(Base):
    __tablename__ = "contracts"
    __table_args__ = (
        CheckConstraint("length(number) > 0", name="number_not_empty"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("period_months IN (1, 3, 6, 12)", name="period_months"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        CheckConstraint("billing IN ('advance', 'arrears')", name="billing"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    amount: Mapped[Decimal] = mapped_column(Money)
    period_months: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    taxable: Mapped[bool] = mapped_column(Boolean, default=True)
    billing: Mapped[Billing] = mapped_column(text_enum(Billing, 7), default=Billing.ADVANCE)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ContractPeriod(Base):
    """A period that was billed (on invoice `transaction_id`) or skipped. One row per period at
    most, by a unique key: a period is billed once, also when two clerks run at once. Deleting
    the invoice (while its batch is open) deletes the row, so the period is due again."""

    __tablename__ = "contract_periods"
    __table_args__ = (
        UniqueConstraint("contract_id", "period_index"),
        CheckConstraint("period_index >= 0", name="index_not_negative"),
        CheckConstraint("state IN ('billed', 'skipped')", name="state"),
        CheckConstraint(
            "(state = 'billed') = (transaction_id IS NOT NULL)", name="billed_on_an_invoice"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    period_index: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[dt.date] = mapped_column(Date)
    # The period's last day, or the end date where that cuts a period billed in arrears.
    period_end: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[PeriodState] = mapped_column(text_enum(PeriodState, 7))
    transaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("ar_transactions.id", ondelete="CASCADE"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    reason: Mapped[str] = mapped_column(Text, default="")
    # The part-period credit memo for the unused part of a period billed in advance.
    credit_id: Mapped[int | None] = mapped_column(
        ForeignKey("ar_transactions.id", ondelete="SET NULL"), index=True
    )
