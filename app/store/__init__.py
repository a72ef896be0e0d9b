"""Where data lives and how it is reached, without Qt: engine and sessions, migrations,
backups, the remembered connection, keyring passwords and the lock on a local file.

The window and the command line open a database the same way, through this package.
"""

from app.store.database import Database, open_database
from app.store.engine import SQLITE_BUSY_TIMEOUT_MS, make_engine
from app.store.errors import DatabaseError, DatabaseTooNew
from app.store.paths import APP_NAME, backups_dir, config_dir, data_dir, default_url
from app.store.schema import (
    MIGRATIONS,
    Upgrade,
    alembic_config,
    current_revision,
    head_revision,
    migrate,
    refuse_too_new,
)
from app.store.urls import ENV_VARIABLE, normalise_url, resolve_url, sqlite_path

__all__ = [
    "APP_NAME",
    "ENV_VARIABLE",
    "MIGRATIONS",
    "SQLITE_BUSY_TIMEOUT_MS",
    "Database",
    "DatabaseError",
    "DatabaseTooNew",
    "Upgrade",
    "alembic_config",
    "backups_dir",
    "config_dir",
    "current_revision",
    "data_dir",
    "default_url",
    "head_revision",
    "make_engine",
    "migrate",
    "normalise_url",
    "open_database",
    "refuse_too_new",
    "resolve_url",
    "sqlite_path",
]
