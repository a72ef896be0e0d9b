"""The customers CSV's optional columns (DESIGN.md §6): tax_rate, terms_days, delivery and tags
are read when the header has them, empty when it leaves them out, and every bad value is named
by its line and field with nothing saved (R11). On both databases."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from app import billing
from app.billing import Delivery, InvalidInput
from app.billing.imports import CUSTOMER_COLUMNS
from app.store import Database

REQUIRED = ",".join(CUSTOMER_COLUMNS)
ADDRESS = "1 Main St,,Oslo,,,,,,15"  # address1 to cutoff_day: a customer mailed on the 15th


def _csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored(db: Database) -> list[tuple[str, int | None, int | None, str, str]]:
    """The rows exactly as the database holds them: the tax rate in ten-thousandths."""
    with db.transaction() as session:
        rows = session.execute(
            text(
                "SELECT number, tax_rate, terms_days, delivery, tags FROM customers ORDER BY number"
            )
        )
        return [tuple(row) for row in rows]


def _refused(db: Database, path: Path) -> list[str]:
    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        billing.import_customers(session, path)
    assert _stored(db) == []
    return [str(problem) for problem in refused.value.problems]


def test_the_optional_columns_are_read_and_stored_exactly(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        f"{REQUIRED},tax_rate,terms_days,delivery,tags",
        f"C001,Taxed,{ADDRESS},8.25,45,Email,Retail; north ;retail;;North",
        f"C002,Exempt,{ADDRESS},0,0,BOTH,",
        f"C003,Company's,{ADDRESS},,,,wholesale",
        f"C004,Fine rate,{ADDRESS},7.1234%,3650,print,",
    )
    with db.transaction() as session:
        assert billing.import_customers(session, path).rows == 4
    assert _stored(db) == [
        ("C001", 82500, 45, "email", "Retail;north"),
        ("C002", 0, 0, "both", ""),
        ("C003", None, None, "print", "wholesale"),
        ("C004", 71234, 3650, "print", ""),
    ]
    with db.transaction() as session:
        taxed, exempt, company, fine = billing.list_customers(session)
    assert (taxed.tax_rate, taxed.terms_days, taxed.delivery) == (
        Decimal("8.25"),
        45,
        Delivery.EMAIL,
    )
    assert (exempt.tax_rate, exempt.terms_days) == (Decimal(0), 0)
    assert exempt.tax_rate is not None  # 0 is exempt, not the company's rate
    assert (company.tax_rate, company.terms_days, company.delivery) == (None, None, Delivery.PRINT)
    assert fine.tax_rate == Decimal("7.1234")


def test_a_file_without_the_optional_columns_takes_the_defaults(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(tmp_path, REQUIRED, f"C001,Plain,{ADDRESS}")
    with db.transaction() as session:
        assert billing.import_customers(session, path).rows == 1
    assert _stored(db) == [("C001", None, None, "print", "")]


def test_some_optional_columns_in_any_order(db: Database, tmp_path: Path) -> None:
    header = "tags,number,name,address1,address2,city,region,postal_code,country,email,phone,"
    path = _csv(
        tmp_path,
        f"{header}cutoff_day,delivery",
        f"vip;north,C001,Tagged,{ADDRESS},email",
    )
    with db.transaction() as session:
        billing.import_customers(session, path)
    assert _stored(db) == [("C001", None, None, "email", "vip;north")]


def test_an_unknown_column_is_still_refused(db: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, f"{REQUIRED},terms,tax_rate", f"C001,Ann,{ADDRESS},30,8")
    assert _refused(db, path) == ["line 1, terms: is not a known column"]


def test_every_bad_value_is_named_by_line_and_field(db: Database, tmp_path: Path) -> None:
    long_tag = "t" * 41
    path = _csv(
        tmp_path,
        f"{REQUIRED},tax_rate,terms_days,delivery,tags",
        f"C001,Good,{ADDRESS},8.25,30,email,retail",
        f"C002,Rate too fine,{ADDRESS},8.12345,,,",
        f"C003,Rate too high,{ADDRESS},100.5,,,",
        f"C004,Rate not a number,{ADDRESS},eight,,,",
        f"C005,Negative rate,{ADDRESS},-1,,,",
        f"C006,Terms not a number,{ADDRESS},,thirty,,",
        f"C007,Terms too long,{ADDRESS},,3651,,",
        f"C008,Fax,{ADDRESS},,,fax,",
        f"C009,Long tag,{ADDRESS},,,,ok;{long_tag}",
        f"C010,Two at once,{ADDRESS},1.5.0,-3,,",
    )
    assert _refused(db, path) == [
        "line 3, tax_rate: has more than four decimals",
        "line 4, tax_rate: must be from 0 to 100",
        "line 5, tax_rate: 'eight' is not a percentage (write 8.25 for 8.25 %)",
        "line 6, tax_rate: must be from 0 to 100",
        "line 7, terms_days: 'thirty' is not a number of days (use the digits 0 to 9)",
        "line 8, terms_days: must be a number of days from 0 to 3650, or empty",
        "line 9, delivery: 'fax' is not one of print, email, both",
        f"line 10, tags: has a tag longer than 40 characters: '{long_tag}'",
        "line 11, tax_rate: '1.5.0' is not a percentage (write 8.25 for 8.25 %)",
        "line 11, terms_days: '-3' is not a number of days (use the digits 0 to 9)",
    ]


def test_one_bad_row_among_good_ones_saves_nothing(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        f"{REQUIRED},delivery,tax_rate",
        f"C001,Ann,{ADDRESS},email,8.25",
        f"C002,Bob,{ADDRESS},post,0",
        f"C003,Cy,{ADDRESS},both,",
    )
    assert _refused(db, path) == ["line 3, delivery: 'post' is not one of print, email, both"]
