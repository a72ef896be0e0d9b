"""What every benchmark over the year of history starts with: its arguments, and a database
(--db, else a temporary SQLite file) loaded with the dataset."""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from app.store import Database, open_database
from bench.dataset import (
    ContractDataset,
    Dataset,
    WorkDataset,
    load,
    load_contracts,
    load_work,
)


def arguments(
    description: str, runs: int, runs_help: str, argv: Sequence[str] | None = None
) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", metavar="URL", help="an empty database (default: a temp SQLite)")
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=runs, help=runs_help)
    return parser.parse_args(argv)


def tidy(engine: Engine) -> None:
    """Leave no dead row versions behind on PostgreSQL, so the next measure starts level."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE ar_transactions")


@contextmanager
def loaded_database(args: argparse.Namespace) -> Iterator[tuple[Database, float]]:
    """The database with the dataset loaded and tidied, and when loading started."""
    with tempfile.TemporaryDirectory(prefix="invoice-batches-bench-") as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        db = open_database(url, backup_to=Path(folder))
        try:
            started = time.perf_counter()
            load(db.engine, Dataset(args.customers, args.transactions))
            tidy(db.engine)
            print(f"database: {db.engine.dialect.name} {db.display_name}")
            yield db, started
        finally:
            db.dispose()


def work_arguments(
    description: str, runs: int, runs_help: str, argv: Sequence[str] | None = None
) -> argparse.Namespace:
    """The arguments of a benchmark over unbilled work rather than the year of history."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", metavar="URL", help="an empty database (default: a temp SQLite)")
    parser.add_argument("--customers", type=int, default=5_000)
    parser.add_argument("--entries", type=int, default=100_000, help="unbilled work entries")
    parser.add_argument("--runs", type=int, default=runs, help=runs_help)
    return parser.parse_args(argv)


def tidy_tables(engine: Engine, *tables: str) -> None:
    """As `tidy`, for the tables a benchmark changed and put back."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(f"VACUUM ANALYZE {', '.join(tables)}")


@contextmanager
def loaded_work_database(args: argparse.Namespace) -> Iterator[tuple[Database, float]]:
    """The database with the unbilled work of `work_arguments` loaded and tidied, and when
    loading started."""
    with tempfile.TemporaryDirectory(prefix="invoice-batches-bench-") as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        db = open_database(url, backup_to=Path(folder))
        try:
            started = time.perf_counter()
            load_work(db.engine, WorkDataset(args.customers, args.entries))
            tidy_tables(db.engine, "customers", "service_types", "work_entries")
            print(f"database: {db.engine.dialect.name} {db.display_name}")
            yield db, started
        finally:
            db.dispose()


def recurring_arguments(
    description: str, runs: int, runs_help: str, argv: Sequence[str] | None = None
) -> argparse.Namespace:
    """The arguments of a benchmark over contracts (R16) rather than the year of history."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", metavar="URL", help="an empty database (default: a temp SQLite)")
    parser.add_argument("--customers", type=int, default=4_000)
    parser.add_argument("--contracts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=runs, help=runs_help)
    parser.add_argument("--profile", metavar="FILE", help="also profile one billing run to FILE")
    return parser.parse_args(argv)


@contextmanager
def loaded_contract_database(args: argparse.Namespace) -> Iterator[tuple[Database, float]]:
    """The database with the contracts of `recurring_arguments` loaded and tidied, and when
    loading started."""
    with tempfile.TemporaryDirectory(prefix="invoice-batches-bench-") as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        db = open_database(url, backup_to=Path(folder))
        try:
            started = time.perf_counter()
            load_contracts(db.engine, ContractDataset(args.customers, args.contracts))
            tidy_tables(db.engine, "customers", "contracts")
            print(f"database: {db.engine.dialect.name} {db.display_name}")
            yield db, started
        finally:
            db.dispose()
