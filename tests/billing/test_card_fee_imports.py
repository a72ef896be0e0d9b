"""R14 by import: the optional `category` and `method` columns, and a card payment's fee memo."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app import billing
from app.models import ARTransaction, MemoCategory, PaymentMethod
from app.store import Database
from tests.billing.test_imports import TRANSACTION_HEADER, _csv, _refusal
from tests.factories import customer

HEADER = TRANSACTION_HEADER + ",category,method"


def test_category_and_method_are_read_and_a_card_payment_brings_its_fee(
    db: Database, tmp_path: Path
) -> None:
    with db.transaction() as s:
        customer(s, "C001")
        billing.set_setting(s, "card_fee_percent", "2.5")
    path = _csv(
        tmp_path,
        HEADER,
        "C001,credit_memo,CM-1,2027-03-01,2027-03-01,10.00,,Returned,return,",
        "C001,debit_memo,DM-1,2027-03-01,2027-03-01,4.00,,Freight,FREIGHT,",
        "C001,payment,P-1,2027-03-05,2027-03-05,1250.00,,Visa,,card",
        "C001,payment,P-2,2027-03-06,2027-03-06,80.00,,Wire,,bank_transfer",
        "C001,invoice,INV-1,2027-03-01,2027-03-31,99.00,,Plain,,",
    )
    with db.transaction() as s:
        assert billing.import_transactions(s, path).rows == 5
        rows = s.execute(
            select(
                ARTransaction.number,
                ARTransaction.category,
                ARTransaction.method,
                ARTransaction.amount,
                ARTransaction.invoice_date,
                ARTransaction.fee_for_id,
            ).order_by(ARTransaction.id)
        ).all()
        card_id = s.scalar(select(ARTransaction.id).where(ARTransaction.number == "P-1"))
    found = {r.number: r for r in rows}
    assert (found["CM-1"].category, found["DM-1"].category) == (
        MemoCategory.RETURN,
        MemoCategory.FREIGHT,
    )
    assert found["P-1"].method == PaymentMethod.CARD
    assert found["P-2"].method == PaymentMethod.BANK_TRANSFER
    assert (found["INV-1"].category, found["INV-1"].method) == (
        MemoCategory.OTHER,
        PaymentMethod.CHECK,
    )
    fee = found["DM-00001"]
    assert (fee.category, fee.amount, fee.fee_for_id) == (
        MemoCategory.CARD_FEE,
        Decimal("31.25"),
        card_id,
    )
    assert fee.invoice_date.isoformat() == "2027-03-05"
    assert len(rows) == 6


def test_bad_category_and_method_are_named_by_line_and_field(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        customer(s, "C001")
    path = _csv(
        tmp_path,
        HEADER,
        "C001,credit_memo,CM-1,2027-03-01,2027-03-01,10.00,,x,freight,",
        "C001,payment,P-1,2027-03-05,2027-03-05,12.00,,x,,bitcoin",
        "C001,invoice,INV-1,2027-03-01,2027-03-31,99.00,,x,,card",
        "C001,debit_memo,DM-1,2027-03-01,2027-03-01,4.00,,x,misc,",
    )
    problems = _refusal(db, "import_transactions", path)
    assert problems[0].startswith("line 2, category: 'freight' is not a credit memo category")
    assert problems[1].startswith("line 3, method: 'bitcoin' is not one of check, card")
    assert problems[2] == "line 4, method: must be empty or check: only a payment has a method"
    assert problems[3].startswith("line 5, category: 'misc' is not one of discount")
    assert len(problems) == 4


def test_files_without_the_columns_still_import(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        customer(s, "C001")
    path = _csv(tmp_path, TRANSACTION_HEADER, "C001,payment,P-1,2027-03-05,2027-03-05,12.00,,x")
    with db.transaction() as s:
        assert billing.import_transactions(s, path).rows == 1
        assert s.scalar(select(ARTransaction.method)) == PaymentMethod.CHECK
