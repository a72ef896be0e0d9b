"""The SQLAlchemy engine for an SQLite file or a server, tuned as each needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext

from app.store.clean_close import damage_seen
from app.store.reading import READ_ONLY
from app.store.urls import normalise_url, sqlite_path

SQLITE_BUSY_TIMEOUT_MS = 10_000
# A clerk should hear about a server that does not answer in seconds: without a timeout a
# server that takes the connection and stays silent holds the application for minutes.
CONNECT_TIMEOUT_SECONDS = 8
# SQLite's primary result codes for a damaged file (sqlite.org/rescode.html).
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26


def _lower(text: str | None) -> str | None:
    return None if text is None else str(text).lower()


def _tune_sqlite(engine: Engine, path: Path | None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy so the "begin" hook below decides how to begin.
        dbapi_connection.isolation_level = None
        # SQLite's own lower() folds A to Z only, so "łódź" would not find "Łódź"; Python's
        # folds every letter, as PostgreSQL's lower() does.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
            "synchronous=NORMAL",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            # A reader begins deferred: under WAL it reads its snapshot while another
            # connection writes, instead of waiting for that writer's lock.
            connection.exec_driver_sql("BEGIN")
            return
        # A deferred transaction that reads and then writes fails at once with "database is
        # locked" when another writer got there first; IMMEDIATE waits for busy_timeout instead.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        code = getattr(context.original_exception, "sqlite_errorcode", 0)
        if path is not None and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
            damage_seen(path)


def make_engine(url: str | URL) -> Engine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        _tune_sqlite(engine, path)
        return engine
    # The URL's own timeout and options win.
    arguments: dict[str, object] = {}
    if "connect_timeout" not in parsed.query:
        arguments["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    if "options" not in parsed.query:
        # A read over a long history is costed high enough for PostgreSQL to compile it (JIT):
        # 5.8 s of compiling for a 0.3 s read of one batch's kept figures at 1M transactions.
        # The reads here are short and planned once, so compiling never pays back.
        arguments["options"] = "-c jit=off"
    return create_engine(parsed, pool_pre_ping=True, connect_args=arguments)
