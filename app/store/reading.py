"""Sessions that only read: on SQLite they begin deferred, so under WAL they read while another
connection writes; on PostgreSQL the server holds them read-only. Neither may write."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

# The execution option that marks a reader's connections; the begin hook in engine.py checks it.
READ_ONLY = "invoice_batches_read_only"


class WriteWhileReading(RuntimeError):
    """A programming error: something tried to write through `Database.read()`."""


def _refuse_flush(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    raise WriteWhileReading(
        "A session from Database.read() cannot save changes; use Database.transaction()."
    )


def _refuse_change(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise WriteWhileReading(
            "A session from Database.read() cannot change rows; use Database.transaction()."
        )


def reader_sessions(engine: Engine) -> sessionmaker[Session]:
    """A factory of sessions that read and refuse to write."""
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    sessions = sessionmaker(engine.execution_options(**options), expire_on_commit=False)
    event.listen(sessions, "before_flush", _refuse_flush)
    event.listen(sessions, "do_orm_execute", _refuse_change)
    return sessions
