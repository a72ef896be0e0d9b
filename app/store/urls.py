"""Database URLs: which one to open, and what lies behind it."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from app.store.paths import default_url

ENV_VARIABLE = "INVOICE_BATCHES_DB"


def resolve_url(explicit: str | None = None) -> str:
    """The database to use: `--db`, else $INVOICE_BATCHES_DB, else the file in the data folder."""
    return explicit or os.environ.get(ENV_VARIABLE) or default_url()


# The engines and drivers the application is built and tested on; any other URL is refused up
# front, rather than failing later on a driver that is not installed.
SUPPORTED = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


class UnsupportedDatabase(ArgumentError):
    """A URL of an engine or driver Invoice Batches does not work with."""


def normalise_url(url: str | URL) -> URL:
    parsed = make_url(url)
    driver = SUPPORTED.get(parsed.drivername)
    if driver is None:
        raise UnsupportedDatabase(
            f"Invoice Batches works with SQLite (sqlite:///path/to/file.sqlite3) or PostgreSQL "
            f"(postgresql://user@host/database), not {parsed.drivername}."
        )
    return parsed.set(drivername=driver)


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for a server or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)
