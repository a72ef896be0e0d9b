"""R17 as a property: for any history of invoices, memos and payments over a few batches, each
customer's five buckets are those of R17 worked out by hand, and add up to R8's invoice amount."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import suppress
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from app import billing
from app.billing import Aging, TransactionQuery, TransactionRecord, TransactionType
from app.store import Database
from tests.billing.helpers import generate
from tests.factories import customer, transaction

CLOSE_DATES = ("2027-02-15", "2027-04-15", "2027-06-15")
FIRST_DAY = dt.date(2026, 12, 1)
CUSTOMERS = ("K", "L")
DOCUMENTS = {TransactionType.INVOICE, TransactionType.DEBIT_MEMO}


@st.composite
def history_entry(draw: st.DrawFn) -> tuple[str, str, str, str, str, str]:
    kind = draw(st.sampled_from([t.value for t in TransactionType]))
    invoice_date = FIRST_DAY + dt.timedelta(days=draw(st.integers(0, 220)))
    due_date = invoice_date + dt.timedelta(days=draw(st.integers(0, 120)))
    amount = draw(st.decimals("0.01", "2000.00", places=2))
    tax = Decimal("0.00") if kind == "payment" else draw(st.decimals("0", "150.00", places=2))
    who = draw(st.sampled_from(CUSTOMERS))
    return who, kind, str(invoice_date), str(amount), str(tax), str(due_date)


HISTORIES = st.lists(history_entry(), min_size=1, max_size=14)


def by_hand(ledger: Sequence[TransactionRecord], through: Sequence[int], close: dt.date) -> Aging:
    """R17 read straight off the rule, one item at a time."""
    items = sorted(
        (t for t in ledger if t.type in DOCUMENTS and t.batch_number in through),
        key=lambda t: (t.due_date, t.invoice_date, t.number),
    )
    credit = sum(
        (
            t.amount + t.tax
            for t in ledger
            if (t.type == TransactionType.CREDIT_MEMO and t.batch_number in through)
            or (t.type == TransactionType.PAYMENT and t.due_date <= close)
        ),
        Decimal(0),
    )
    buckets = [Decimal("0.00")] * 5
    for item in items:
        applied = min(credit, item.amount + item.tax)
        credit -= applied
        late = (close - item.due_date).days
        index = 0 if late <= 0 else min((late - 1) // 30 + 1, 4)
        buckets[index] += item.amount + item.tax - applied
    buckets[0] -= credit
    return Aging(*buckets)


def post_history(s: Session, history: list[tuple[str, str, str, str, str, str]]) -> list[int]:
    """The customers and the drawn history, then a batch at each close date that has anything
    by then; the numbers of the batches made."""
    for who in CUSTOMERS:
        customer(s, who, 15)
    for index, (who, kind, day, amount, tax, due) in enumerate(history):
        transaction(s, who, kind, f"T{index}", day, amount, tax, due)
    batches = []
    for close in CLOSE_DATES:
        with suppress(billing.NothingToInclude):  # nothing dated by then: no batch
            batches.append(generate(s, close).number)
    return batches


def _check_every_statement(s: Session, batches: list[int]) -> None:
    for position, number in enumerate(batches):
        statement = billing.statement_of(s, number)
        for c in statement.customers:
            ledger = billing.list_transactions(s, TransactionQuery(c.customer.number))
            expected = by_hand(ledger, batches[: position + 1], statement.batch.close_date)
            assert c.aging == expected
            assert c.aging.total == c.figures.invoice_amount
        assert statement.aging.total == statement.totals.invoice_amount


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=HISTORIES)
def test_buckets_are_r17_and_add_up_to_the_invoice_amount(
    db: Database, history: list[tuple[str, str, str, str, str, str]]
) -> None:
    with db.transaction() as s:
        example = s.begin_nested()  # every example starts from the same empty database
        try:
            _check_every_statement(s, post_history(s, history))
        finally:
            example.rollback()
