"""`import contracts`, `bill-recurring`, `contract skip|end` and `run-due` exactly as DESIGN.md
§6 says (R16, R19), with exact cents, on both engines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import billing
from app.models import ARTransaction
from app.store import Database
from tests.cli.conftest import Cli

CUSTOMERS_CSV = """\
number,name,address1,address2,city,region,postal_code,country,email,phone,cutoff_day
C015,Fifteenth,1 Main St,,Springfield,,,,,,15
C028,Twenty-eighth,2 Main St,,Springfield,,,,,,28
C030,Thirtieth,3 Main St,,Springfield,,,,,,30
C031,Month end,4 Main St,,Springfield,,,,,,31
"""
CONTRACTS_CSV = """\
number,customer,name,amount,period_months,start_date,end_date,taxable,billing
M1,C031,Monthly support,100.00,1,2026-01-31,,,
Q1,C028,Quarterly hosting,300.00,3,2026-01-15,,yes,advance
A1,C030,Maintenance,50.00,1,2026-01-10,,no,arrears
L1,C031,Licence,1200.00,12,2026-07-01,,,
"""
TRANSACTIONS_CSV = """\
customer,type,number,invoice_date,due_date,amount,tax,description
C031,invoice,J-31,2026-01-20,2026-02-20,10.00,,January
C015,invoice,F-15,2026-02-10,2026-03-10,15.00,,
C028,invoice,F-28,2026-02-20,2026-03-20,28.00,,
C030,invoice,F-30,2026-02-25,2026-03-25,30.00,,
C031,invoice,F-31,2026-02-27,2026-03-27,31.00,,
"""


def _import(cli: Cli, tmp_path: Path, what: str, text: str) -> str:
    path = tmp_path / f"{what}.csv"
    path.write_text(text, encoding="utf-8")
    result = cli("import", what, str(path))
    assert (result.code, result.err) == (0, "")
    return result.out


@pytest.fixture
def contracted(cli: Cli, tmp_path: Path) -> Cli:
    """Customers closing on the 15th, 28th, 30th and 31st, four contracts, the company's tax
    10 % and its terms 30 days."""
    assert _import(cli, tmp_path, "customers", CUSTOMERS_CSV) == "Imported 4 customers.\n"
    assert _import(cli, tmp_path, "contracts", CONTRACTS_CSV) == "Imported 4 contracts.\n"
    assert cli("settings", "set", "tax_rate", "10").code == 0
    return cli


@pytest.fixture
def posted(contracted: Cli, tmp_path: Path) -> Cli:
    """As `contracted`, with January's invoice in a batch closed 2026-01-31 and February's
    invoices unbatched."""
    out = _import(contracted, tmp_path, "transactions", TRANSACTIONS_CSV)
    assert out == "Imported 5 transactions.\n"
    made = contracted("generate", "--close-date", "2026-01-31")
    assert made.out.startswith("Created invoice batch 1.\n")
    return contracted


def _documents(db: Database) -> dict[str, tuple[Any, ...]]:
    """Every invoice and memo the runs made (numbered by the counters): type, date, amount,
    tax, category and the lines' descriptions."""
    with db.read() as session:
        rows = session.scalars(
            select(ARTransaction)
            .where(ARTransaction.number.like("%-0%"))
            .order_by(ARTransaction.number)
        ).all()
        return {
            tx.number: (
                tx.type.value,
                tx.invoice_date.isoformat(),
                tx.amount,
                tx.tax,
                tx.category.value,
                [line.description for line in billing.transaction_lines(session, tx.id)],
            )
            for tx in rows
        }


def _line(contract: str, start: str, end: str, amount: str, tax: str) -> dict[str, str]:
    return {
        "contract": contract,
        "period_start": start,
        "period_end": end,
        "amount": amount,
        "tax": tax,
    }


def test_import_contracts_refuses_a_bad_file_whole(cli: Cli, tmp_path: Path, db: Database) -> None:
    _import(cli, tmp_path, "customers", CUSTOMERS_CSV)
    bad = tmp_path / "bad.csv"
    wrong = CONTRACTS_CSV.replace("C030,Maintenance,50.00,1,", "C099,Maintenance,50.00,2,")
    bad.write_text(wrong, encoding="utf-8")
    refused = cli("import", "contracts", str(bad))
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "invoice-batches: line 4, period_months: must be 1, 3, 6 or 12 months; "
        "line 4, customer: there is no customer C099\n"
    )
    with db.read() as session:
        assert billing.list_contracts(session) == []


