"""R14 on the command line: `batch discount`, `settings set card_fee_percent`, and the
breakdowns in the JSON of `batch show`."""

from __future__ import annotations

from pathlib import Path

from app import billing
from app.store import Database
from tests.cli.conftest import Cli


def test_discount_by_percent_and_amount_show_in_the_json(books: Cli) -> None:
    assert books("generate", "--close-date", "2026-11-15").code == 0
    added = books("batch", "discount", "1", "--customer", "C001", "--percent", "2.5")
    # C001's Invoiced: 1200.00 − 50.00 = 1150.00; 2.5 % = 28.75
    assert added.out == "Added discount CM-00001 of 28.75 for customer C001 to invoice batch 1.\n"
    books("batch", "discount", "1", "--customer", "C001", "--amount", "1.25",
          "--description", "Rounding")  # fmt: skip
    shown = books("batch", "show", "1", "--json").json()
    c001 = shown["customers"][0]
    assert (c001["invoiced"], c001["discounts"], c001["card_fees"]) == ("1120.00", "30.00", "0.00")
    assert c001["invoice_amount"] == "920.00"  # −300 paid + 1120 + 100 tax
    assert (shown["totals"]["discounts"], shown["totals"]["card_fees"]) == ("30.00", "0.00")
    assert c001["transactions"] == ["INV-1001", "CM-17", "CM-00001", "CM-00002"]


def test_discount_refusals_exit_1_or_2(books: Cli, db: Database) -> None:
    books("generate", "--close-date", "2026-11-15")
    bad_amount = books("batch", "discount", "1", "--customer", "C001", "--amount", "1.234")
    assert bad_amount.code == 1
    assert "amount: '1.234' has more than two decimals" in bad_amount.err
    stranger = books("batch", "discount", "1", "--customer", "C002", "--amount", "5")
    assert stranger.code == 1
    assert "customer C002 is not in invoice batch 1" in stranger.err
    both = books("batch", "discount", "1", "--customer", "C001", "--amount", "5", "--percent", "1")
    assert both.code == 2
    with db.transaction() as s:
        billing.approve_batch(s, 1)
    locked = books("batch", "discount", "1", "--customer", "C001", "--amount", "5")
    assert locked.code == 1
    assert "read-only" in locked.err


def test_card_fee_setting_and_a_card_payment_by_import(books: Cli, tmp_path: Path) -> None:
    assert books("settings", "set", "card_fee_percent", "3").code == 0
    payments = tmp_path / "payments.csv"
    payments.write_text(
        "customer,type,number,invoice_date,due_date,amount,tax,description,method\n"
        "C001,payment,VISA-1,2026-11-07,2026-11-07,333.33,,Card,card\n",
        encoding="utf-8",
    )
    assert books("import", "transactions", str(payments)).code == 0
    books("generate", "--close-date", "2026-11-15")
    c001 = books("batch", "show", "1", "--json").json()["customers"][0]
    # 333.33 × 3 % = 9.9999 → 10.00, a charge and a card fee
    assert (c001["charges"], c001["card_fees"]) == ("10.00", "10.00")
    assert "DM-00001" in c001["transactions"]
