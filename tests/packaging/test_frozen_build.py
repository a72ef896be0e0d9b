"""The frozen program, built with packaging/invoice_batches.spec, runs as the source does.

Slow: it builds the one-folder program with PyInstaller (about half a minute on two cores, or
nothing when build/frozen-test holds a build of the same sources), then runs both executables.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import __version__
from tests.conftest import IN_CI, POSTGRES_ADMIN_URL
from tests.packaging.frozen_build import executable, frozen_folder

pytestmark = pytest.mark.slow

CUSTOMERS = """\
number,name,address1,address2,city,region,postal_code,country,email,phone,cutoff_day
C001,Łódź Müller & Søn,Ul. Piotrkowska 12,,Łódź,,90-001,Poland,ap@muller.example,,15
C002,Bluebird Dental,410 Pine St,Suite 220,Seattle,WA,98101,United States,,,15
C003,Cedar Books,9 Elm Rd,,Portland,OR,97209,United States,,,20
"""
TRANSACTIONS = """\
customer,type,number,invoice_date,due_date,amount,tax,description
C001,invoice,INV-1001,2026-11-02,2026-12-02,1000.00,80.00,Office chairs
C001,credit_memo,CM-17,2026-11-10,2026-11-10,150.00,12.00,Returned chair
C001,payment,CHK 881,2026-11-12,2026-11-12,300.00,,
C002,debit_memo,DM-5,2026-11-05,2026-12-05,25.00,,Freight
C002,invoice,INV-1002,2026-11-15,2026-12-15,200.00,16.00,Paper
C003,invoice,INV-1003,2026-11-01,2026-12-01,50.00,,Not on the 15th
"""
EXPECTED_TOTALS = {
    "former_amount": "0.00",
    "payments": "300.00",
    "carry_over": "-300.00",
    "invoiced": "1050.00",
    "charges": "25.00",
    "taxes": "84.00",
    "invoice_amount": "859.00",
    "discounts": "0.00",
    "card_fees": "0.00",
    "aging": {
        "current": "859.00",
        "days_1_30": "0.00",
        "days_31_60": "0.00",
        "days_61_90": "0.00",
        "over_90": "0.00",
    },
}
EXPECTED_CUSTOMERS = {
    "C001": ("618.00", ["CM-17", "INV-1001"]),
    "C002": ("241.00", ["DM-5", "INV-1002"]),
}
GUI_SECONDS = 5.0
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def folder() -> Path:
    return frozen_folder()


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose home, data and settings folders are temporary: no real user data."""
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k != "INVOICE_BATCHES_DB"}
    env |= {
        "HOME": str(home),
        "USERPROFILE": str(home),
        "APPDATA": str(home / "AppData" / "Roaming"),
        "LOCALAPPDATA": str(home / "AppData" / "Local"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return env


class FrozenCli:
    """The console executable of the frozen program, on one database."""

    def __init__(self, folder: Path, db_url: str, env: dict[str, str]) -> None:
        self.program = executable(folder, "invoice-batches")
        self.db_url = db_url
        self.env = env

    def __call__(self, *args: str) -> str:
        result = subprocess.run(
            [str(self.program), "--db", self.db_url, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, f"{args}: {result.returncode}\n{result.stderr}"
        assert "Traceback" not in result.stderr
        return result.stdout


def write_csvs(folder: Path) -> tuple[Path, Path]:
    customers, transactions = folder / "customers.csv", folder / "transactions.csv"
    customers.write_text(CUSTOMERS, encoding="utf-8")
    transactions.write_text(TRANSACTIONS, encoding="utf-8")
    return customers, transactions


def import_and_generate(cli: FrozenCli, tmp_path: Path) -> dict[str, object]:
    customers, transactions = write_csvs(tmp_path)
    assert cli("init").startswith("Database ready: ")
    assert cli("import", "customers", str(customers)).strip() == "Imported 3 customers."
    assert cli("import", "transactions", str(transactions)).strip() == "Imported 6 transactions."
    batch: dict[str, object] = json.loads(cli("generate", "--close-date", "2026-11-15", "--json"))
    return batch


def assert_generated(batch: dict[str, object]) -> None:
    assert batch["number"] == 1
    assert batch["totals"] == EXPECTED_TOTALS
    customers = batch["customers"]
    assert isinstance(customers, list)
    assert {
        c["customer"]: (c["invoice_amount"], sorted(c["transactions"])) for c in customers
    } == EXPECTED_CUSTOMERS


def test_version(folder: Path, user_env: dict[str, str]) -> None:
    for name in ("invoice-batches", "InvoiceBatches"):
        result = subprocess.run(
            [str(executable(folder, name)), "--version"],
            capture_output=True,
            text=True,
            env=user_env,
            timeout=60,
            check=False,
        )
        assert (result.returncode, result.stdout) == (0, f"Invoice Batches {__version__}\n")


def test_init_import_generate_report_on_sqlite(
    folder: Path, user_env: dict[str, str], tmp_path: Path
) -> None:
    database = tmp_path / "frozen.sqlite3"
    cli = FrozenCli(folder, f"sqlite:///{database}", user_env)

    assert_generated(import_and_generate(cli, tmp_path))
    pdf = tmp_path / "batch-1.pdf"
    out = cli("report", "1", "--out", str(pdf))

    assert out.strip() == f"Wrote the first print of invoice batch 1 (3 pages) to {pdf}."
    reader = PdfReader(pdf)
    assert len(reader.pages) == 3  # the control page, then one page for each customer
    assert "Łódź Müller & Søn" in reader.pages[1].extract_text()
    listed = json.loads(cli("batches", "--json"))
    assert [(b["number"], b["printed"]) for b in listed] == [(1, True)]


def test_bundled_sample_company_imports(
    folder: Path, user_env: dict[str, str], tmp_path: Path
) -> None:
    sample = folder / "_internal" / "resources" / "sample"
    cli = FrozenCli(folder, f"sqlite:///{tmp_path / 'sample.sqlite3'}", user_env)
    cli("init")
    for what in ("customers", "transactions"):
        with (sample / f"{what}.csv").open(encoding="utf-8", newline="") as file:
            rows = sum(1 for _ in csv.DictReader(file))
        out = cli("import", what, str(sample / f"{what}.csv"))
        assert out.strip() == f"Imported {rows} {what}."


@pytest.fixture
def scratch_postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database, so the frozen program runs the migrations itself."""
    name = f"invoice_batches_frozen_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        admin.dispose()
        reason = str(error).splitlines()[0]
        if IN_CI:
            pytest.fail(f"PostgreSQL tests must run under CI, but: {reason}")
        pytest.skip(f"PostgreSQL is not available: {reason}")
    # The plain scheme a clerk types; the program picks the psycopg driver itself.
    url = make_url(POSTGRES_ADMIN_URL).set(drivername="postgresql", database=name)
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_init_import_generate_on_postgresql(
    folder: Path, user_env: dict[str, str], tmp_path: Path, scratch_postgres_url: str
) -> None:
    cli = FrozenCli(folder, scratch_postgres_url, user_env)

    assert_generated(import_and_generate(cli, tmp_path))


def archive_modules(folder: Path) -> set[str]:
    """The names of the modules in the executable's embedded archive."""
    viewer = [sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer", "-r", "-b"]
    listing = subprocess.run(
        [*viewer, str(executable(folder, "invoice-batches"))],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return {line.strip() for line in listing.stdout.splitlines() if line.startswith(" ")}


def test_bundle_keeps_what_is_loaded_by_name(folder: Path) -> None:
    modules = archive_modules(folder)
    internal = folder / "_internal"

    # keyring and SQLAlchemy find these at run time, never through an import statement.
    for backend in ("SecretService", "Windows", "macOS", "chainer", "fail", "null"):
        assert f"keyring.backends.{backend}" in modules
    assert next(internal.glob("keyring-*.dist-info/entry_points.txt")).is_file()
    for module in (
        "sqlalchemy.dialects.sqlite.pysqlite",
        "sqlalchemy.dialects.postgresql.psycopg",
        "psycopg",
        "psycopg_binary",
        "alembic.op",
    ):
        assert module in modules
    assert {p.name for p in (internal / "app" / "store" / "migrations").iterdir()} == {
        "env.py",
        "script.py.mako",
        "versions",
    }
    versions = {
        p.name for p in (internal / "app" / "store" / "migrations" / "versions").glob("*.py")
    }
    source = ROOT / "app" / "store" / "migrations" / "versions"
    assert versions == {p.name for p in source.glob("*.py")}
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "resources" / "icons" / "invoice-batches-256.png").is_file()


def qt_modules_imported_by_app() -> set[str]:
    pattern = re.compile(r"^\s*(?:from|import) PySide6\.(Qt\w+)", re.MULTILINE)
    sources = (ROOT / "app").rglob("*.py")
    return {name for path in sources for name in pattern.findall(path.read_text(encoding="utf-8"))}


def test_bundle_has_the_qt_the_app_uses_and_no_other(folder: Path) -> None:
    pyside = folder / "_internal" / "PySide6"
    bindings = {p.name.split(".")[0] for p in pyside.glob("Qt*.*") if p.is_file()}
    imported = qt_modules_imported_by_app()

    assert {"QtCore", "QtWidgets"} <= imported
    assert imported <= bindings
    # QtPdf and QtPdfWidgets (the report preview) are kept by the spec whatever imports them.
    assert {"QtPdf", "QtPdfWidgets"} <= bindings
    assert not {name for name in bindings if name.startswith(("QtWebEngine", "QtQml", "QtQuick"))}
    for library in ("Qt6WebEngine", "Qt6Quick", "Qt6Qml", "Qt6VirtualKeyboard"):
        assert not list(folder.rglob(f"*{library}*"))
    assert not list(pyside.rglob("*.qm"))  # Qt's translations


def test_gui_starts_offscreen(folder: Path, user_env: dict[str, str], tmp_path: Path) -> None:
    database = tmp_path / "gui.sqlite3"
    env = user_env | {"INVOICE_BATCHES_DB": f"sqlite:///{database}"}
    errors = tmp_path / "gui-stderr.txt"
    with errors.open("w") as stderr:
        # The first-run question about the sample company waits for the clerk: the program
        # stays up, which is what this test wants to see.
        gui = subprocess.Popen(
            [str(executable(folder, "InvoiceBatches"))],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            time.sleep(GUI_SECONDS)
            exit_code = gui.poll()
        finally:
            gui.terminate()
            gui.wait(timeout=30)
    output = errors.read_text(errors="replace")

    assert exit_code is None, f"the GUI exited with {exit_code}:\n{output}"
    assert "Traceback" not in output, output
    assert database.is_file()  # it opened and migrated the database before showing the window
