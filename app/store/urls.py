"""Database URLs: which one to open, and what lies behind it."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from app.store.paths import default_url

ENV_VARIABLE = "INVOICE_BATCHES_DB"


def resolve_url(explicit: str | None = None) -> str:
    """The database to use: `--db`, else $INVOICE_BATCHES_DB, else the file in the data folder."""
    return explicit or os.environ.get(ENV_VARIABLE) or default_url()


def normalise_url(url: str | URL) -> URL:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for a server or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)
