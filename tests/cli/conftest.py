"""Run the command line in-process against the test database, capturing what it prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.store import Database

CUSTOMERS_CSV = """\
number,name,address1,address2,city,region,postal_code,country,email,phone,cutoff_day
C001,Łódź Müller & Søn,ul. Piotrkowska 1,,Łódź,,90-001,Poland,,,15
C002,Acme,1 Main St,,Springfield,IL,62701,USA,,,20
"""
TRANSACTIONS_CSV = """\
customer,type,number,invoice_date,due_date,amount,tax,description
C001,invoice,INV-1001,2026-11-02,2026-12-02,1200.00,100.00,Widgets
C001,credit_memo,CM-17,2026-11-10,2026-11-10,50.00,,Returned widgets
C001,payment,CHK-1,2026-11-05,2026-11-05,300.00,,
C002,invoice,INV-1002,2026-11-03,2026-12-03,500.00,40.00,Gadgets
"""


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Cli = Callable[..., Result]


def _runner(capsys: pytest.CaptureFixture[str], url: str | None) -> Cli:
    def run(*args: str, db_url: str | None = url) -> Result:
        capsys.readouterr()
        try:
            code = main([*(["--db", db_url] if db_url else []), *args])
        except SystemExit as done:  # argparse: --version, --help and bad usage
            code = done.code if isinstance(done.code, int) else 0
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def cli(db: Database, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`cli("batches", "--json")` runs `invoice-batches --db URL batches --json`."""
    return _runner(capsys, db.url.render_as_string(hide_password=False))


@pytest.fixture
def offline_cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """The CLI with no --db: for what fails, or ends, before any database is opened."""
    return _runner(capsys, None)


@pytest.fixture
def books(cli: Cli, tmp_path: Path) -> Cli:
    """The CLI over a database with two customers and their November documents."""
    customers = tmp_path / "customers.csv"
    customers.write_text(CUSTOMERS_CSV, encoding="utf-8")
    transactions = tmp_path / "transactions.csv"
    transactions.write_text(TRANSACTIONS_CSV, encoding="utf-8")
    assert cli("import", "customers", str(customers)).out == "Imported 2 customers.\n"
    assert cli("import", "transactions", str(transactions)).out == "Imported 4 transactions.\n"
    return cli