MARCH_RUN = {
    "invoices": [
        {"customer": "C028", "number": None, "invoice_date": "2026-03-31",
         "due_date": "2026-04-30", "amount": "300.00", "tax": "30.00",
         "lines": [_line("Q1", "2026-01-15", "2026-04-14", "300.00", "30.00")]},
        {"customer": "C030", "number": None, "invoice_date": "2026-03-31",
         "due_date": "2026-04-30", "amount": "100.00", "tax": "0.00",
         "lines": [_line("A1", "2026-01-10", "2026-02-09", "50.00", "0.00"),
                   _line("A1", "2026-02-10", "2026-03-09", "50.00", "0.00")]},
        {"customer": "C031", "number": None, "invoice_date": "2026-03-31",
         "due_date": "2026-04-30", "amount": "300.00", "tax": "30.00",
         "lines": [_line("M1", "2026-01-31", "2026-02-27", "100.00", "10.00"),
                   _line("M1", "2026-02-28", "2026-03-30", "100.00", "10.00"),
                   _line("M1", "2026-03-31", "2026-04-29", "100.00", "10.00")]},
    ],
    "credits": [],
    "not_ready": [{"contract": "L1", "reason": "starts 2026-07-01"}],
}  # fmt: skip


def test_bill_recurring_dry_run_then_for_real(contracted: Cli, db: Database) -> None:
    dry = contracted("bill-recurring", "--through", "2026-03-31", "--dry-run", "--json")
    assert (dry.code, dry.err) == (0, "")
    assert dry.json() == MARCH_RUN
    assert _documents(db) == {}
    real = contracted("bill-recurring", "--through", "2026-03-31")
    assert (real.code, real.err) == (0, "")
    assert real.out == (
        "Billed invoice INV-00001 to C028: 300.00 + tax 30.00, due 2026-04-30\n"
        "  Q1: Quarterly hosting 2026-01-15–2026-04-14  300.00 + tax 30.00\n"
        "Billed invoice INV-00002 to C030: 100.00 + tax 0.00, due 2026-04-30\n"
        "  A1: Maintenance 2026-01-10–2026-02-09  50.00 + tax 0.00\n"
        "  A1: Maintenance 2026-02-10–2026-03-09  50.00 + tax 0.00\n"
        "Billed invoice INV-00003 to C031: 300.00 + tax 30.00, due 2026-04-30\n"
        "  M1: Monthly support 2026-01-31–2026-02-27  100.00 + tax 10.00\n"
        "  M1: Monthly support 2026-02-28–2026-03-30  100.00 + tax 10.00\n"
        "  M1: Monthly support 2026-03-31–2026-04-29  100.00 + tax 10.00\n"
        "Not billed: contract L1 (starts 2026-07-01)\n"
        "3 invoices, 760.00 with tax; 0 credit memos, 0.00 with tax.\n"
    )
    assert _documents(db)["INV-00003"] == (
        "invoice",
        "2026-03-31",
        Decimal("300.00"),
        Decimal("30.00"),
        "other",  # an invoice keeps the default category
        [
            "Monthly support 2026-01-31–2026-02-27",
            "Monthly support 2026-02-28–2026-03-30",
            "Monthly support 2026-03-31–2026-04-29",
        ],
    )
    again = contracted("bill-recurring", "--through", "2026-03-31")
    assert (again.code, again.err) == (0, "")
    assert again.out == (
        "Not billed: contract Q1 (billed through 2026-04-14)\n"
        "Not billed: contract A1 (period open until 2026-04-09)\n"
        "Not billed: contract L1 (starts 2026-07-01)\n"
        "Not billed: contract M1 (billed through 2026-04-29)\n"
        "Nothing is due through 2026-03-31: no invoice or credit memo was made.\n"
    )
    assert sorted(_documents(db)) == ["INV-00001", "INV-00002", "INV-00003"]


