"""Deliveries (R13) and exports (R18): what left the application for a batch, kept as it left."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, text_enum


class Channel(StrEnum):
    PRINT = "print"
    EMAIL = "email"


class DeliveryStatus(StrEnum):
    SENT = "sent"
    FAILED = "failed"
    # Handed over, and no outcome recorded: a crash in between. Shown, never silently resent.
    UNKNOWN = "unknown"


class StatementDelivery(Base):
    """One attempt to deliver one customer's statement of one batch, with the exact PDF."""

    __tablename__ = "deliveries"
    __table_args__ = (
        CheckConstraint("channel IN ('print', 'email')", name="channel"),
        CheckConstraint("status IN ('sent', 'failed', 'unknown')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("invoice_batches.id", ondelete="RESTRICT"), index=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="RESTRICT"), index=True
    )
    channel: Mapped[Channel] = mapped_column(text_enum(Channel, 5))
    addresses: Mapped[str] = mapped_column(Text)
    status: Mapped[DeliveryStatus] = mapped_column(text_enum(DeliveryStatus, 7))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    sent_by: Mapped[str] = mapped_column(String(120))
    message_id: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text, default="")
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


class ExportFormat(StrEnum):
    IIF = "iif"
    QBO = "qbo"
    XERO = "xero"
    CSV = "csv"


class BatchExport(Base):
    """One export of a batch for the accounting package: which format, which file, the file's
    SHA-256, when and by whom."""

    __tablename__ = "batch_exports"
    __table_args__ = (CheckConstraint("format IN ('iif', 'qbo', 'xero', 'csv')", name="format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("invoice_batches.id", ondelete="RESTRICT"), index=True
    )
    format: Mapped[ExportFormat] = mapped_column(text_enum(ExportFormat, 4))
    file_name: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    exported_by: Mapped[str] = mapped_column(String(120))
    sha256: Mapped[str] = mapped_column(String(64))
