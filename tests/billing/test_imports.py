"""R11 for CSV imports: all rows or none, and every bad row named with its line and field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from app import billing
from app.billing import InvalidInput
from app.models import ARTransaction, Customer
from app.store import Database
from tests.billing.helpers import count
from tests.factories import customer, transaction

CUSTOMER_HEADER = (
    "number,name,address1,address2,city,region,postal_code,country,email,phone,cutoff_day"
)
TRANSACTION_HEADER = "customer,type,number,invoice_date,due_date,amount,tax,description"


def _csv(tmp_path: Path, *lines: str, name: str = "rows.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _refusal(db: Database, importer: str, path: Path) -> list[str]:
    """Run a refused import; return its problems and check that no row was added."""
    with db.transaction() as s:
        before = (count(s, Customer), count(s, ARTransaction))
    with pytest.raises(InvalidInput) as refused, db.transaction() as s:
        getattr(billing, importer)(s, path)
    with db.transaction() as s:
        assert (count(s, Customer), count(s, ARTransaction)) == before
    return [str(p) for p in refused.value.problems]


def test_import_customers(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        CUSTOMER_HEADER,
        'C001,"Łódź Müller & Søn",ul. Piotrkowska 1,,Łódź,,90-001,Poland,lodz@example.com,,15',
        "C002, Acme ,1 Main St,Suite 2,Springfield,IL,62701,USA,,555-0100,",
    )
    with db.transaction() as s:
        assert billing.import_customers(s, path).rows == 2
    with db.transaction() as s:
        first, second = billing.list_customers(s)
    assert (first.number, first.name, first.cutoff_day) == ("C001", "Łódź Müller & Søn", 15)
    assert first.address_lines == (
        "Łódź Müller & Søn",
        "ul. Piotrkowska 1",
        "90-001 Łódź",
        "Poland",
    )
    assert (second.name, second.cutoff_day, second.active) == ("Acme", None, True)
    assert second.address_lines == ("Acme", "1 Main St", "Suite 2", "Springfield, IL 62701", "USA")


def test_import_customers_names_every_bad_row(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        customer(s, "C000")
    path = _csv(
        tmp_path,
        CUSTOMER_HEADER,
        "C001,Good,1 Main St,,Oslo,,,,,,15",
        "C002,Too late,1 Main St,,Oslo,,,,,,32",
        "C003,Not a day,1 Main St,,Oslo,,,,,,x",
        "C004,,1 Main St,,Oslo,,,,,,1",
        "C001,Twice,1 Main St,,Oslo,,,,,,1",
        "C000,Already there,1 Main St,,Oslo,,,,,,1",
        "C005,Mail,1 Main St,,Oslo,,,,not-an-address,,1",
        "C006,No street,,,,,,,,,1",
        "C007,Postal code only,1 Main St,,,,0150,,,,1",
        "C008,Not mailed,,,,,,,,,",
    )
    assert _refusal(db, "import_customers", path) == [
        "line 3, cutoff_day: must be a day from 1 to 31, or empty",
        "line 4, cutoff_day: 'x' is not a day (use the digits 0 to 9)",
        "line 5, name: is required",
        "line 6, number: C001 is also on line 2",
        "line 7, number: customer C000 already exists",
        "line 8, email: 'not-an-address' is not an email address",
        "line 9, address1: is required for a customer with a cutoff day: the envelope window "
        "shows it",
        "line 9, city: a customer with a cutoff day needs a city or a postal code for the envelope",
    ]


def test_import_customers_missing_header_column(db: Database, tmp_path: Path) -> None:
    header = CUSTOMER_HEADER.replace(",cutoff_day", ",cutoff")
    path = _csv(tmp_path, header, "C001,Good,,,,,,,,,15")
    assert _refusal(db, "import_customers", path) == [
        "line 1, cutoff_day: column is missing from the header",
        "line 1, cutoff: is not a known column",
    ]


def test_import_transactions(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        customer(s, "C001")
        customer(s, "C002")
    path = _csv(
        tmp_path,
        TRANSACTION_HEADER,
        "C001,invoice,INV-1,2027-03-01,2027-03-31,1250.00,100.00,Widgets",
        "C001,credit_memo,CM-1,2027-03-02,2027-03-02,0.10,,Return",
        "C002,DEBIT_MEMO,DM-1,2027-03-03,2027-04-02,7,0,Freight",
        "C001,payment,CHK-1,2027-03-04,2027-03-05,300.00,,",
        "C002,payment,CHK-1,2027-03-04,2027-03-04,0.20,,same check number",
    )
    with db.transaction() as s:
        assert billing.import_transactions(s, path).rows == 5
    with db.transaction() as s:
        rows = {(t.customer_number, t.number): t for t in billing.list_transactions(s)}
    assert len(rows) == 5
    invoice = rows[("C001", "INV-1")]
    assert (invoice.amount, invoice.tax, invoice.description) == (
        Decimal("1250.00"),
        Decimal("100.00"),
        "Widgets",
    )
    assert invoice.due_date == dt.date(2027, 3, 31)
    assert rows[("C001", "CM-1")].tax == Decimal("0.00")
    assert rows[("C002", "DM-1")].amount == Decimal("7.00")
    assert rows[("C001", "CHK-1")].due_date == dt.date(2027, 3, 5)


def test_import_transactions_names_every_bad_row(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        customer(s, "C001")
        transaction(s, "C001", "invoice", "INV-OLD", "2027-01-01", "1.00")
    path = _csv(
        tmp_path,
        TRANSACTION_HEADER,
        "C001,invoice,INV-1,2027-03-01,2027-03-31,10.00,,",
        "C001,bill,INV-2,2027-03-01,2027-03-31,10.00,,",
        "C001,invoice,INV-3,2027-02-30,2027-03-31,10.00,,",
        "C001,invoice,INV-4,2027-03-01,2027-03-31,0,,",
        "C001,invoice,INV-5,2027-03-01,2027-03-31,-1.00,,",
        "C001,invoice,INV-6,2027-03-01,2027-03-31,1.005,,",
        "C999,invoice,INV-7,2027-03-01,2027-03-31,10.00,,",
        "C001,credit_memo,INV-1,2027-03-01,2027-03-31,10.00,,",
        "C001,invoice,INV-OLD,2027-03-01,2027-03-31,10.00,,",
        "C001,invoice,INV-8,2027-03-01,2027-02-28,10.00,,",
        "C001,invoice,INV-9,2027-03-01,2027-03-31,1.000,abc,",
        "C001,invoice,INV-10,03/01/2027,2027-03-31,10.00,,",
    )
    assert _refusal(db, "import_transactions", path) == [
        "line 3, type: 'bill' is not one of invoice, credit_memo, debit_memo, payment",
        "line 4, invoice_date: '2027-02-30' is not a date (there is no such day)",
        "line 5, amount: must be greater than 0",
        "line 6, amount: must be greater than 0",
        "line 7, amount: '1.005' has more than two decimals",
        "line 8, customer: there is no customer C999",
        "line 9, number: INV-1 is also on line 2",
        "line 10, number: document INV-OLD already exists",
        "line 11, due_date: is before the invoice date",
        "line 12, amount: '1.000' has more than two decimals",
        "line 12, tax: 'abc' is not an amount (use digits and a dot, like 1250.00)",
        "line 13, invoice_date: '03/01/2027' is not a date (use YYYY-MM-DD)",
    ]


def test_import_transactions_missing_header_column(db: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, "customer,type,number,invoice_date,amount,tax,description", "x")
    assert _refusal(db, "import_transactions", path) == [
        "line 1, due_date: column is missing from the header"
    ]


def test_import_of_unreadable_files(db: Database, tmp_path: Path) -> None:
    latin = tmp_path / "latin1.csv"
    latin.write_bytes((TRANSACTION_HEADER + "\nC001,invoice,Ré,2027-03-01,,1,,\n").encode("cp1252"))
    assert _refusal(db, "import_transactions", latin) == [
        "line 2, file: is not UTF-8 text (byte 15 of this line)"
    ]
    assert _refusal(db, "import_transactions", tmp_path / "missing.csv") == [
        "file: cannot be read: No such file or directory"
    ]
    assert _refusal(db, "import_transactions", _csv(tmp_path, TRANSACTION_HEADER)) == [
        "file: has no rows below the header"
    ]
    extra = _csv(tmp_path, TRANSACTION_HEADER, "C001,invoice,A,2027-03-01,2027-03-01,1,,,x")
    assert _refusal(db, "import_transactions", extra) == [
        "line 2, row: has more values than the header has columns"
    ]
