"""The Money column round-trips through both engines as integer cents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import StatementError

from app import billing
from app.models import ARTransaction, Customer, TransactionType
from app.store import Database

AMOUNTS = ["0.01", "0.10", "0.20", "1234.50", "999999999.99"]


def _transaction(customer_id: int, number: str, amount: object) -> ARTransaction:
    return ARTransaction(
        customer_id=customer_id,
        type=TransactionType.INVOICE,
        number=number,
        invoice_date=dt.date(2027, 1, 1),
        due_date=dt.date(2027, 1, 1),
        amount=amount,
        tax=Decimal("0.00"),
        description="",
    )


def _customer(db: Database) -> int:
    with db.transaction() as s:
        billing.not_audited(s, "the money column, tested without billing")
        customer = Customer(number="C1", name="C1")
        s.add(customer)
        s.flush()
        return customer.id


def test_money_round_trips_exactly(db: Database) -> None:
    customer_id = _customer(db)
    with db.transaction() as s:
        billing.not_audited(s, "the money column, tested without billing")
        s.add_all(_transaction(customer_id, a, Decimal(a)) for a in AMOUNTS)
    with db.transaction() as s:
        billing.not_audited(s, "the money column, tested without billing")
        back = s.execute(select(ARTransaction.number, ARTransaction.amount)).all()
        raw = s.execute(text("SELECT number, amount FROM ar_transactions")).all()
    assert {n: str(a) for n, a in back} == {a: a for a in AMOUNTS}
    assert sorted(cents for _, cents in raw) == [1, 10, 20, 123450, 99999999999]
    assert all(type(cents) is int for _, cents in raw)


def test_sums_in_the_database_are_exact(db: Database) -> None:
    customer_id = _customer(db)
    with db.transaction() as s:
        billing.not_audited(s, "the money column, tested without billing")
        for i in range(3):
            s.add(_transaction(customer_id, f"A{i}", Decimal("0.10")))
            s.add(_transaction(customer_id, f"B{i}", Decimal("0.20")))
    with db.transaction() as s:
        billing.not_audited(s, "the money column, tested without billing")
        total = s.scalar(select(func.sum(ARTransaction.amount)))
    assert (total, str(total)) == (Decimal("0.90"), "0.90")


def test_a_float_is_never_stored(db: Database) -> None:
    customer_id = _customer(db)
    never = "money must be a Decimal, never a float"
    with pytest.raises(StatementError, match=never), db.transaction() as s:
        s.add(_transaction(customer_id, "F", 0.1))
    with db.transaction() as s:
        billing.not_audited(s, "the money column, tested without billing")
        assert s.scalar(select(func.count()).select_from(ARTransaction)) == 0
