"""Migrations: a fresh database gets the whole schema; an older SQLite file is backed up first."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from app.models import Base
from app.store import Database, DatabaseTooNew, head_revision, open_database, schema
from app.store.backups import backup_sqlite

TABLES = {
    "alembic_version",
    "ar_transactions",
    "audit_log",
    "batch_exports",
    "contract_periods",
    "contracts",
    "counters",
    "customers",
    "deliveries",
    "invoice_batches",
    "invoice_lines",
    "kept_batches",
    "kept_figures",
    "original_prints",
    "service_types",
    "settings",
    "stale_customers",
    "work_entries",
}


def test_migrations_create_the_schema(db: Database) -> None:
    inspector = inspect(db.engine)
    assert set(inspector.get_table_names()) == TABLES
    for table in Base.metadata.sorted_tables:
        assert {c["name"] for c in inspector.get_columns(table.name)} == set(table.columns.keys())
    indexes = {i["name"]: i for i in inspector.get_indexes("ar_transactions")}
    assert indexes["uq_ar_transactions_document_number"]["unique"]
    # Only SQLite keeps it: on PostgreSQL no index names batch_id (revision 0012).
    assert ("ix_ar_transactions_unbatched" in indexes) == (db.engine.dialect.name == "sqlite")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
            head_revision()
        )
        counters = connection.execute(text("SELECT name, value FROM counters ORDER BY name"))
        assert counters.all() == [
            ("batch_number", 0),
            ("credit_memo_number", 0),
            ("debit_memo_number", 0),
            ("invoice_number", 0),
            ("run_due_through", 0),
        ]


def test_reopening_a_current_database_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'books.sqlite3'}"
    first = open_database(url, backup_to=tmp_path / "backups")
    first.dispose()
    again = open_database(url, backup_to=tmp_path / "backups")
    again.dispose()
    assert first.upgrade is not None
    assert (first.upgrade.from_revision, first.upgrade.backup) == (None, None)
    assert again.upgrade is None
    assert not (tmp_path / "backups").exists()


LATER_REVISION = '''"""a later revision, for the upgrade test"""
import sqlalchemy as sa
from alembic import op

revision = "later"
down_revision = "HEAD"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("upgrade_marker", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("upgrade_marker")
'''


def _with_a_later_revision(tmp_path: Path) -> Path:
    """A copy of the bundled migrations plus a newer revision that adds one table."""
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    revision = LATER_REVISION.replace("HEAD", head_revision())
    (migrations / "versions" / "later_test_revision.py").write_text(revision, encoding="utf-8")
    return migrations


def test_upgrading_an_older_sqlite_file_backs_it_up_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "books.sqlite3"
    bundled = head_revision()
    old = open_database(f"sqlite:///{path}")
    with old.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO customers (number, name, address1, address2, city, region, "
                "postal_code, country, email, phone, cutoff_day, active, notes) "
                "VALUES ('C1', 'Ann', '', '', '', '', '', '', '', '', 15, 1, '')"
            )
        )
    old.dispose()
    monkeypatch.setattr(schema, "MIGRATIONS", _with_a_later_revision(tmp_path))

    upgraded = open_database(f"sqlite:///{path}", backup_to=tmp_path / "backups")
    upgraded.dispose()

    upgrade = upgraded.upgrade
    assert upgrade is not None
    assert (upgrade.from_revision, upgrade.to_revision) == (bundled, "later")
    assert upgrade.backup is not None
    assert upgrade.backup.parent == tmp_path / "backups"
    assert upgrade.backup.name.startswith("books-before-later-")
    with sqlite3.connect(upgrade.backup) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchall() == [(bundled,)]
        assert backup.execute("SELECT number, name FROM customers").fetchall() == [("C1", "Ann")]
        assert not backup.execute(
            "SELECT name FROM sqlite_master WHERE name = 'upgrade_marker'"
        ).fetchall()
    with sqlite3.connect(path) as live:
        assert live.execute("SELECT version_num FROM alembic_version").fetchall() == [("later",)]
        assert live.execute("SELECT number FROM customers").fetchall() == [("C1",)]


def test_a_database_from_a_newer_version_is_refused(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    try:
        with pytest.raises(DatabaseTooNew) as refused:
            open_database(db.url.render_as_string(hide_password=False))
        assert str(refused.value) == (
            "This database was upgraded by a newer version of Invoice Batches "
            "(revision 9999). Install the newer version to open it."
        )
    finally:
        with db.engine.begin() as connection:
            connection.execute(
                text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()}
            )


def test_backup_sqlite_copies_what_is_still_in_the_wal(tmp_path: Path) -> None:
    source = tmp_path / "live.sqlite3"
    live = sqlite3.connect(source)
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("PRAGMA wal_autocheckpoint=0")
    live.execute("CREATE TABLE t (x INTEGER)")
    live.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(1000)])
    live.commit()
    assert (tmp_path / "live.sqlite3-wal").stat().st_size > 0
    target = backup_sqlite(source, tmp_path / "deep" / "copy.sqlite3")
    live.close()
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*), sum(x) FROM t").fetchone() == (1000, 499500)
