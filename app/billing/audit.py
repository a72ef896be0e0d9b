"""R20: the audit trail. Every change the rules make writes one entry, in its own transaction,
through `record`; a transaction that changed data without an entry is refused when it commits,
so a new rule cannot forget to write one. The database refuses to change or delete an entry.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Insert, bindparam, event, func, insert, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from app.models import AuditEntry

BATCH_ACTIONS = (
    "generate", "batch_new", "opening_batch", "add", "remove", "delete", "approve", "unapprove",
    "notes", "print", "send", "export", "discount",
)  # fmt: skip
OTHER_ACTIONS = (
    "import", "invoice_work", "bill_recurring", "contract_end", "contract_skip", "run_due",
    "setting",
)  # fmt: skip
RECORD_ACTIONS = tuple(
    f"{kind}_{change}"
    for kind in ("customer", "transaction", "work", "contract")
    for change in ("create", "update", "delete")
)
ACTIONS = frozenset(BATCH_ACTIONS + OTHER_ACTIONS + RECORD_ACTIONS)

_CHANGED, _AUDITED, _UNAUDITED, _DB_USER = (
    "audit:changed",
    "audit:written",
    "audit:not-audited",
    "audit:database-user",
)


class AuditMissing(RuntimeError):
    """A programming error: a transaction changed data and wrote no audit entry."""


def operating_system_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no user database entry: say so
        return "unknown"


def _database_user(session: Session) -> str | None:
    """On a shared server, the database user too: several clerks may share one computer login."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return _connection_user(session.connection())


def _connection_user(connection: Connection) -> str | None:
    if connection.dialect.name != "postgresql":
        return None
    # Asked once per pooled connection, which keeps its login: a send writes entries in a
    # short transaction per message, and asking each time was a round trip per entry.
    if _DB_USER not in connection.info:
        connection.info[_DB_USER] = connection.scalar(select(func.current_user()))
    user: str | None = connection.info[_DB_USER]
    return user


def _check_action(action: str) -> None:
    if action not in ACTIONS:
        raise ValueError(f"{action!r} is not an audit action")


def record(
    session: Session,
    action: str,
    *,
    batch: int | None = None,
    customer: str | None = None,
    transaction: str | None = None,
    detail: str = "",
) -> None:
    """Write the entry of the change being made in `session`'s transaction."""
    _check_action(action)
    session.add(
        AuditEntry(
            at=dt.datetime.now().replace(microsecond=0),
            os_user=operating_system_user(),
            db_user=_database_user(session),
            action=action,
            batch_number=batch,
            customer_number=customer,
            transaction_number=transaction,
            detail=detail,
        )
    )
    session.info[_AUDITED] = True


def record_each(session: Session, action: str, entries: Iterable[dict[str, Any]]) -> None:
    """One entry per record a run made (each a dict of `customer`, `transaction`, `detail`,
    and optionally `batch`), written in one statement: a run can make thousands."""
    rows = _rows(action, entries, _database_user(session))
    if rows:
        session.execute(insert(AuditEntry), rows)
        session.info[_AUDITED] = True


def record_each_on(connection: Connection, action: str, entries: Iterable[dict[str, Any]]) -> None:
    """As `record_each`, for the few entries of one short transaction open on a plain
    connection: for a writer that keeps no Session, as a send recording each message does (a
    Session a message cost more than its statements). No commit check stands behind it, so its
    caller writes the entries in the same transaction as the change they record."""
    rows = _rows(action, entries, _connection_user(connection))
    if rows:
        connection.execute(
            _insert_rows(len(rows), tuple(rows[0])),
            {f"{key}_{i}": value for i, row in enumerate(rows) for key, value in row.items()},
        )


@lru_cache(maxsize=16)
def _insert_rows(count: int, keys: tuple[str, ...]) -> Insert:
    # One statement with a row of values each, not one executed for each row: psycopg runs a
    # list of parameters as a pipeline, which costs more round trips than it saves here. Made
    # once for each count: building it afresh cost more than running it.
    columns = [AuditEntry.__table__.c[key] for key in keys]
    return insert(AuditEntry).values(
        [{c.key: bindparam(f"{c.key}_{i}", type_=c.type) for c in columns} for i in range(count)]
    )


def _rows(
    action: str, entries: Iterable[dict[str, Any]], db_user: str | None
) -> list[dict[str, Any]]:
    _check_action(action)
    at = dt.datetime.now().replace(microsecond=0)
    os_user = operating_system_user()
    return [
        {
            "at": at,
            "os_user": os_user,
            "db_user": db_user,
            "action": action,
            "batch_number": entry.get("batch"),
            "customer_number": entry.get("customer"),
            "transaction_number": entry.get("transaction"),
            "detail": entry.get("detail") or "",
        }
        for entry in entries
    ]


def not_audited(session: Session, why: str) -> None:
    """Let this transaction change data without an entry (test data, a repair); say why."""
    session.info[_UNAUDITED] = why


@event.listens_for(Session, "before_flush")
def _note_flushed_changes(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    changed = [*session.new, *session.deleted] + [
        obj for obj in session.dirty if session.is_modified(obj)
    ]
    if any(not isinstance(obj, AuditEntry) for obj in changed):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_changes(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _refuse_unaudited(session: Session) -> None:
    session.flush()
    info = session.info
    if info.get(_CHANGED) and not info.get(_AUDITED) and not info.get(_UNAUDITED):
        raise AuditMissing("This change wrote no audit entry; every change must (R20).")


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    for key in (_CHANGED, _AUDITED, _UNAUDITED):
        session.info.pop(key, None)
