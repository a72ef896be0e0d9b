"""R14: a card payment's fee memo, made, changed and deleted with its payment, and kept once
its batch is locked; memo categories and payment methods checked per type."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchPrinted, InvalidInput, TransactionDraft
from app.billing.card_fees import card_fee
from app.models import ARTransaction, MemoCategory, PaymentMethod, TransactionType
from app.store import Database
from tests.billing.helpers import day, figures_of, generate
from tests.factories import customer, transaction


def _payment(number: str = "CHK-1", amount: str = "1250.00", paid: str = "2027-03-10",
             method: PaymentMethod = PaymentMethod.CARD) -> TransactionDraft:  # fmt: skip
    return TransactionDraft(
        customer_number="A",
        type=TransactionType.PAYMENT,
        number=number,
        invoice_date=day(paid),
        due_date=day(paid),
        amount=Decimal(amount),
        method=method,
    )


def _fees(session: Session) -> list[tuple[str, str, dt.date, Decimal, int | None, int | None]]:
    rows = session.execute(
        select(
            ARTransaction.number,
            ARTransaction.category,
            ARTransaction.invoice_date,
            ARTransaction.amount,
            ARTransaction.fee_for_id,
            ARTransaction.batch_id,
        )
        .where(ARTransaction.type == TransactionType.DEBIT_MEMO)
        .order_by(ARTransaction.number)
    )
    return [(n, str(c), d, a, f, b) for n, c, d, a, f, b in rows]


def _ledger(session: Session, percent: str = "2.5") -> None:
    customer(session, "A", 15)
    billing.set_setting(session, "card_fee_percent", percent)


def test_fee_is_half_up_and_none_below_a_cent() -> None:
    assert card_fee(Decimal("1250.00"), Decimal("2.5")) == Decimal("31.25")
    assert card_fee(Decimal("0.21"), Decimal("2.5")) == Decimal("0.01")  # 0.00525 up
    assert card_fee(Decimal("0.19"), Decimal("2.5")) is None  # 0.00475
    assert card_fee(Decimal("100.00"), Decimal("0")) is None


def test_card_payment_makes_its_fee_memo(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
        paid = billing.create_transaction(s, _payment())
        fees = _fees(s)
    assert fees == [("DM-00001", "card_fee", day("2027-03-10"), Decimal("31.25"), paid.id, None)]
    assert paid.method == PaymentMethod.CARD


def test_check_payment_or_no_percentage_makes_none(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s, "0")
        billing.create_transaction(s, _payment("C1"))
        billing.set_setting(s, "card_fee_percent", "3")
        billing.create_transaction(s, _payment("C2", method=PaymentMethod.CHECK))
        billing.create_transaction(s, _payment("C3", amount="0.10"))  # 0.003: below a cent
        assert _fees(s) == []


def test_fee_follows_its_payment_while_unbatched(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
        paid = billing.create_transaction(s, _payment())
        billing.update_transaction(s, paid.id, _payment(amount="99.99", paid="2027-03-12"))
        # 99.99 × 2.5 % = 2.49975 → 2.50, dated the new paid date, same memo and number
        assert _fees(s) == [
            ("DM-00001", "card_fee", day("2027-03-12"), Decimal("2.50"), paid.id, None)
        ]
        billing.update_transaction(s, paid.id, _payment(method=PaymentMethod.CASH))
        assert _fees(s) == []
        billing.update_transaction(s, paid.id, _payment(amount="10.00"))
        assert _fees(s) == [
            ("DM-00002", "card_fee", day("2027-03-10"), Decimal("0.25"), paid.id, None)
        ]
        billing.delete_transaction(s, paid.id)
        assert _fees(s) == []


def test_fee_falls_into_the_next_batch_and_is_kept_once_locked(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
        transaction(s, "A", "invoice", "INV-1", "2027-03-01", "1250.00")
        paid = billing.create_transaction(s, _payment())
        batch = generate(s, "2027-03-15").number
        figures = figures_of(s, batch, "A")
        billing.approve_batch(s, batch)
    assert figures.charges == figures.card_fees == Decimal("31.25")
    assert figures.invoice_amount == Decimal("31.25")  # 1250 invoiced − 1250 paid + the fee
    for change in (
        lambda s: billing.update_transaction(s, paid.id, _payment(amount="10.00")),
        lambda s: billing.delete_transaction(s, paid.id),
    ):
        refused = "its card fee DM-00001 is in invoice batch 1"
        with pytest.raises(BatchPrinted, match=refused), db.transaction() as s:
            change(s)
    with db.transaction() as s:
        assert [f[3] for f in _fees(s)] == [Decimal("31.25")]
        billing.unapprove_batch(s, batch)
        billing.update_transaction(s, paid.id, _payment(amount="10.00"))
        assert figures_of(s, batch, "A").card_fees == Decimal("0.25")  # open: it follows


def test_categories_and_methods_are_checked_per_type(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
        memo = TransactionDraft(
            customer_number="A",
            type=TransactionType.CREDIT_MEMO,
            number="CM-X",
            invoice_date=day("2027-03-01"),
            due_date=day("2027-03-01"),
            amount=Decimal("5.00"),
            category=MemoCategory.RETURN,
        )
        made = billing.create_transaction(s, memo)
        assert made.category == MemoCategory.RETURN
    bad = [
        (replace(memo, category=MemoCategory.CARD_FEE), "category", "not a credit memo category"),
        (replace(memo, method=PaymentMethod.CARD), "method", "only a payment has a method"),
        (
            replace(memo, type=TransactionType.INVOICE, category=MemoCategory.FREIGHT),
            "category",
            "only a memo has a category",
        ),
    ]
    for draft, field, reason in bad:
        with pytest.raises(InvalidInput) as refused, db.transaction() as s:
            billing.create_transaction(s, replace(draft, number="CM-Y"))
        problems = refused.value.for_field(field)
        assert problems
        assert reason in problems[0].reason


def test_setting_is_a_percentage(db: Database) -> None:
    with db.transaction() as s:
        assert billing.load_settings(s).card_fee_percent == Decimal("0")
        billing.set_setting(s, "card_fee_percent", "2.75")
        assert billing.load_settings(s).card_fee_percent == Decimal("2.75")
    with pytest.raises(InvalidInput, match="four decimals"), db.transaction() as s:
        billing.set_setting(s, "card_fee_percent", "1.00001")
