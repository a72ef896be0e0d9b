"""The databases of issue 16's scale benchmark, built once into a cache and reused.

    .venv/bin/python -m bench.scale_data [--rebuild] [--size 100k|1m] [--engine sqlite|postgresql]

- `scale-100k.sqlite3`, `scale-1m.sqlite3` in /tmp/scale-data, and the PostgreSQL databases
  `scale_100k`, `scale_1m`: three years of a mid-size company (bench/dataset.py's History),
  10,000 customers over 33 months and 1,005 batches, and the last 87 days of the same history;
- the PostgreSQL databases `scale_claim_100k`, `scale_claim_1m`: bench/generate.py's year of
  history with nothing batched, what `generate --override` claims (R3).
Measures must not change them: copy the SQLite file, or `CREATE DATABASE mine TEMPLATE scale_1m`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from app.billing.keeping import keep_figures
from app.store import open_database
from bench.dataset import HISTORY_MONTHS_START, Dataset, History, load, load_history
from bench.session import tidy_tables

CACHE = Path("/tmp/scale-data")
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
CUSTOMERS = 10_000
SIZES = ("100k", "1m")
ENGINES = ("sqlite", "postgresql")
HISTORIES = {
    "1m": History(CUSTOMERS, HISTORY_MONTHS_START),
    # The tail of the same history holding both fee runs: the same 10,000- and 5,000-customer
    # batches, with a tenth of the history before and around them.
    "100k": History(CUSTOMERS, dt.date(2026, 7, 6)),
}
CLAIMS = {"100k": Dataset(CUSTOMERS, 100_000), "1m": Dataset(CUSTOMERS, 1_000_000)}


@dataclass(frozen=True)
class Kept:
    """A cached database: its URL, and whether it is there."""

    url: str
    exists: Callable[[], bool]
    drop: Callable[[], None]


def _server() -> Engine:
    return create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")


def server_has(name: str) -> bool:
    server = _server()
    try:
        with server.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
        return found is not None
    finally:
        server.dispose()


def run_on_server(statement: str) -> None:
    server = _server()
    try:
        with server.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        server.dispose()


def sqlite_path(size: str) -> Path:
    return CACHE / f"scale-{size}.sqlite3"


def history_database(size: str, engine: str) -> Kept:
    if engine == "sqlite":
        path = sqlite_path(size)
        return Kept(f"sqlite:///{path}", path.exists, lambda: path.unlink(missing_ok=True))
    name = f"scale_{size}"
    return Kept(
        f"{SERVER}/{name}",
        lambda: server_has(name),
        lambda: run_on_server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
    )


def claim_database(size: str) -> Kept:
    name = f"scale_claim_{size}"
    return Kept(
        f"{SERVER}/{name}",
        lambda: server_has(name),
        lambda: run_on_server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
    )


def _build(kept: Kept, fill: Callable[[Engine], None]) -> None:
    """Build into a scratch name and move it into place, so a half-built database is never
    taken for a cached one."""
    started = time.perf_counter()
    if kept.url.startswith("sqlite"):
        final = Path(kept.url.removeprefix("sqlite:///"))
        scratch = final.with_suffix(".building")
        scratch.unlink(missing_ok=True)
        url = f"sqlite:///{scratch}"
    else:
        final_name = kept.url.rsplit("/", 1)[1]
        url = f"{SERVER}/{final_name}_building"
        run_on_server(f"DROP DATABASE IF EXISTS {final_name}_building WITH (FORCE)")
        run_on_server(f"CREATE DATABASE {final_name}_building")
    db = open_database(url, backup_to=CACHE)
    try:
        fill(db.engine)
        tidy_tables(db.engine, "customers", "invoice_batches", "ar_transactions")
    finally:
        db.dispose()
    if kept.url.startswith("sqlite"):
        shutil.move(scratch, final)
    else:
        run_on_server(f"ALTER DATABASE {final_name}_building RENAME TO {final_name}")
    print(f"built {kept.url} in {time.perf_counter() - started:.0f} s", flush=True)


def _upgrade(url: str) -> None:
    """Migrate a cached database to this code's schema, as opening it in the app would, and
    bring its kept figures up to date, as the first list after an upgrade does once: so no copy
    of it pays for either inside a measure (a company in use has its figures kept)."""
    with tempfile.TemporaryDirectory(prefix="scale-upgrade-") as folder:
        db = open_database(url, backup_to=Path(folder))
        try:
            started = time.perf_counter()
            with db.transaction() as session:
                kept = keep_figures(session)
            if kept:
                seconds = time.perf_counter() - started
                print(f"kept the figures of {kept} customers of {url} in {seconds:.0f} s")
        finally:
            db.dispose()


def ensure(kept: Kept, fill: Callable[[Engine], None], rebuild: bool) -> str:
    """The URL of the cached database, built first when it is not there (or `rebuild`), and
    at this code's schema."""
    if rebuild:
        kept.drop()
    if kept.exists():
        _upgrade(kept.url)
    else:
        CACHE.mkdir(parents=True, exist_ok=True)
        _build(kept, fill)
    return kept.url


def ensure_history(size: str, engine: str, rebuild: bool = False) -> str:
    history = HISTORIES[size]
    return ensure(history_database(size, engine), lambda e: load_history(e, history), rebuild)


def ensure_claim(size: str, rebuild: bool = False) -> str:
    data = CLAIMS[size]
    return ensure(claim_database(size), lambda e: load(e, data), rebuild)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build again even when cached")
    parser.add_argument("--size", choices=SIZES, action="append")
    parser.add_argument("--engine", choices=ENGINES, action="append")
    args = parser.parse_args(argv)
    for size in args.size or SIZES:
        for engine in args.engine or ENGINES:
            print(ensure_history(size, engine, args.rebuild), flush=True)
        if "postgresql" in (args.engine or ENGINES):
            print(ensure_claim(size, args.rebuild), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
