"""The audit trail (R20): one row per change, never changed or deleted afterwards."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class AuditEntry(Base):
    """Who did what, and when. It names the batch, customer and transaction by their numbers,
    not by foreign keys: an entry outlives what it names, and is never updated."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    os_user: Mapped[str] = mapped_column(String(120), index=True)
    db_user: Mapped[str | None] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40), index=True)
    batch_number: Mapped[int | None] = mapped_column(Integer, index=True)
    customer_number: Mapped[str | None] = mapped_column(String(20), index=True)
    transaction_number: Mapped[str | None] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text, default="")
