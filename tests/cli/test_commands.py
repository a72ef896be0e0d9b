"""Every command of DESIGN.md §6 in its plain-text form, with exit code 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app import __version__, billing
from app.store import Database
from tests.billing.helpers import numbers_in, unbatched
from tests.cli.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]


def test_init(cli: Cli, db: Database) -> None:
    result = cli("init")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("Database ready: ")


def test_generate_prints_the_batch(books: Cli) -> None:
    result = books("generate", "--close-date", "2026-11-15", "--description", "Mid-month")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Created invoice batch 1.\n"
        "Batch 1  2026-11-15  generated unprinted 1 customers  2 transactions  "
        "amount due 950.00  Mid-month\n"
    )


def test_generate_options_reach_the_rules(books: Cli, db: Database) -> None:
    result = books(
        "generate",
        "--close-date",
        "2026-11-02",
        "--exclude-closing-date",
        "--from-customer",
        "C001",
        "--to-customer",
        "C001",
        "--override",
    )
    assert result.code == 0
    with db.transaction() as s:
        assert numbers_in(s, 1) == ["CM-17", "INV-1001"]


def test_dry_run_says_what_it_would_do(books: Cli, db: Database) -> None:
    result = books("generate", "--close-date", "2026-11-20", "--dry-run", "--override")
    assert result.code == 0
    assert result.out == (
        "Would create a batch of 2 customers and 3 transactions, amount due 1,490.00. "
        "Nothing was saved.\n"
    )
    with db.transaction() as s:
        assert billing.list_batches(s) == []


def test_batches_lists_newest_first(books: Cli) -> None:
    assert books("batches").out == "No invoice batches yet.\n"
    books("generate", "--close-date", "2026-11-15")
    books("opening-batch", "--close-date", "2026-11-03")
    assert books("batches").out == (
        "Batch 1  2026-11-15  generated unprinted 1 customers  2 transactions  "
        "amount due 950.00\n"
        "Batch 2  2026-11-03  opening   printed   1 customers  1 transactions  "
        "amount due 540.00  Opening batch\n"
    )


def test_batch_show_prints_each_customer(books: Cli) -> None:
    books("generate", "--close-date", "2026-11-15")
    lines = books("batch", "show", "1").out.splitlines()
    assert len(lines) == 2
    assert lines[1].split() == [
        "C001",
        *["Łódź", "Müller", "&", "Søn"],
        "former",
        "0.00",
        "payments",
        "300.00",
        "invoiced",
        "1,150.00",
        "charges",
        "0.00",
        "taxes",
        "100.00",
        "amount",
        "950.00",
    ]


def test_opening_batch(books: Cli) -> None:
    result = books("opening-batch", "--close-date", "2026-11-30")
    assert result.out == (
        "Created opening batch 1, marked printed.\n"
        "Batch 1  2026-11-30  opening   printed   2 customers  3 transactions  "
        "amount due 1,490.00  Opening batch\n"
    )


def test_manual_batch_add_remove_delete(books: Cli, db: Database) -> None:
    new = books("batch", "new", "--close-date", "2026-11-30", "--description", "Fixes")
    assert new.out == "Created invoice batch 1.\n"
    assert books("batch", "add", "1", "--customer", "C001", "--override").out == (
        "Added 2 transactions to invoice batch 1.\n"
    )
    assert books("batch", "add", "1", "--transactions", "INV-1002").out == (
        "Added 1 transactions to invoice batch 1.\n"
    )
    with db.transaction() as s:
        assert numbers_in(s, 1) == ["CM-17", "INV-1001", "INV-1002"]
    assert books("batch", "remove", "1", "--transactions", "CM-17,INV-1002").out == (
        "Removed 2 transactions from invoice batch 1.\n"
    )
    assert books("batch", "remove", "1", "--customer", "C001").out == (
        "Removed 1 transactions from invoice batch 1.\n"
    )
    books("batch", "add", "1", "--transactions", "CM-17")
    assert books("batch", "delete", "1").out == (
        "Deleted invoice batch 1; 1 transactions are unbatched again.\n"
    )
    with db.transaction() as s:
        assert unbatched(s) == ["CHK-1", "CM-17", "INV-1001", "INV-1002"]
        assert billing.list_batches(s) == []


def test_settings_set_and_show(books: Cli) -> None:
    assert books("settings", "set", "envelope", "DIN5008").out == "Set envelope.\n"
    shown = books("settings", "show").out.splitlines()
    assert "envelope             din5008" in shown
    assert len(shown) == len(billing.SETTING_KEYS)
    assert books("settings", "set", "tax_rate", "8.25").code == 0
    assert books("settings", "set", "show_invoice_lines", "false").code == 0
    shown = books("settings", "show").out.splitlines()
    assert "tax_rate             8.25" in shown
    assert "show_invoice_lines   false" in shown
    refused = books("settings", "set", "tax_rate", "8.12345")
    assert (refused.code, refused.err) == (
        1,
        "invoice-batches: tax_rate: has more than four decimals\n",
    )


def test_version(offline_cli: Cli) -> None:
    result = offline_cli("--version")
    assert (result.code, result.out) == (0, f"Invoice Batches {__version__}\n")


def test_python_dash_m_app_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"Invoice Batches {__version__}\n",
        "",
    )


def test_a_reader_that_leaves_early_gets_no_traceback(books: Cli, db: Database) -> None:
    """`batch show 1 | head`: the reader closes the pipe before the output is written."""
    books("generate", "--close-date", "2026-11-15")
    reader, writer = os.pipe()
    os.close(reader)
    with os.fdopen(writer, "w") as closed_pipe:
        url = db.url.render_as_string(hide_password=False)
        done = subprocess.run(
            [sys.executable, "-m", "app", "--db", url, "batch", "show", "1"],
            cwd=ROOT,
            stdout=closed_pipe,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert (done.returncode, done.stderr) == (1, "")
