"""R14: a discount on an open batch, by percentage (half up) or amount, with R8's breakdowns."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchPrinted, InvalidInput
from app.billing.discounts import add_discount
from app.models import ARTransaction, AuditEntry, MemoCategory, TransactionType
from app.store import Database
from tests.billing.helpers import figures_of, generate, numbers_in
from tests.factories import customer, transaction


def _batch(session: Session) -> int:
    """A: 333.33 invoiced + 33.33 tax, a 20.00 return, a 7.50 freight charge; B only a debit."""
    customer(session, "A", 15)
    customer(session, "B", 15)
    transaction(session, "A", "invoice", "INV-1", "2027-03-01", "333.33", "33.33")
    transaction(session, "A", "credit_memo", "CM-R", "2027-03-02", "20.00")
    transaction(session, "A", "debit_memo", "DM-F", "2027-03-03", "7.50")
    transaction(session, "B", "debit_memo", "DM-B", "2027-03-03", "4.00")
    return generate(session, "2027-03-15").number


def test_discount_by_percent_is_half_up_of_invoiced(db: Database) -> None:
    with db.transaction() as s:
        number = _batch(s)
        memo = add_discount(s, number, "A", percent="5")
        figures = figures_of(s, number, "A")
        stored = s.scalars(select(ARTransaction).where(ARTransaction.number == memo.number)).one()
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "discount")).one()
        assert "CM-00001" in numbers_in(s, number)
    # Invoiced 313.33 × 5 % = 15.6665 → 15.67
    assert (memo.number, memo.amount, memo.tax) == ("CM-00001", Decimal("15.67"), Decimal("0.00"))
    assert (stored.category, stored.type) == (MemoCategory.DISCOUNT, TransactionType.CREDIT_MEMO)
    assert stored.invoice_date.isoformat() == "2027-03-15"
    assert memo.description == "Discount 5 % of 313.33"
    assert (audit.batch_number, audit.customer_number, audit.transaction_number) == (
        number,
        "A",
        "CM-00001",
    )
    assert figures.invoiced == Decimal("297.66")  # 333.33 − 20.00 − 15.67
    assert figures.discounts == Decimal("15.67")  # beside Invoiced, not added again
    assert figures.charges == Decimal("7.50")
    assert figures.card_fees == Decimal("0.00")
    assert figures.invoice_amount == Decimal("338.49")  # 297.66 + 7.50 + 33.33


def test_discount_by_amount_and_batch_totals(db: Database) -> None:
    with db.transaction() as s:
        number = _batch(s)
        add_discount(s, number, "A", amount=Decimal("12.34"), description="  Loyalty  ")
        add_discount(s, number, "B", amount=Decimal("1.00"))
        statement = billing.statement_of(s, number)
        listed = next(b for b in billing.list_batches(s) if b.number == number)
        memo = s.scalars(select(ARTransaction).where(ARTransaction.number == "CM-00001")).one()
    assert memo.description == "Loyalty"
    assert statement.totals.discounts == Decimal("13.34")
    assert listed.totals.discounts == Decimal("13.34")  # the list's own sums agree
    assert statement.totals.invoiced == Decimal("299.99")  # 313.33 − 12.34 − 1.00


def test_percent_refused_when_nothing_is_invoiced(db: Database) -> None:
    with db.transaction() as s:
        number = _batch(s)
    with pytest.raises(InvalidInput, match="nothing invoiced"), db.transaction() as s:
        add_discount(s, number, "B", percent="10")
    with db.transaction() as s:
        customer(s, "C", 15)
    with pytest.raises(InvalidInput, match="not in invoice batch"), db.transaction() as s:
        add_discount(s, number, "C", amount=Decimal("1.00"))
    for percent, amount, field in (
        (None, None, "percent"),
        ("5", Decimal("1.00"), "percent"),
        ("0", None, "percent"),
        (None, Decimal("0.001"), "amount"),
        (None, Decimal("0"), "amount"),
    ):
        with pytest.raises(InvalidInput) as refused, db.transaction() as s:
            add_discount(s, number, "A", percent=percent, amount=amount)
        assert refused.value.for_field(field)
    with db.transaction() as s:
        assert figures_of(s, number, "A").discounts == Decimal("0.00")


def test_discount_refused_once_locked(db: Database) -> None:
    with db.transaction() as s:
        number = _batch(s)
        billing.approve_batch(s, number)
    with pytest.raises(BatchPrinted, match="read-only"), db.transaction() as s:
        add_discount(s, number, "A", amount=Decimal("5.00"))
    with db.transaction() as s:
        assert "CM-00001" not in numbers_in(s, number)
