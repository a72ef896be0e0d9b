"""`import service-types|work`, `work` and `invoice-work` exactly as DESIGN.md §6 says."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import billing
from app.store import Database
from tests.cli.conftest import Cli

TYPES_CSV = "code,name,rate,taxable\nLAB,Labour,12.75,yes\nCHEM,Chemicals,3.10,no\n"
WORK_CSV = """\
customer,date,service_type,description,worker,quantity,rate,billable
C001,2026-11-03,LAB,Pump check,Ana,0.5,,
C001,2026-11-10,CHEM,,Ben,2,,
C002,2026-11-05,LAB,Leak,Ben,2,,yes
C002,2026-11-06,LAB,Travel,Ben,1,,no
"""


@pytest.fixture
def worked(books: Cli, tmp_path: Path) -> Cli:
    """Two customers (C001 in Łódź, C002), the company's tax 10 %, and four work entries."""
    (tmp_path / "types.csv").write_text(TYPES_CSV, encoding="utf-8")
    (tmp_path / "work.csv").write_text(WORK_CSV, encoding="utf-8")
    imported = books("import", "service-types", str(tmp_path / "types.csv"))
    assert imported.out == "Imported 2 service types.\n"
    assert books("import", "work", str(tmp_path / "work.csv")).out == "Imported 4 work entries.\n"
    assert books("settings", "set", "tax_rate", "10").code == 0
    assert books("settings", "set", "terms_days", "14").code == 0
    return books


def test_work_lists_every_entry_or_the_unbilled(worked: Cli) -> None:
    entries = worked("work", "--json").json()
    assert entries[0] == {
        "customer": "C001",
        "date": "2026-11-03",
        "service_type": "LAB",
        "description": "Pump check",
        "worker": "Ana",
        "quantity": "0.50",
        "rate": "12.75",
        "amount": "6.38",
        "billable": True,
        "invoice": None,
    }
    assert len(entries) == 4
    unbilled = worked("work", "--unbilled", "--customer", "C002", "--json").json()
    assert [(e["description"], e["amount"]) for e in unbilled] == [("Leak", "25.50")]
    text = worked("work", "--worker", "ben", "--from", "2026-11-06").out.splitlines()
    assert text[-1] == "2 work entries, 18.95 in all."
    assert "not billable" in text[0]
    assert "unbilled" in text[1]


def test_invoice_work_dry_run_then_for_real(worked: Cli, db: Database) -> None:
    dry = worked("invoice-work", "--invoice-date", "2026-11-30", "--dry-run", "--json")
    assert dry.json() == [
        {"customer": "C001", "number": None, "invoice_date": "2026-11-30",
         "due_date": "2026-12-14", "amount": "12.58", "tax": "0.64", "lines": 2},
        {"customer": "C002", "number": None, "invoice_date": "2026-11-30",
         "due_date": "2026-12-14", "amount": "25.50", "tax": "2.55", "lines": 1},
    ]  # fmt: skip
    with db.read() as session:
        assert billing.count_transactions(session) == 4
    made = worked("invoice-work", "--invoice-date", "2026-11-30", "--customer", "C002")
    assert made.out == (
        "Made invoice INV-00001 for C002 (1 lines): 25.50 + tax 2.55, due 2026-12-14\n"
        "1 invoices, 28.05 with tax.\n"
    )
    rest = worked("invoice-work", "--invoice-date", "2026-11-30", "--json").json()
    assert [(i["customer"], i["number"], i["amount"]) for i in rest] == [
        ("C001", "INV-00002", "12.58")
    ]
    assert [e["invoice"] for e in worked("work", "--json").json()] == [
        "INV-00002",
        "INV-00001",
        None,
        "INV-00002",
    ]


def test_nothing_to_invoice_exits_1_and_says_why(worked: Cli) -> None:
    for extra in ((), ("--dry-run",)):
        refused = worked(
            "invoice-work", "--invoice-date", "2026-11-30", "--service-type", "POOL", *extra
        )
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            "invoice-batches: There is no unbilled billable work for service type POOL. "
            "No invoice was made.\n"
        )


def test_bad_usage_and_a_bad_file(worked: Cli, tmp_path: Path) -> None:
    assert worked("invoice-work").code == 2
    assert worked("invoice-work", "--invoice-date", "30/11/2026").code == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(WORK_CSV.replace("0.5,,", "0.5,,perhaps"), encoding="utf-8")
    refused = worked("import", "work", str(bad))
    assert (refused.code, refused.err) == (
        1,
        "invoice-batches: line 2, billable: 'perhaps' is not yes or no\n",
    )
