"""`--json` in exactly the shape of DESIGN.md §6: keys, their order, amounts as strings."""

from __future__ import annotations

from typing import Any

from app import billing
from app.store import Database
from tests.billing.helpers import mark_printed
from tests.cli.conftest import Cli

AGING_KEYS = ["current", "days_1_30", "days_31_60", "days_61_90", "over_90"]
NOT_AGED = dict.fromkeys(AGING_KEYS, "0.00")
TOTALS = {
    "former_amount": "0.00",
    "payments": "300.00",
    "carry_over": "-300.00",
    "invoiced": "1150.00",
    "charges": "0.00",
    "taxes": "100.00",
    "invoice_amount": "950.00",
    "discounts": "0.00",
    "card_fees": "0.00",
    # INV-1001 is due on 2 Dec, after the close date: all of what is owed is current.
    "aging": NOT_AGED | {"current": "950.00"},
}
# R12's states of a batch nobody approved, sent or paid yet.
STATUS = {
    "approved": False,
    "locked": False,
    "delivery": "not sent",
    "last_sent": None,
    "payment": "unpaid",
    "paid_amount": "0.00",
}
C001_STATE = {"paid_amount": "0.00", "delivery": "print", "sent": False}
C001 = {"customer": "C001"} | TOTALS | C001_STATE | {"transactions": ["INV-1001", "CM-17"]}
BATCH_KEYS = ["number", "close_date", "description", "kind", "printed", "notes", "status", "totals"]
STATUS_KEYS = list(STATUS)
CUSTOMER_STATE_KEYS = list(C001_STATE)
FIGURE_KEYS = list(TOTALS)


def _batch(number: int | None, **changes: Any) -> dict[str, Any]:
    batch = {
        "number": number,
        "close_date": "2026-11-15",
        "description": "Mid-month",
        "kind": "generated",
        "printed": False,
        "notes": "",
        "status": STATUS,
        "totals": TOTALS,
    }
    return batch | changes


def _check_order(batch: dict[str, Any], with_customers: bool) -> None:
    assert list(batch) == BATCH_KEYS + (["customers"] if with_customers else [])
    assert list(batch["totals"]) == FIGURE_KEYS
    assert batch["status"] is None or list(batch["status"]) == STATUS_KEYS
    assert list(batch["totals"]["aging"]) == AGING_KEYS
    for customer in batch.get("customers", []):
        assert list(customer) == ["customer", *FIGURE_KEYS, *CUSTOMER_STATE_KEYS, "transactions"]
        assert list(customer["aging"]) == AGING_KEYS


def test_generate_json(books: Cli) -> None:
    result = books("generate", "--close-date", "2026-11-15", "--description", "Mid-month", "--json")
    assert (result.code, result.err) == (0, "")
    assert result.json() == _batch(1, customers=[C001])
    _check_order(result.json(), with_customers=True)


def test_dry_run_json_has_no_number_and_saves_nothing(books: Cli) -> None:
    result = books(
        "generate",
        "--close-date",
        "2026-11-15",
        "--description",
        "Mid-month",
        "--dry-run",
        "--json",
    )
    assert (result.code, result.err) == (0, "")
    # Nothing was made: no states, and no paid amount.
    unmade = C001 | {"paid_amount": None}
    assert result.json() == _batch(None, status=None, customers=[unmade])
    _check_order(result.json(), with_customers=True)
    assert books("batches", "--json").json() == []
    assert books("generate", "--close-date", "2026-11-15", "--json").json()["number"] == 1


def test_batch_show_json_equals_what_generate_printed(books: Cli) -> None:
    generated = books(
        "generate", "--close-date", "2026-11-15", "--description", "Mid-month", "--json"
    )
    shown = books("batch", "show", "1", "--json")
    assert shown.code == 0
    assert shown.json() == generated.json()
    assert shown.out == generated.out


def test_batches_json_lists_batches_without_customers(books: Cli, db: Database) -> None:
    books("generate", "--close-date", "2026-11-15", "--description", "Mid-month")
    books("generate", "--close-date", "2026-11-20", "--override")
    with db.transaction() as s:
        mark_printed(s, 1)
    listed = books("batches", "--json").json()
    c002 = {
        "former_amount": "0.00",
        "payments": "0.00",
        "carry_over": "0.00",
        "invoiced": "500.00",
        "charges": "0.00",
        "taxes": "40.00",
        "invoice_amount": "540.00",
        "discounts": "0.00",
        "card_fees": "0.00",
        "aging": NOT_AGED | {"current": "540.00"},
    }
    assert listed == [
        _batch(2, close_date="2026-11-20", description="", totals=c002),
        _batch(1, printed=True, status=STATUS | {"locked": True}),
    ]
    for batch in listed:
        _check_order(batch, with_customers=False)


def test_manual_and_opening_kinds(books: Cli, db: Database) -> None:
    assert books("opening-batch", "--close-date", "2026-11-02").code == 0
    assert books("batch", "new", "--close-date", "2026-11-30").code == 0
    listed = books("batches", "--json").json()
    assert [(b["number"], b["kind"], b["printed"]) for b in listed] == [
        (2, "manual", False),
        (1, "opening", True),
    ]
    assert listed[0]["totals"] == dict.fromkeys(FIGURE_KEYS[:-1], "0.00") | {"aging": NOT_AGED}
    with db.transaction() as s:
        assert billing.batch_row(s, 1).transaction_count == 1


def test_settings_show_json(books: Cli) -> None:
    assert books("settings", "set", "company_name", "Ferro & Søn").code == 0
    shown = books("settings", "show", "--json").json()
    assert list(shown) == list(billing.SETTING_KEYS)
    assert shown["company_name"] == "Ferro & Søn"
    assert shown["envelope"] == "us10"