def test_dry_run_text_and_one_invoice_per_contract(contracted: Cli, db: Database) -> None:
    dry = contracted("bill-recurring", "--through", "2026-01-31", "--dry-run")
    assert dry.out == (
        "Would bill invoice (new) to C028: 300.00 + tax 30.00, due 2026-03-02\n"
        "  Q1: Quarterly hosting 2026-01-15–2026-04-14  300.00 + tax 30.00\n"
        "Would bill invoice (new) to C031: 100.00 + tax 10.00, due 2026-03-02\n"
        "  M1: Monthly support 2026-01-31–2026-02-27  100.00 + tax 10.00\n"
        "Not billed: contract A1 (period open until 2026-02-09)\n"
        "Not billed: contract L1 (starts 2026-07-01)\n"
        "2 invoices, 440.00 with tax; 0 credit memos, 0.00 with tax.\n"
        "(dry run: nothing was changed)\n"
    )
    assert _documents(db) == {}
    run = contracted("bill-recurring", "--through", "2026-07-01", "--per-contract", "--json")
    by_contract = [
        (i["customer"], i["number"], i["amount"], [line["contract"] for line in i["lines"]])
        for i in run.json()["invoices"]
    ]
    assert by_contract == [
        ("C028", "INV-00001", "600.00", ["Q1", "Q1"]),
        ("C030", "INV-00002", "250.00", ["A1"] * 5),
        ("C031", "INV-00003", "1200.00", ["L1"]),
        ("C031", "INV-00004", "600.00", ["M1"] * 6),
    ]


def test_a_contract_ended_inside_a_billed_period_is_credited_once(
    contracted: Cli, db: Database
) -> None:
    assert contracted("bill-recurring", "--through", "2026-03-31").code == 0
    ended = contracted("contract", "end", "Q1", "--end-date", "2026-05-20")
    assert (ended.code, ended.err) == (0, "")
    assert ended.out == "Contract Q1 ends on 2026-05-20 (billed through 2026-04-14).\n"
    run = contracted("bill-recurring", "--through", "2026-06-30", "--json").json()
    assert run["invoices"][0] == {
        "customer": "C028",
        "number": "INV-00004",
        "invoice_date": "2026-06-30",
        "due_date": "2026-07-30",
        "amount": "300.00",
        "tax": "30.00",
        "lines": [_line("Q1", "2026-04-15", "2026-07-14", "300.00", "30.00")],
    }
    # 300.00 × 55 / 91 days (2026-05-21 to 2026-07-14) = 181.318…; tax 18.1318…
    assert run["credits"] == [
        {
            "customer": "C028",
            "number": "CM-00001",
            "contract": "Q1",
            "period_start": "2026-05-21",
            "period_end": "2026-07-14",
            "amount": "181.32",
            "tax": "18.13",
        }
    ]
    assert _documents(db)["CM-00001"] == (
        "credit_memo",
        "2026-06-30",
        Decimal("181.32"),
        Decimal("18.13"),
        "part_period_credit",
        [],
    )
    later = contracted("bill-recurring", "--through", "2026-09-30", "--json").json()
    assert later["credits"] == []
    assert {"contract": "Q1", "reason": "ended 2026-05-20"} in later["not_ready"]
    assert [i["customer"] for i in later["invoices"]] == ["C030", "C031"]


def test_skip_a_period_then_it_is_never_billed(contracted: Cli) -> None:
    assert contracted("bill-recurring", "--through", "2026-01-31").code == 0
    skip = ("contract", "skip", "M1", "--period-start", "2026-02-28", "--reason", "Office closed")
    skipped = contracted(*skip)
    assert (skipped.code, skipped.err) == (0, "")
    assert skipped.out == (
        "Skipped the period of contract M1 that starts 2026-02-28: "
        "it will not be billed (Office closed).\n"
    )
    twice = contracted(*skip)
    assert (twice.code, twice.err) == (
        1,
        "invoice-batches: period_start: that period is already skipped\n",
    )
    waiting = contracted("bill-recurring", "--through", "2026-03-15", "--dry-run", "--json")
    assert {"contract": "M1", "reason": "skipped: Office closed"} in waiting.json()["not_ready"]
    run = contracted("bill-recurring", "--through", "2026-03-31", "--json").json()
    m1 = run["invoices"][-1]
    assert (m1["customer"], m1["amount"], m1["tax"]) == ("C031", "100.00", "10.00")
    assert m1["lines"] == [_line("M1", "2026-03-31", "2026-04-29", "100.00", "10.00")]


