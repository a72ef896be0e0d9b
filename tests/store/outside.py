"""SQL run as another program would run it: Python's sqlite3 on the file, or the real psql."""

from __future__ import annotations

import sqlite3
import subprocess

from app.store import Database, sqlite_path


def run_outside(db: Database, sql: str) -> str | None:
    """Run `sql` as another program would; None when it succeeded, else the engine's words."""
    path = sqlite_path(db.url)
    if path is not None:
        connection = sqlite3.connect(path)
        try:
            with connection:
                connection.execute(sql)
        except sqlite3.IntegrityError as error:
            return str(error)
        finally:
            connection.close()
        return None
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", str(db.url.database), "-c", sql]
    done = subprocess.run(psql, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return None
    assert done.returncode == 1, done.stderr
    return done.stderr.splitlines()[0].removeprefix("ERROR:  ")
