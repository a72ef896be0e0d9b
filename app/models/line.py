"""Lines of invoices and memos: what the amount is made of."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Money, Quantity


class InvoiceLine(Base):
    """One line of an invoice or memo. The transaction's amount and tax are the sums of its
    lines' (billing keeps them so); the database refuses a change while its batch is locked."""

    __tablename__ = "invoice_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("rate >= 0", name="rate_not_negative"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("tax >= 0", name="tax_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(
        ForeignKey("ar_transactions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    service_date: Mapped[dt.date | None] = mapped_column(Date)
    service_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_types.id", ondelete="RESTRICT"), index=True
    )
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    rate: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)
    taxable: Mapped[bool] = mapped_column(Boolean, default=True)
    tax: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    # The work entry this line bills, when it was made from work (at most one line each).
    work_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("work_entries.id", ondelete="SET NULL"), unique=True
    )