def test_ended_before_it_is_billed_bills_and_credits_in_one_run(contracted: Cli) -> None:
    ended = contracted("contract", "end", "Q1", "--end-date", "2026-05-20")
    assert (ended.code, ended.out) == (0, "Contract Q1 ends on 2026-05-20.\n")
    run = contracted("bill-recurring", "--through", "2026-06-30", "--json").json()
    q1 = run["invoices"][0]
    assert (q1["customer"], q1["amount"], q1["tax"]) == ("C028", "600.00", "60.00")
    assert [(c["number"], c["amount"], c["tax"]) for c in run["credits"]] == [
        ("CM-00001", "181.32", "18.13")
    ]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("skip", "M1", "--period-start", "2026-02-28", "--reason", "Late"),
         "period_start: that period is already billed"),
        (("skip", "M1", "--period-start", "2026-02-27", "--reason", "Late"),
         "period_start: no period of contract M1 starts on 2026-02-27"),
        (("skip", "M1", "--period-start", "2026-04-30", "--reason", " "),
         "reason: is required"),
        (("skip", "M9", "--period-start", "2026-04-30", "--reason", "Late"),
         "There is no contract M9."),
        (("end", "M1", "--end-date", "2026-03-30"),
         "end_date: is before the period 2026-03-31 to 2026-04-29, which is billed; end it on "
         "or after 2026-03-31, and credit the rest with a credit memo"),
        (("end", "M9", "--end-date", "2026-03-30"), "There is no contract M9."),
    ],
)  # fmt: skip
def test_billing_refuses_and_the_command_exits_1(
    contracted: Cli, db: Database, args: tuple[str, ...], reason: str
) -> None:
    assert contracted("bill-recurring", "--through", "2026-03-31").code == 0
    refused = contracted("contract", *args)
    assert (refused.code, refused.out, refused.err) == (1, "", f"invoice-batches: {reason}\n")
    with db.read() as session:
        m1 = billing.get_contract(session, "M1")
    assert (m1.end_date, m1.billed_through) == (None, dt.date(2026, 4, 29))
    again = contracted("bill-recurring", "--through", "2026-04-30", "--dry-run", "--json").json()
    assert [line["period_start"] for line in again["invoices"][-1]["lines"]] == ["2026-04-30"]


@pytest.mark.parametrize(
    "args",
    [
        ("bill-recurring",),
        ("bill-recurring", "--through", "31/03/2026"),
        ("contract",),
        ("contract", "skip", "M1", "--period-start", "2026-02-28"),
        ("contract", "end", "M1"),
        ("run-due",),
    ],
)
def test_bad_usage_exits_2(contracted: Cli, args: tuple[str, ...]) -> None:
    assert contracted(*args).code == 2


def test_run_due_over_a_month_end_makes_only_the_batches_due(posted: Cli, db: Database) -> None:
    run = posted("run-due", "--through", "2026-02-28")
    assert (run.code, run.err) == (0, "")
    assert run.out == (
        "run-due through 2026-02-28: looked at 2026-02-01 to 2026-02-28 (28 dates).\n"
        "Created invoice batch 2, close date 2026-02-15, 1 customers.\n"
        "Created invoice batch 3, close date 2026-02-28, 3 customers.\n"
    )
    shown = posted("batch", "show", "3", "--json").json()
    assert [(c["customer"], c["transactions"]) for c in shown["customers"]] == [
        ("C028", ["F-28"]),
        ("C030", ["F-30"]),
        ("C031", ["F-31"]),
    ]
    assert posted("batch", "show", "2", "--json").json()["customers"][0]["transactions"] == ["F-15"]
    again = posted("run-due", "--through", "2026-02-28", "--json")
    assert (again.code, again.err) == (0, "")
    assert again.json() == {"through": "2026-02-28", "billed": None, "batches": []}
    text = posted("run-due", "--through", "2026-02-28").out
    assert text == (
        "run-due through 2026-02-28: it already ran through this date, "
        "so no date is left to look at.\n"
    )
    with db.read() as session:
        assert [b.number for b in billing.list_batches(session)] == [3, 2, 1]


