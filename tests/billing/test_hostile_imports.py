"""R11: files that once got in silently, were silently changed, or ended in a traceback."""

from __future__ import annotations

from pathlib import Path

from app import billing
from app.store import Database
from tests.billing.test_imports import CUSTOMER_HEADER, TRANSACTION_HEADER, _csv, _refusal
from tests.factories import customer


def _with_customer(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "C001")


def test_a_quote_inside_a_field_is_refused_on_its_line(db: Database, tmp_path: Path) -> None:
    _with_customer(db)
    path = _csv(
        tmp_path,
        TRANSACTION_HEADER,
        "C001,invoice,INV-1,2027-03-01,2027-03-31,10.00,,Bolts",
        'C001,invoice,INV-2,2027-03-01,2027-03-31,10.00,,"Widgets, 12" pack',
        "C001,invoice,INV-3,2027-03-01,2027-03-31,10.00,,Nuts",
    )
    assert _refusal(db, "import_transactions", path) == [
        "line 3, row: has a quote that is not closed on this line, or one inside a quoted field "
        '(write "" for a quote within quotes)'
    ]


def test_a_quote_never_closed_does_not_swallow_the_rows_below(db: Database, tmp_path: Path) -> None:
    _with_customer(db)
    path = _csv(
        tmp_path,
        TRANSACTION_HEADER,
        'C001,invoice,INV-1,2027-03-01,2027-03-31,10.00,,"Bolts',
        "C001,invoice,INV-2,2027-03-01,2027-03-31,10.00,,Nuts",
        "C001,invoice,INV-3,2027-03-01,2027-03-31,10.00,,Screws",
    )
    problems = _refusal(db, "import_transactions", path)
    assert problems[0].startswith("line 2, row: has a quote that is not closed on this line")


def test_quotes_written_properly_are_kept(db: Database, tmp_path: Path) -> None:
    _with_customer(db)
    path = _csv(
        tmp_path,
        TRANSACTION_HEADER,
        'C001,invoice,INV-1,2027-03-01,2027-03-31,10.00,,"Widgets, 12"" pack"',
        'C001,invoice,INV-2,2027-03-01,2027-03-31,10.00,,Bolts 3" long',
    )
    with db.transaction() as s:
        assert billing.import_transactions(s, path).rows == 2
        found = {t.number: t.description for t in billing.list_transactions(s)}
    assert found == {"INV-1": 'Widgets, 12" pack', "INV-2": 'Bolts 3" long'}


def test_bytes_that_are_not_utf8_are_named_by_their_line(db: Database, tmp_path: Path) -> None:
    _with_customer(db)
    rows = [f"C001,invoice,INV-{n},2027-03-01,2027-03-31,10.00,,Bolts" for n in range(40_005)]
    rows[40_000] = "C001,invoice,INV-X,2027-03-01,2027-03-31,10.00,,Café crème"
    path = tmp_path / "rows.csv"
    text = "\n".join([TRANSACTION_HEADER, *rows]) + "\n"
    path.write_bytes(text.encode("cp1252"))
    assert _refusal(db, "import_transactions", path) == [
        "line 40002, file: is not UTF-8 text (byte 52 of this line)"
    ]


def test_a_nul_character_is_refused_by_line_and_field(db: Database, tmp_path: Path) -> None:
    _with_customer(db)
    path = _csv(
        tmp_path,
        TRANSACTION_HEADER,
        "C001,invoice,INV-1,2027-03-01,2027-03-31,10.00,,Bo\x00lts",
        "C001,invoice,INV-2,2027-03-01,2027-03-31,10.00,,Nuts",
    )
    assert _refusal(db, "import_transactions", path) == [
        "line 2, description: contains a NUL character"
    ]


def test_numbers_and_dates_are_read_exactly_as_the_readme_says(
    db: Database, tmp_path: Path
) -> None:
    _with_customer(db)
    path = _csv(
        tmp_path,
        TRANSACTION_HEADER,
        "C001,invoice,INV-1,2027-03-01,2027-03-31,1e30,,",
        "C001,invoice,INV-2,2027-03-01,2027-03-31,1e3,,",
        "C001,invoice,INV-3,2027-03-01,2027-03-31,1_000,,",
        "C001,invoice,INV-4,2027-03-01,2027-03-31,١٢٣,,",
        f"C001,invoice,INV-5,2027-03-01,2027-03-31,{'9' * 29},,",
        "C001,invoice,INV-6,20261115,2027-03-31,10.00,,",
        "C001,invoice,INV-7,2026-W46-1,2027-03-31,10.00,,",
        "C001,payment,CHK-1,2027-03-01,2027-03-01,10.00,1.00,",
        "C001,payment,CHK-2,2027-03-01,2027-03-01,10.00,0,",
    )
    assert _refusal(db, "import_transactions", path) == [
        "line 2, amount: '1e30' is not an amount (use digits and a dot, like 1250.00)",
        "line 3, amount: '1e3' is not an amount (use digits and a dot, like 1250.00)",
        "line 4, amount: '1_000' is not an amount (use digits and a dot, like 1250.00)",
        "line 5, amount: '١٢٣' is not an amount (use digits and a dot, like 1250.00)",
        f"line 6, amount: '{'9' * 29}' is too large an amount",
        "line 7, invoice_date: '20261115' is not a date (use YYYY-MM-DD)",
        "line 8, invoice_date: '2026-W46-1' is not a date (use YYYY-MM-DD)",
        "line 9, tax: must be empty or 0: a payment has no tax",
    ]


def test_cutoff_days_take_only_the_digits_0_to_9(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        CUSTOMER_HEADER,
        "C1,One,1 Main St,,Oslo,,,,,,1_0",
        "C2,Two,1 Main St,,Oslo,,,,,,١٠",
        "C3,Three,1 Main St,,Oslo,,,,,,1e1",
        "C4,Four,1 Main St,,Oslo,,,,,,32",
        "C5,Five,1 Main St,,Oslo,,,,,,0",
        "C6,Six,1 Main St,,Oslo,,,,,,99999999999",
    )
    assert _refusal(db, "import_customers", path) == [
        "line 2, cutoff_day: '1_0' is not a day (use the digits 0 to 9)",
        "line 3, cutoff_day: '١٠' is not a day (use the digits 0 to 9)",
        "line 4, cutoff_day: '1e1' is not a day (use the digits 0 to 9)",
        "line 5, cutoff_day: must be a day from 1 to 31, or empty",
        "line 6, cutoff_day: must be a day from 1 to 31, or empty",
        "line 7, cutoff_day: '99999999999' is too large to be a day",
    ]
