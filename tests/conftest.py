"""Fixtures shared by every test: a fresh database per test (SQLite and PostgreSQL), a keyring."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.models import Base
from app.store import Database, clean_close, open_database
from tests.memory_keyring import MemoryKeyring, installed, no_keyring

POSTGRES_ADMIN_URL = os.environ.get(
    "INVOICE_BATCHES_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True, scope="session")
def _clean_closes_kept_apart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """What the application notes of the files it closed cleanly goes to this run's own
    folder, not to the user's configuration."""
    folder = tmp_path_factory.mktemp("config")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clean_close, "config_dir", lambda: folder)
        yield


def _postgres_unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"PostgreSQL tests must run under CI, but: {reason}")
    pytest.skip(f"PostgreSQL is not available: {reason}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database of its own on the local server for this test run, dropped afterwards."""
    name = f"invoice_batches_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        admin.dispose()
        _postgres_unavailable(str(error).splitlines()[0])
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    open_database(url).dispose()  # migrate once; tests empty the tables instead
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _empty_postgres(db: Database) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables if t.name != "counters")
    with db.engine.begin() as connection:
        # The audit log refuses TRUNCATE (R20); emptying a test database is the one exception,
        # and only a superuser can make it, as the server's replica mode skips the triggers.
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(text("UPDATE counters SET value = 0"))


@pytest.fixture
def sqlite_db(tmp_path: os.PathLike[str]) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path}/invoice-batches.sqlite3", backup_to=None)
    yield db
    db.dispose()


@pytest.fixture
def postgres_db(postgres_url: str) -> Iterator[Database]:
    db = open_database(postgres_url)
    _empty_postgres(db)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest) -> Database:
    """A fresh, migrated database: the same test runs once on SQLite and once on PostgreSQL."""
    name = "sqlite_db" if request.param == "sqlite" else "postgres_db"
    database: Database = request.getfixturevalue(name)
    return database


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def without_keyring() -> Iterator[None]:
    with installed(no_keyring()):
        yield
