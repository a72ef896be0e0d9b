"""Restoring a backup over the local database file in use.

Everything is checked before anything changes: the file is a sound Invoice Batches database,
not from a newer version, and a backup of this database. The plan says what the restore will
lose. Then a safety backup of the file in use is made, the backup is staged with the higher
batch counter of the two (R4: a number is never handed out twice), and put in place in one
SQLite transaction; if the restored file cannot be opened, the safety backup goes back.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from app.store.backups import (
    backup_sqlite,
    checked_copy,
    integrity_problems,
    partial_folder,
    remove_copy,
    stamped,
    unusable_because,
)
from app.store.database import Database, open_database
from app.store.database_facts import (
    BATCH_COUNTER,
    IDENTITY_KEY,
    BatchState,
    DatabaseFacts,
    read_facts,
)
from app.store.errors import DatabaseError, DatabaseTooNew
from app.store.schema import refuse_too_new
from app.store.sqlite_file import opened
from app.store.urls import sqlite_path


def local_file(db: Database) -> Path:
    """The file behind `db`; a shared server is refused, it is backed up by whoever runs it."""
    path = sqlite_path(db.url)
    if path is None:
        raise DatabaseError(
            "The shared server is backed up by whoever runs it (for example with pg_dump); "
            "Invoice Batches backs up local database files only."
        )
    return path


@dataclass(frozen=True)
class RestorePlan:
    """What restoring `backup` will do, for the clerk to read before saying yes."""

    backup: Path
    database: Path  # the file in use, which the backup replaces
    company_name: str | None
    newest_batch: BatchState | None
    judged_by_name: bool  # the backup has no identity (made before 0003): its company decided
    batches_made_after: tuple[int, ...]  # gone after the restore
    batches_printed_after: tuple[int, ...]  # shown unprinted (or gone) after the restore
    customers_lost: int  # negative when the backup holds more
    transactions_lost: int
    identity: str | None  # of the database in use, kept by the restored file
    batch_counter: int  # the higher of the two: the restored file goes on from here


def _refused(backup: Path, reason: str) -> DatabaseError:
    return DatabaseError(f"{backup} cannot be restored: {reason}. Nothing was changed.")


def _backup_facts(backup: Path) -> DatabaseFacts:
    if not backup.is_file():
        raise _refused(backup, "the file does not exist")
    problem = unusable_because(backup)
    if problem is not None:
        raise _refused(backup, problem)
    try:
        # immutable: nobody writes a backup, and reading it leaves no -wal or -shm beside it.
        with opened(backup, "ro&immutable=1") as source:
            problems = integrity_problems(source)
            facts = None if problems else read_facts(lambda sql: source.execute(sql).fetchall())
    except sqlite3.Error as error:
        raise _refused(backup, f"the file cannot be read ({error})") from error
    except DatabaseError as error:
        raise _refused(backup, str(error)) from error
    if facts is None:
        raise _refused(backup, f"the file is damaged ({'; '.join(problems[:3])})")
    try:
        refuse_too_new(facts.revision)
    except DatabaseTooNew:
        raise _refused(
            backup,
            f"it was made by a newer version of Invoice Batches (revision {facts.revision}); "
            "install the newer version to restore it",
        ) from None
    return facts


def _current_facts(db: Database) -> DatabaseFacts:
    with db.read() as session:  # one snapshot, waiting behind no writer
        connection = session.connection()
        return read_facts(lambda sql: connection.exec_driver_sql(sql).all())


def _same_database(backup: Path, kept: DatabaseFacts, current: DatabaseFacts) -> bool:
    """Refuse another company's backup; True when only the company name could tell."""
    if kept.identity is not None:
        if kept.identity != current.identity:
            raise _refused(
                backup,
                f"it is a backup of another database (company {kept.company_name!r}), "
                f"not of this one (company {current.company_name!r})",
            )
        return False
    if kept.company_name != current.company_name:
        raise _refused(
            backup,
            "it was made before backups carried their database's identity, and its company "
            f"{kept.company_name!r} is not this database's ({current.company_name!r})",
        )
    return True


def plan_restore(db: Database, backup: Path) -> RestorePlan:
    """Check `backup` against the database in use and say what restoring it would lose.

    Raises DatabaseError, in the clerk's words, when it cannot be restored; changes nothing."""
    path = local_file(db)
    if backup.resolve() == path.resolve():
        raise DatabaseError("That is the database in use, not a backup of it.")
    kept = _backup_facts(backup)
    current = _current_facts(db)
    judged_by_name = _same_database(backup, kept, current)
    numbers_then = {b.number for b in kept.batches}
    printed_then = {b.number for b in kept.batches if b.printed}
    return RestorePlan(
        backup=backup,
        database=path,
        company_name=kept.company_name,
        newest_batch=kept.newest_batch,
        judged_by_name=judged_by_name,
        batches_made_after=tuple(b.number for b in current.batches if b.number not in numbers_then),
        batches_printed_after=tuple(
            b.number for b in current.batches if b.printed and b.number not in printed_then
        ),
        customers_lost=current.customers - kept.customers,
        transactions_lost=current.transactions - kept.transactions,
        identity=current.identity,
        batch_counter=max(current.batch_counter, kept.batch_counter),
    )


def _stage(plan: RestorePlan, staged: Path) -> None:
    """A checked copy of the backup that keeps this database's identity and counter."""
    checked_copy(plan.backup, staged)
    with closing(sqlite3.connect(staged)) as copy:
        copy.execute(
            "UPDATE counters SET value = max(value, ?) WHERE name = ?",
            (plan.batch_counter, BATCH_COUNTER),
        )
        if plan.identity is not None:
            # A backup made before 0003 takes this database's identity; 0003 then keeps it.
            copy.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                (IDENTITY_KEY, plan.identity),
            )
        copy.commit()


def _put_in_place(source: Path, path: Path) -> None:
    """Copy `source` over the file at `path` in one SQLite transaction: all of it or none."""
    with opened(source, "ro") as src, opened(path, "rw") as dst:
        src.backup(dst)


def restore_backup(db: Database, backup: Path, folder: Path) -> tuple[Database, Path]:
    """Replace the file behind `db` with `backup` after the checks of `plan_restore`, and open
    it again (`db` is closed). Returns the reopened database and the safety backup."""
    plan = plan_restore(db, backup)
    path = local_file(db)
    safety = backup_sqlite(path, stamped(folder, path.stem, "before-restore"))
    staged = partial_folder(folder) / f"{path.stem}-restoring{path.suffix}"
    try:
        staged.parent.mkdir(parents=True, exist_ok=True)
        _stage(plan, staged)
        db.dispose()
        _put_in_place(staged, path)
    except (sqlite3.Error, OSError, DatabaseError) as error:
        raise DatabaseError(
            f"{backup} could not be restored: {error}. The database is as it was; "
            f"a safety backup of it is in {safety}."
        ) from error
    finally:
        with suppress(OSError):
            remove_copy(staged)
            staged.parent.rmdir()
    try:
        return open_database(f"sqlite:///{path}", backup_to=folder), safety
    except Exception:
        # The old engine stays usable after dispose(): it reconnects to the file put back.
        _put_in_place(safety, path)
        raise
