"""`invoice-batches audit`: the trail as DESIGN.md §6 shows it, oldest first, filtered."""

from __future__ import annotations

import datetime as dt
import getpass

from tests.cli.conftest import Cli


def test_the_trail_as_json(books: Cli) -> None:
    assert books("generate", "--close-date", "2026-11-15").code == 0
    assert books("batch", "remove", "1", "--transactions", "CM-17").code == 0
    entries = books("audit", "--json").json()
    assert [
        (e["action"], e["batch"], e["customer"], e["transaction"], e["detail"]) for e in entries
    ] == [
        ("import", None, None, None, "2 customers from customers.csv"),
        ("import", None, None, None, "4 transactions from transactions.csv"),
        ("generate", 1, None, None, "2 transactions, close date 2026-11-15"),
        ("remove", 1, "C001", "CM-17", "CM-17"),
    ]
    assert set(entries[0]) == {"at", "user", "action", "batch", "customer", "transaction", "detail"}
    assert dt.datetime.fromisoformat(entries[0]["at"]).date() == dt.date.today()
    assert {e["user"] for e in entries} <= {getpass.getuser(), f"{getpass.getuser()} (postgres)"}


def test_the_trail_filtered_by_batch_and_customer(books: Cli) -> None:
    books("generate", "--close-date", "2026-11-15")
    books("batch", "remove", "1", "--customer", "C001")
    assert [e["action"] for e in books("audit", "--batch", "1", "--json").json()] == [
        "generate",
        "remove",
    ]
    by_customer = books("audit", "--customer", "C001", "--json").json()
    assert [(e["action"], e["detail"]) for e in by_customer] == [("remove", "2 transactions")]
    assert books("audit", "--batch", "7", "--json").json() == []


def test_the_trail_as_text(books: Cli) -> None:
    books("generate", "--close-date", "2026-11-15")
    lines = books("audit").out.splitlines()
    assert len(lines) == 3
    assert "generate" in lines[2]
    assert "batch 1" in lines[2]
    assert lines[2].endswith("2 transactions, close date 2026-11-15")
