"""Whether a database's schema is already the newest, answered without loading Alembic.

Nearly every start opens a database that is already current. Alembic's import and its walk of
the migration scripts cost more than the rest of opening it, so this reads the newest revision
from the scripts' own `revision = …` and `down_revision = …` lines and the stored one with one
query. Anything unusual (a merge, a line written differently, no version table) answers "not
known to be current", and Alembic itself decides.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from app.store.reading import READ_ONLY

# The lines script.py.mako writes: `revision = '0011'`, `down_revision = '0010'` or None.
_REVISION = re.compile(r"^revision = (['\"])([^'\"]+)\1$", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision = (?:None|(['\"])([^'\"]+)\1)$", re.MULTILINE)


def newest_revision(migrations: Path) -> str | None:
    """The one revision no other script revises, or None when the scripts do not say it plainly."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in (migrations / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision = _REVISION.findall(source)
        down = _DOWN_REVISION.findall(source)
        if len(revision) != 1 or len(down) != 1:
            return None
        revisions.add(revision[0][1])
        if down[0][1]:
            revised.add(down[0][1])
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 and revised <= revisions else None


def _stored_revisions(engine: Engine) -> list[str] | None:
    # Connecting may fail (a password, a server down): that goes to the caller as it would
    # from Alembic. Read as a reader does, so a writer at work does not hold the start up.
    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        try:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
            return [str(row[0]) for row in rows]
        except SQLAlchemyError:
            return None  # a new database: no version table yet


def is_current(engine: Engine, migrations: Path) -> bool:
    """True only when the database stores exactly the newest revision of `migrations`."""
    newest = newest_revision(migrations)
    return newest is not None and _stored_revisions(engine) == [newest]
