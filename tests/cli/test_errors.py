"""Exit 1 with a one-line reason when the data refuses, exit 2 for bad usage, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.store import Database
from tests.billing.helpers import mark_printed
from tests.cli.conftest import Cli, Result

PREFIX = "invoice-batches: "


def _refused(result: Result, reason: str) -> None:
    assert (result.code, result.out) == (1, "")
    assert result.err == f"{PREFIX}{reason}\n"


@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999999"])
def test_a_batch_number_past_the_databases_integers_is_no_batch(books: Cli, number: str) -> None:
    for args in (("batch", "show", number), ("batch", "delete", number), ("report", number)):
        extra = ("--out", "x.pdf") if args[0] == "report" else ()
        _refused(books(*args, *extra), f"There is no invoice batch {number}.")


def test_a_date_before_year_1000_is_said_with_four_digits(books: Cli) -> None:
    _refused(
        books("generate", "--close-date", "0001-01-01"),
        "No invoice batch was created for 0001-01-01: no active customer has cutoff day 1.",
    )


def test_nothing_to_include(books: Cli) -> None:
    _refused(
        books("generate", "--close-date", "2026-11-14"),
        "No invoice batch was created for 2026-11-14: no active customer has cutoff day 14.",
    )
    _refused(
        books("generate", "--close-date", "2026-11-14", "--dry-run", "--json"),
        "No invoice batch was created for 2026-11-14: no active customer has cutoff day 14.",
    )
    assert books("batches", "--json").json() == []


def test_range_the_wrong_way_round(books: Cli) -> None:
    _refused(
        books(
            "generate", "--close-date", "2026-11-15", "--from-customer", "C2", "--to-customer", "C1"
        ),
        "ending customer: comes before the starting customer",
    )


PRINTED = (
    "Invoice batch 1 was printed on {day} and is read-only. "
    "Enter a credit or debit memo instead; it falls into the next batch."
)


@pytest.mark.parametrize(
    "args",
    [
        ("batch", "add", "1", "--customer", "C002", "--override"),
        ("batch", "add", "1", "--transactions", "INV-1002"),
        ("batch", "remove", "1", "--customer", "C001"),
        ("batch", "remove", "1", "--transactions", "CM-17"),
        ("batch", "delete", "1"),
    ],
)
def test_printed_batch(books: Cli, db: Database, args: tuple[str, ...]) -> None:
    books("generate", "--close-date", "2026-11-15")
    with db.transaction() as s:
        mark_printed(s, 1)
    result = books(*args)
    assert result.code == 1
    assert result.err.startswith(f"{PREFIX}Invoice batch 1 was printed on ")
    assert result.err.endswith("it falls into the next batch.\n")
    assert result.err.count("\n") == 1


def test_cutoff_refusal_and_override(books: Cli) -> None:
    books("batch", "new", "--close-date", "2026-11-15")
    _refused(
        books("batch", "add", "1", "--customer", "C002"),
        "Customer C002's cutoff day (20) does not fit the close date 2026-11-15. "
        "Add it with override to include it anyway.",
    )
    assert books("batch", "add", "1", "--customer", "C002", "--override").code == 0


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("batch", "show", "9"), "There is no invoice batch 9."),
        (("batch", "delete", "9"), "There is no invoice batch 9."),
        (("batch", "add", "9", "--customer", "C001"), "There is no invoice batch 9."),
        (("batch", "add", "1", "--customer", "C999"), "There is no customer C999."),
        (
            ("batch", "add", "1", "--transactions", "NOPE"),
            "There is no invoice or memo numbered NOPE.",
        ),
        (
            ("batch", "remove", "1", "--customer", "C001"),
            "Customer C001 is not in invoice batch 1.",
        ),
        (("settings", "set", "envelope", "C5"), "envelope: must be one of us10, din5008"),
    ],
)
def test_data_refusals(books: Cli, args: tuple[str, ...], reason: str) -> None:
    books("batch", "new", "--close-date", "2026-11-15")
    _refused(books(*args), reason)


def test_import_refusals(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "number,name,address1,address2,city,region,postal_code,country,email,phone,cutoff_day\n"
        "C1,,1 Main St,,Springfield,,,,,,40\n",
        encoding="utf-8",
    )
    _refused(
        cli("import", "customers", str(bad)),
        "line 2, name: is required; line 2, cutoff_day: must be a day from 1 to 31, or empty",
    )
    _refused(
        cli("import", "customers", str(tmp_path / "missing.csv")),
        "file: cannot be read: No such file or directory",
    )
    latin = tmp_path / "latin.csv"
    header = "customer,type,number,invoice_date,due_date,amount,tax,description"
    latin.write_bytes(f"{header}\nRené\n".encode("cp1252"))
    _refused(
        cli("import", "transactions", str(latin)),
        "line 2, file: is not UTF-8 text (byte 4 of this line)",
    )
    assert cli("batches", "--json").json() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("generate", "--close-date", "2026-13-01"),
            "'2026-13-01' is not a date (there is no such day)",
        ),
        (("generate", "--close-date", "20261115"), "'20261115' is not a date (use YYYY-MM-DD)"),
        (("generate", "--close-date", "2026-W46-1"), "'2026-W46-1' is not a date (use YYYY-MM-DD)"),
        (("generate", "--close-date", "15.11.2026"), "'15.11.2026' is not a date (use YYYY-MM-DD)"),
        (("generate",), "the following arguments are required: --close-date"),
        (("batch", "show", "x"), "'x' is not a batch number"),
        (("batch", "show", "0"), "'0' is not a batch number"),
        (("batch", "delete", "-3"), "'-3' is not a batch number"),
        (("batch", "show", "1e3"), "'1e3' is not a batch number (use the digits 0 to 9)"),
        (("batch", "show", "1_000"), "'1_000' is not a batch number (use the digits 0 to 9)"),
        (("batch", "show", "١٢"), "'١٢' is not a batch number (use the digits 0 to 9)"),
        (("batch", "add", "1"), "one of the arguments --customer --transactions is required"),
        (("batch",), "the following arguments are required: ACTION"),
        (("import", "invoices", "x.csv"), "invalid choice: 'invoices'"),
        (("settings", "set", "colour", "red"), "invalid choice: 'colour'"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
        (("batches", "--csv"), "unrecognized arguments: --csv"),
    ],
)
def test_bad_usage_exits_2(offline_cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = offline_cli(*args)
    assert (result.code, result.out) == (2, "")
    assert message in result.err
    assert result.err.startswith("usage: invoice-batches")
    assert "Traceback" not in result.err


@pytest.mark.parametrize("engine", ["oracle", "mysql", "mssql+pyodbc", "postgresql+asyncpg"])
def test_an_engine_it_does_not_work_with_is_named(offline_cli: Cli, engine: str) -> None:
    result = offline_cli("batches", db_url=f"{engine}://clerk@server/books")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"{PREFIX}the database URL is not usable: Invoice Batches works with SQLite "
        "(sqlite:///path/to/file.sqlite3) or PostgreSQL (postgresql://user@host/database), "
        f"not {engine}.\n"
    )


@pytest.mark.parametrize("url", ["nonsense://x", "not a url"])
def test_unusable_database_url(offline_cli: Cli, url: str) -> None:
    result = offline_cli("batches", db_url=url)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"{PREFIX}the database URL is not usable: ")
    assert result.err.count("\n") == 1


def test_unreachable_server_is_one_line(offline_cli: Cli) -> None:
    result = offline_cli("batches", db_url="postgresql://postgres@127.0.0.1:9/none")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{PREFIX}Cannot reach the database server 127.0.0.1:9/none (Connection refused). "
        "Check the host name and port, the network connection, and that the server is running.\n"
    )
