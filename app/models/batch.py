"""Invoice batches, the counter their numbers come from, and the kept first print."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, text_enum


class BatchKind(StrEnum):
    GENERATED = "generated"
    MANUAL = "manual"
    OPENING = "opening"


class InvoiceBatch(Base):
    __tablename__ = "invoice_batches"
    __table_args__ = (
        CheckConstraint("kind IN ('generated', 'manual', 'opening')", name="kind"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("print_count >= 0", name="print_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    close_date: Mapped[dt.date] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[BatchKind] = mapped_column(text_enum(BatchKind, 10))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    printed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    # R12: set by the first approval, print, delivery or export; from then on the database
    # refuses any change to the batch and its transactions (R7).
    locked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    @property
    def printed(self) -> bool:
        return self.printed_at is not None

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class Counter(Base):
    """Named counters; `batch_number` only ever grows, so a number is never handed out twice."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class OriginalPrint(Base):
    """The exact bytes of a batch's first printed report: what was mailed."""

    __tablename__ = "original_prints"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("invoice_batches.id", ondelete="CASCADE"), primary_key=True
    )
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
