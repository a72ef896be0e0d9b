"""R17: each customer's invoice amount aged at the close date by due date, credits applied
oldest due date first, on both engines and to the cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import Aging
from app.billing.batches import find_batch
from app.billing.statements import batch_statement
from app.store import Database
from tests.billing.helpers import figures_of, generate
from tests.factories import customer, transaction


def aging(current: str, days_1_30: str, days_31_60: str, days_61_90: str, over_90: str) -> Aging:
    return Aging(*(Decimal(v) for v in (current, days_1_30, days_31_60, days_61_90, over_90)))


def aging_of(s: Session, batch_number: int, customer_number: str) -> Aging:
    for c in billing.statement_of(s, batch_number).customers:
        if c.customer.number == customer_number:
            return c.aging
    raise AssertionError(f"{customer_number} is not in batch {batch_number}")


CLOSE = dt.date(2027, 4, 30)
# Days past due at the close date, and the amount of the invoice due then: every edge of R17.
EDGES = {
    -10: "1.00",  # due after the close date: current
    0: "2.00",  # due on the close date: not yet past due
    1: "4.00",
    30: "8.00",
    31: "16.00",
    60: "32.00",
    61: "64.00",
    90: "128.00",
    91: "256.00",
}


def test_items_land_in_their_bucket_at_each_day_count_edge(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "K", 30)
        for days, amount in EDGES.items():
            due = CLOSE - dt.timedelta(days=days)
            transaction(s, "K", "invoice", f"INV{days}", "2026-12-01", amount, due_date=str(due))
        number = generate(s, CLOSE.isoformat()).number
    with db.read() as s:
        found = aging_of(s, number, "K")
        record = billing.batch_row(s, number)
    assert found == aging("3.00", "12.00", "48.00", "192.00", "256.00")
    assert record.aging == found


def test_each_item_counts_at_its_total_with_tax_and_debit_memos(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "K", 30)
        transaction(s, "K", "invoice", "INV-1", "2027-03-01", "100.00", "8.25", "2027-03-31")
        transaction(s, "K", "debit_memo", "DM-1", "2027-01-10", "15.00", "1.20", "2027-01-20")
        transaction(s, "K", "invoice", "INV-2", "2027-04-10", "40.00", "0.00", "2027-05-10")
        number = generate(s, "2027-04-30").number
    with db.read() as s:
        assert aging_of(s, number, "K") == aging("40.00", "108.25", "0.00", "0.00", "16.20")
        assert figures_of(s, number, "K").invoice_amount == Decimal("164.45")


def test_a_credit_balance_makes_current_negative(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "K", 30)
        customer(s, "L", 30)
        transaction(s, "K", "invoice", "INV-1", "2027-01-05", "100.00", due_date="2027-02-04")
        transaction(s, "K", "payment", "P-1", "2027-02-20", "150.00")
        transaction(s, "K", "credit_memo", "CM-1", "2027-04-01", "10.00", "0.80")
        transaction(s, "L", "credit_memo", "CM-L", "2027-04-01", "25.00")  # no invoice at all
        number = generate(s, "2027-04-30").number
    with db.read() as s:
        assert aging_of(s, number, "K") == aging("-60.80", "0.00", "0.00", "0.00", "0.00")
        assert aging_of(s, number, "L") == aging("-25.00", "0.00", "0.00", "0.00", "0.00")
        assert billing.batch_row(s, number).aging == aging("-85.80", "0", "0", "0", "0")


def _three_batches(s: Session) -> tuple[int, int, int]:
    """K over three monthly batches: credits of each batch and the payments by their paid date."""
    customer(s, "K", 15)
    transaction(s, "K", "invoice", "INV-1", "2027-01-01", "100.00", "8.00", "2027-01-31")
    transaction(s, "K", "invoice", "INV-2", "2027-01-15", "200.00", due_date="2027-02-14")
    first = generate(s, "2027-01-15").number
    transaction(s, "K", "credit_memo", "CM-1", "2027-02-01", "50.00", "4.00")
    transaction(s, "K", "debit_memo", "DM-1", "2027-02-01", "25.00", due_date="2027-03-01")
    transaction(s, "K", "payment", "P-1", "2027-02-10", "80.00")
    second = generate(s, "2027-02-15").number
    transaction(s, "K", "invoice", "INV-3", "2027-03-15", "300.00", due_date="2027-04-14")
    transaction(s, "K", "credit_memo", "CM-2", "2027-03-10", "10.00")
    transaction(s, "K", "payment", "P-2", "2027-03-15", "100.00")  # paid on the close date
    transaction(s, "K", "payment", "P-3", "2027-03-16", "1000.00")  # the day after
    third = generate(s, "2027-03-15").number
    transaction(s, "K", "credit_memo", "CM-9", "2027-03-20", "500.00")  # in no batch
    return first, second, third


def test_credits_across_batches_are_applied_oldest_due_date_first(db: Database) -> None:
    with db.transaction() as s:
        first, second, third = _three_batches(s)
    with db.read() as s:
        ages = [aging_of(s, n, "K") for n in (first, second, third)]
        amounts = [figures_of(s, n, "K").invoice_amount for n in (first, second, third)]
    # 15 Jan: nothing is past due yet.
    assert ages[0] == aging("308.00", "0.00", "0.00", "0.00", "0.00")
    # 15 Feb: CM-1 and P-1 (134.00) pay INV-1 (108.00) whole and 26.00 of INV-2, due 14 Feb;
    # DM-1 is due on 1 Mar. P-2 is paid after this close date, CM-2 is in a later batch.
    assert ages[1] == aging("25.00", "174.00", "0.00", "0.00", "0.00")
    # 15 Mar: 244.00 of credits leave 64.00 of INV-2 (29 days) and all of DM-1 (14 days).
    assert ages[2] == aging("300.00", "89.00", "0.00", "0.00", "0.00")
    assert [a.total for a in ages] == amounts


def test_oldest_due_date_is_paid_first_not_oldest_invoice_date(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "K", 30)
        transaction(s, "K", "invoice", "INV-A", "2027-01-01", "100.00", due_date="2027-03-31")
        transaction(s, "K", "invoice", "INV-B", "2027-02-01", "100.00", due_date="2027-02-01")
        transaction(s, "K", "payment", "P-1", "2027-02-20", "100.00")
        number = generate(s, "2027-04-30").number
    with db.read() as s:
        # P-1 pays INV-B, due first; INV-A is 30 days past due. By invoice date it would be
        # INV-B that is left, 88 days past due.
        assert aging_of(s, number, "K") == aging("0.00", "100.00", "0.00", "0.00", "0.00")


def test_a_later_batch_of_the_same_close_date_is_not_in_the_earlier_ones_aging(
    db: Database,
) -> None:
    with db.transaction() as s:
        customer(s, "K", 15)
        transaction(s, "K", "invoice", "INV-1", "2027-01-01", "100.00", due_date="2027-01-05")
        first = generate(s, "2027-01-15").number
        transaction(s, "K", "credit_memo", "CM-1", "2027-01-14", "30.00")
        later = billing.create_manual_batch(s, dt.date(2027, 1, 15), "Late credit").number
        billing.add_transactions(s, later, ["CM-1"])
    with db.read() as s:
        assert aging_of(s, first, "K") == aging("0.00", "100.00", "0.00", "0.00", "0.00")
        assert aging_of(s, later, "K") == aging("0.00", "70.00", "0.00", "0.00", "0.00")


def test_a_statement_of_some_customers_ages_those_and_keeps_the_batch_totals(
    db: Database,
) -> None:
    with db.transaction() as s:
        customer(s, "K", 15)
        l_id = customer(s, "L", 15).id
        transaction(s, "K", "invoice", "INV-K", "2026-11-20", "10.00", due_date="2026-12-01")
        transaction(s, "L", "invoice", "INV-L", "2027-01-02", "20.00")
        batch = billing.statement_of(s, generate(s, "2027-01-15").number)
        only_l = batch_statement(s, find_batch(s, batch.batch.number), [l_id])
    # L's invoice is 13 days past due on 15 Jan, K's 45 days.
    assert [c.aging for c in only_l.customers] == [aging("0.00", "20.00", "0.00", "0.00", "0.00")]
    assert only_l.aging == batch.aging == aging("0.00", "20.00", "10.00", "0.00", "0.00")
