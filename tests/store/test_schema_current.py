"""The cheap "is the schema current?" answers as Alembic would, and leaves any doubt to it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from app.store import Database, head_revision, make_engine, open_database, schema
from app.store.schema_current import is_current, newest_revision

REPOSITORY = Path(__file__).resolve().parents[2]


def test_the_newest_revision_is_alembics_head() -> None:
    assert newest_revision(schema.MIGRATIONS) == head_revision()


def test_a_current_database_is_current(db: Database) -> None:
    assert is_current(db.engine, schema.MIGRATIONS)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        assert not is_current(db.engine, schema.MIGRATIONS)
    finally:
        with db.engine.begin() as connection:
            connection.execute(
                text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()}
            )


def test_a_new_database_is_not_current(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    try:
        assert not is_current(engine, schema.MIGRATIONS)
    finally:
        engine.dispose()


def _copy(tmp_path: Path) -> Path:
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    return migrations


def test_a_script_written_differently_leaves_it_to_alembic(tmp_path: Path) -> None:
    migrations = _copy(tmp_path)
    newest = migrations / "versions" / f"{head_revision()}_later.py"
    newest.write_text(
        f'revision: str = "later"\ndown_revision = "{head_revision()}"\n', encoding="utf-8"
    )
    assert newest_revision(migrations) is None


def test_two_heads_leave_it_to_alembic(tmp_path: Path) -> None:
    migrations = _copy(tmp_path)
    for name in ("left", "right"):
        (migrations / "versions" / f"{name}.py").write_text(
            f'revision = "{name}"\ndown_revision = "{head_revision()}"\n', encoding="utf-8"
        )
    assert newest_revision(migrations) is None


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'books.sqlite3'}"
    open_database(url).dispose()  # created here: Alembic runs
    code = (
        "import sys\n"
        "from app.store import open_database\n"
        f"open_database({url!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPOSITORY, capture_output=True, text=True, check=True
    )
    assert done.stdout == "[]\n"
