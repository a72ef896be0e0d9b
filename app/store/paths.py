"""Where the application keeps its files: one place, so tests can point it elsewhere."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "InvoiceBatches"
DATABASE_FILE = "invoice-batches.sqlite3"


def data_dir() -> Path:
    """The local database, its lock and its backups."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The remembered choice of database (never a password)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def backups_dir() -> Path:
    return data_dir() / "backups"


def default_url() -> str:
    return f"sqlite:///{data_dir() / DATABASE_FILE}"