def test_run_due_in_march_closes_on_the_28th_30th_and_31st(posted: Cli, tmp_path: Path) -> None:
    assert posted("run-due", "--through", "2026-02-28").code == 0
    march = (
        TRANSACTIONS_CSV.splitlines()[0]
        + "\n"
        + "".join(
            f"{c},invoice,M-{c},2026-03-05,2026-04-05,1.00,,\n" for c in ("C028", "C030", "C031")
        )
    )
    _import(posted, tmp_path, "transactions", march)
    run = posted("run-due", "--through", "2026-03-31", "--json")
    assert run.json() == {
        "through": "2026-03-31",
        "billed": None,
        "batches": [
            {"number": 4, "close_date": "2026-03-28"},
            {"number": 5, "close_date": "2026-03-30"},
            {"number": 6, "close_date": "2026-03-31"},
        ],
    }


def test_run_due_with_nothing_due_exits_0_and_says_so(contracted: Cli, db: Database) -> None:
    run = contracted("run-due", "--through", "2026-02-28")
    assert (run.code, run.err) == (0, "")
    assert run.out == (
        "run-due through 2026-02-28: looked at 2026-02-28.\n"
        "Nothing was due on those dates: no invoice batch was made.\n"
    )
    with db.read() as session:
        assert billing.list_batches(session) == []
        assert billing.last_run_through(session) == dt.date(2026, 2, 28)


def test_run_due_bills_recurring_first_then_batches_them(posted: Cli, db: Database) -> None:
    run = posted("run-due", "--through", "2026-02-28", "--bill-recurring", "--json")
    assert (run.code, run.err) == (0, "")
    result = run.json()
    billed = [
        (i["customer"], i["number"], i["amount"], i["tax"]) for i in result["billed"]["invoices"]
    ]
    assert billed == [
        ("C028", "INV-00001", "300.00", "30.00"),
        ("C030", "INV-00002", "50.00", "0.00"),
        ("C031", "INV-00003", "200.00", "20.00"),
    ]
    assert result["batches"] == [
        {"number": 2, "close_date": "2026-02-15"},
        {"number": 3, "close_date": "2026-02-28"},
    ]
    shown = posted("batch", "show", "3", "--json").json()
    assert [(c["customer"], c["transactions"]) for c in shown["customers"]] == [
        ("C028", ["F-28", "INV-00001"]),
        ("C030", ["F-30", "INV-00002"]),
        ("C031", ["F-31", "INV-00003"]),
    ]
    # 28.00 + 330.00, 30.00 + 50.00, and C031's 10.00 carried over + 31.00 + 220.00
    assert shown["totals"]["invoice_amount"] == "699.00"
    again = posted("run-due", "--through", "2026-02-28", "--bill-recurring")
    assert (again.code, again.err) == (0, "")
    assert "Nothing is due through 2026-02-28: no invoice or credit memo was made.\n" in again.out
    assert len(_documents(db)) == 3


def test_run_due_dry_run_changes_nothing(posted: Cli, db: Database) -> None:
    dry = posted("run-due", "--through", "2026-02-28", "--bill-recurring", "--dry-run", "--json")
    assert (dry.code, dry.err) == (0, "")
    result = dry.json()
    assert [i["number"] for i in result["billed"]["invoices"]] == [None, None, None]
    assert result["batches"] == [
        {"number": None, "close_date": "2026-02-15"},
        {"number": None, "close_date": "2026-02-28"},
    ]
    with db.read() as session:
        assert [b.number for b in billing.list_batches(session)] == [1]
        assert billing.last_run_through(session) is None
    assert _documents(db) == {}
    real = posted("run-due", "--through", "2026-02-28", "--json").json()
    assert real["batches"] == [
        {"number": 2, "close_date": "2026-02-15"},
        {"number": 3, "close_date": "2026-02-28"},
    ]
