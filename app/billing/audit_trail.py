"""Reading the audit trail (R20): filtered and sorted in the database, a page at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app.billing.list_order import in_order
from app.models import AuditEntry


@dataclass(frozen=True)
class AuditRecord:
    at: dt.datetime
    user: str
    action: str
    batch_number: int | None
    customer_number: str | None
    transaction_number: str | None
    detail: str

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditRecord:
        user = entry.os_user if entry.db_user is None else f"{entry.os_user} ({entry.db_user})"
        return cls(
            at=entry.at,
            user=user,
            action=entry.action,
            batch_number=entry.batch_number,
            customer_number=entry.customer_number,
            transaction_number=entry.transaction_number,
            detail=entry.detail,
        )


class AuditSort(StrEnum):
    AT = "at"
    USER = "user"
    ACTION = "action"
    BATCH = "batch"
    CUSTOMER = "customer"


SORT_COLUMNS: dict[AuditSort, Any] = {
    AuditSort.AT: AuditEntry.at,
    AuditSort.USER: AuditEntry.os_user,
    AuditSort.ACTION: AuditEntry.action,
    AuditSort.BATCH: AuditEntry.batch_number,
    AuditSort.CUSTOMER: AuditEntry.customer_number,
}


@dataclass(frozen=True)
class AuditQuery:
    """The Audit Log window's filters; empty ones take everything. Oldest first by default."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    user: str | None = None
    action: str | None = None
    batch_number: int | None = None
    customer_number: str | None = None
    sort: AuditSort = AuditSort.AT
    descending: bool = False

    def where(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.date_from is not None:
            conditions.append(AuditEntry.at >= dt.datetime.combine(self.date_from, dt.time()))
        if self.date_to is not None:
            next_day = dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time())
            conditions.append(AuditEntry.at < next_day)
        if self.user:
            conditions.append(AuditEntry.os_user == self.user)
        if self.action:
            conditions.append(AuditEntry.action == self.action)
        if self.batch_number is not None:
            conditions.append(AuditEntry.batch_number == self.batch_number)
        if self.customer_number:
            conditions.append(AuditEntry.customer_number == self.customer_number)
        return conditions


def _select(query: AuditQuery) -> Select[AuditEntry]:
    order = in_order(SORT_COLUMNS[query.sort], AuditEntry.id, query.descending)
    return select(AuditEntry).where(*query.where()).order_by(*order)


def list_audit(
    session: Session, query: AuditQuery | None = None, offset: int = 0, limit: int | None = None
) -> list[AuditRecord]:
    statement = _select(query or AuditQuery()).offset(offset).limit(limit)
    return [AuditRecord.of(entry) for entry in session.scalars(statement)]


def count_audit(session: Session, query: AuditQuery | None = None) -> int:
    conditions = (query or AuditQuery()).where()
    return session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)) or 0


def audit_users(session: Session) -> list[str]:
    """Everyone who appears in the trail, for the user filter."""
    return list(session.scalars(select(AuditEntry.os_user).distinct().order_by(AuditEntry.os_user)))
