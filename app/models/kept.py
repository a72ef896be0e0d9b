"""Kept figures: each (batch, customer)'s R8 parts, R12 paid windows and R17 aging in cents,
and the customers whose kept figures the database has marked out of date.

The database keeps them honest (migration 0009): any change to a transaction or a batch marks
the customer stale from the earliest close date it can move, so a reader uses a kept row only
where no change since could have reached it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class KeptFigures(Base):
    """One customer's part of one batch, in integer cents, as the statement math left it."""

    __tablename__ = "kept_figures"
    __table_args__ = (
        # A stale customer's newest kept row before the stale date is found by this index.
        Index("ix_kept_figures_customer_order", "customer_id", "close_date", "number"),
    )

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("invoice_batches.id", ondelete="CASCADE"), primary_key=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    # The batch's close date and number, copied: R8's order of the customer's batches.
    close_date: Mapped[dt.date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    since: Mapped[dt.date | None] = mapped_column(Date)  # S: the previous batch's close date
    next_close: Mapped[dt.date | None] = mapped_column(Date)  # the next batch's (R12)
    transactions: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(BigInteger)  # this batch's signed totals
    prior: Mapped[int] = mapped_column(BigInteger)  # the earlier batches' signed totals
    invoiced: Mapped[int] = mapped_column(BigInteger)
    charges: Mapped[int] = mapped_column(BigInteger)
    taxes: Mapped[int] = mapped_column(BigInteger)
    discounts: Mapped[int] = mapped_column(BigInteger)
    card_fees: Mapped[int] = mapped_column(BigInteger)
    paid_before: Mapped[int] = mapped_column(BigInteger)  # paid on or before S
    paid_through: Mapped[int] = mapped_column(BigInteger)  # paid on or before D
    paid_after: Mapped[int] = mapped_column(BigInteger)  # after D, by the next close date
    aging_current: Mapped[int] = mapped_column(BigInteger)
    aging_1_30: Mapped[int] = mapped_column(BigInteger)
    aging_31_60: Mapped[int] = mapped_column(BigInteger)
    aging_61_90: Mapped[int] = mapped_column(BigInteger)
    aging_over_90: Mapped[int] = mapped_column(BigInteger)


class StaleCustomer(Base):
    """A customer whose kept rows from `since` on may be out of date (written by triggers)."""

    __tablename__ = "stale_customers"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    since: Mapped[dt.date] = mapped_column(Date)
    # Set only inside the transaction that brings this customer's rows up to date again, which
    # deletes the row before it commits: no other session ever sees it true.
    refreshing: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")


class KeptBatch(Base):
    """A batch's kept rows summed, in cents: what the list shows of it (R8, R12, R17). Written
    with its rows when they are brought up to date, and read only while no customer is stale."""

    __tablename__ = "kept_batches"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("invoice_batches.id", ondelete="CASCADE"), primary_key=True
    )
    customers: Mapped[int] = mapped_column(Integer)
    transactions: Mapped[int] = mapped_column(Integer)
    former_amount: Mapped[int] = mapped_column(BigInteger)
    payments: Mapped[int] = mapped_column(BigInteger)
    invoiced: Mapped[int] = mapped_column(BigInteger)
    charges: Mapped[int] = mapped_column(BigInteger)
    taxes: Mapped[int] = mapped_column(BigInteger)
    discounts: Mapped[int] = mapped_column(BigInteger)
    card_fees: Mapped[int] = mapped_column(BigInteger)
    paid_amount: Mapped[int] = mapped_column(BigInteger)  # R12, each customer's capped
    unpaid_customers: Mapped[int] = mapped_column(Integer)  # owing, and not paid in full
    paying_customers: Mapped[int] = mapped_column(Integer)  # with anything paid
    aging_current: Mapped[int] = mapped_column(BigInteger)
    aging_1_30: Mapped[int] = mapped_column(BigInteger)
    aging_31_60: Mapped[int] = mapped_column(BigInteger)
    aging_61_90: Mapped[int] = mapped_column(BigInteger)
    aging_over_90: Mapped[int] = mapped_column(BigInteger)
