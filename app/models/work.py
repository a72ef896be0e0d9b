"""Service types and work entries: the billable work done for customers (R15)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Money, Quantity


class ServiceType(Base):
    """What kind of work an entry is: its default rate, and whether it is taxed."""

    __tablename__ = "service_types"
    __table_args__ = (
        CheckConstraint("length(code) > 0", name="code_not_empty"),
        CheckConstraint("rate >= 0", name="rate_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    rate: Mapped[Decimal] = mapped_column(Money)
    taxable: Mapped[bool] = mapped_column(Boolean, default=True)


class WorkEntry(Base):
    """Work done for a customer; unbilled until an invoice claims it (`invoice_id`)."""

    __tablename__ = "work_entries"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("rate >= 0", name="rate_not_negative"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("billable OR invoice_id IS NULL", name="non_billable_never_invoiced"),
        # Its partial index (the unbilled entries) is declared in app/models/every_table.py.
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="RESTRICT"), index=True
    )
    work_date: Mapped[dt.date] = mapped_column(Date, index=True)
    service_type_id: Mapped[int] = mapped_column(
        ForeignKey("service_types.id", ondelete="RESTRICT"), index=True
    )
    description: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(String(80), default="", index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    rate: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)
    billable: Mapped[bool] = mapped_column(Boolean, default=True)
    # One column, so an entry can be on one invoice at most; deleting the invoice (allowed only
    # while its batch is open, R7) returns the entry to unbilled.
    invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("ar_transactions.id", ondelete="SET NULL"), index=True
    )
