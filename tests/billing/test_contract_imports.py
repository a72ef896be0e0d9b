"""`import contracts` (DESIGN.md §6, R16, R11): all rows or none, every bad row named by its
line and field, and what is stored exactly what the file says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from app import billing
from app.billing import Billing, ContractDraft, InvalidInput
from app.billing.contract_imports import import_contracts
from app.models import AuditEntry, Contract
from app.store import Database
from tests.billing.helpers import count
from tests.factories import customer

HEADER = "number,customer,name,amount,period_months,start_date,end_date,taxable,billing"


def _csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "contracts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def customers(db: Database) -> Database:
    with db.transaction() as s:
        customer(s, "C001")
        customer(s, "C002", cutoff_day=None)
        billing.create_contract(
            s,
            ContractDraft("K-OLD", "C001", "Old support", Decimal("10.00"), 1, dt.date(2025, 1, 1)),
        )
    return db


def _refusal(db: Database, path: Path) -> list[str]:
    """Run a refused import; return its problems and check that nothing was added."""
    with db.transaction() as s:
        before = (count(s, Contract), count(s, AuditEntry))
    with pytest.raises(InvalidInput) as refused, db.transaction() as s:
        import_contracts(s, path)
    with db.transaction() as s:
        assert (count(s, Contract), count(s, AuditEntry)) == before
    return [str(p) for p in refused.value.problems]


def test_import_stores_each_value_and_the_defaults(customers: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "\ufeff" + HEADER,
        "K-1, C001 ,Monthly support,100.00,1,2026-01-31,,,",
        'K-2,C002,"Quarterly, hosting",300,3,2026-01-15,2026-05-20,no,arrears',
        "K-3,C001,Yearly licence,1200.5,12,2026-03-01,2027-02-28,TRUE,Advance",
        "K-4,C001,Half-yearly audit,0.01,6,2026-02-28,2026-02-28,0,advance",
    )
    with customers.transaction() as s:
        assert billing.IMPORTERS["contracts"](s, path).rows == 4
    with customers.read() as s:
        stored = {
            c.number: (
                c.customer_number,
                c.name,
                c.amount,
                c.period_months,
                c.start_date,
                c.end_date,
                c.taxable,
                c.billing,
                c.active,
                c.billed_through,
            )
            for c in billing.list_contracts(s)
        }
        audit = billing.list_audit(s, billing.AuditQuery())
    day = dt.date.fromisoformat
    assert stored == {
        "K-OLD": ("C001", "Old support", Decimal("10.00"), 1, day("2025-01-01"), None, True,
                  Billing.ADVANCE, True, None),
        "K-1": ("C001", "Monthly support", Decimal("100.00"), 1, day("2026-01-31"), None, True,
                Billing.ADVANCE, True, None),
        "K-2": ("C002", "Quarterly, hosting", Decimal("300.00"), 3, day("2026-01-15"),
                day("2026-05-20"), False, Billing.ARREARS, True, None),
        "K-3": ("C001", "Yearly licence", Decimal("1200.50"), 12, day("2026-03-01"),
                day("2027-02-28"), True, Billing.ADVANCE, True, None),
        "K-4": ("C001", "Half-yearly audit", Decimal("0.01"), 6, day("2026-02-28"),
                day("2026-02-28"), False, Billing.ADVANCE, True, None),
    }  # fmt: skip
    assert (audit[-1].action, audit[-1].detail) == ("import", "4 contracts from contracts.csv")


def test_every_bad_row_is_named_by_line_and_field(customers: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        HEADER,
        "K-1,C001,Good,100.00,1,2026-01-31,,yes,advance",
        "K-2,C404,Nobody's,100.00,1,2026-01-31,,yes,advance",
        "K-1,C001,Twice,100.00,1,2026-01-31,,yes,advance",
        "K-OLD,C001,Already there,100.00,1,2026-01-31,,yes,advance",
        "K-3,C001,Two months,100.00,2,2026-01-31,,yes,advance",
        "K-4,C001,Monthly,100.00,one,2026-01-31,,yes,advance",
        "K-5,C001,Backwards,100.00,1,2026-01-31,2026-01-30,yes,advance",
        "K-6,C001,Free,0.00,1,2026-01-31,,yes,advance",
        "K-7,C001,Maybe,100.00,1,2026-01-31,,perhaps,upfront",
        "K-8,C001,Undated,100.00,1,,31/12/2026,yes,advance",
        ",,,1.234,12,2026-02-30,,,",
    )
    assert _refusal(customers, path) == [
        "line 3, customer: there is no customer C404",
        "line 4, number: K-1 is also on line 2",
        "line 5, number: contract K-OLD already exists",
        "line 6, period_months: must be 1, 3, 6 or 12 months",
        "line 7, period_months: 'one' is not a number of months (use the digits 0 to 9)",
        "line 8, end_date: is before the start date",
        "line 9, amount: must be from 0.01 to 999999999.99",
        "line 10, taxable: 'perhaps' is not yes or no",
        "line 10, billing: 'upfront' is not advance or arrears",
        "line 11, start_date: is empty",
        "line 11, end_date: '31/12/2026' is not a date (use YYYY-MM-DD)",
        "line 12, amount: '1.234' has more than two decimals",
        "line 12, start_date: '2026-02-30' is not a date (there is no such day)",
    ]


def test_a_row_without_number_customer_or_name(customers: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, HEADER, ",,,100.00,1,2026-01-31,,,", ",,,100.00,1,2026-01-31,,,")
    assert _refusal(customers, path) == [
        "line 2, number: is required",
        "line 2, customer: is required",
        "line 2, name: is required",
        "line 3, number: is required",
        "line 3, customer: is required",
        "line 3, name: is required",
    ]


def test_one_bad_row_saves_nothing_of_the_good_ones(customers: Database, tmp_path: Path) -> None:
    good = [f"K-{n},C001,Support {n},100.00,1,2026-01-{n:02},,," for n in range(1, 30)]
    path = _csv(tmp_path, HEADER, *good, "K-99,C001,Support,100.00,4,2026-01-01,,,")
    assert _refusal(customers, path) == ["line 31, period_months: must be 1, 3, 6 or 12 months"]


def test_a_header_without_the_billing_column(customers: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, HEADER.removesuffix(",billing"), "K-1,C001,Support,100.00,1,2026-01-31,,")
    assert _refusal(customers, path) == ["line 1, billing: column is missing from the header"]
