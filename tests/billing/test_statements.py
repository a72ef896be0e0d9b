"""R8: the statement math over several consecutive batches, payments by their paid date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import StatementFigures, TransactionDraft
from app.models import TransactionType
from app.store import Database
from tests.billing.helpers import day, figures_of, generate, mark_printed
from tests.factories import customer, transaction


def _figures(
    former: str, payments: str, invoiced: str, charges: str, taxes: str
) -> StatementFigures:
    return StatementFigures(
        former_amount=Decimal(former),
        payments=Decimal(payments),
        invoiced=Decimal(invoiced),
        charges=Decimal(charges),
        taxes=Decimal(taxes),
    )


def _three_months(s: Session) -> tuple[int, int, int]:
    """K in three batches, L in the first only, M in the first and the third."""
    customer(s, "K", 15)
    customer(s, "L", 15)
    customer(s, "M", 15)
    transaction(s, "K", "invoice", "INV-1", "2027-01-03", "1000.00", "80.00")
    transaction(s, "K", "credit_memo", "CM-1", "2027-01-10", "100.00", "8.00")
    transaction(s, "K", "debit_memo", "DM-1", "2027-01-12", "25.00")
    transaction(s, "K", "payment", "P-0", "2027-01-05", "200.00")
    transaction(s, "L", "invoice", "INV-L1", "2027-01-02", "10.10")
    transaction(s, "M", "invoice", "INV-M1", "2027-01-02", "100.00")
    first = generate(s, "2027-01-15").number
    transaction(s, "K", "invoice", "INV-2", "2027-02-01", "500.00", "40.00")
    transaction(s, "K", "payment", "P-1", "2027-01-14", "300.00", due_date="2027-01-20")
    transaction(s, "K", "payment", "P-2", "2027-02-15", "100.00")  # paid on the close date
    transaction(s, "K", "payment", "P-3", "2027-02-16", "50.00")  # the day after
    transaction(s, "M", "payment", "P-M", "2027-02-10", "30.00")
    second = generate(s, "2027-02-15").number
    transaction(s, "K", "credit_memo", "CM-2", "2027-03-01", "37.50", "3.00")
    transaction(s, "M", "invoice", "INV-M3", "2027-03-02", "50.00")
    third = generate(s, "2027-03-15").number
    return first, second, third


def test_r8_figures_over_three_consecutive_batches(db: Database) -> None:
    with db.transaction() as s:
        first, second, third = _three_months(s)
    with db.transaction() as s:
        k1 = figures_of(s, first, "K")
        k2 = figures_of(s, second, "K")
        k3 = figures_of(s, third, "K")
        m1 = figures_of(s, first, "M")
        m3 = figures_of(s, third, "M")
        batch_one = billing.batch_row(s, first)
    assert k1 == _figures("0.00", "200.00", "900.00", "25.00", "72.00")
    assert (k1.carry_over, k1.invoice_amount) == (Decimal("-200.00"), Decimal("797.00"))
    # Payments after S (15 Jan) and on or before D (15 Feb): P-1 and P-2, not P-3.
    assert k2 == _figures("797.00", "400.00", "500.00", "0.00", "40.00")
    assert (k2.carry_over, k2.invoice_amount) == (Decimal("397.00"), Decimal("937.00"))
    assert k3 == _figures("937.00", "50.00", "-37.50", "0.00", "-3.00")
    assert (k3.carry_over, k3.invoice_amount) == (Decimal("887.00"), Decimal("846.50"))
    # M skipped February: S is the close date of M's previous batch, 15 Jan.
    assert m1 == _figures("0.00", "0.00", "100.00", "0.00", "0.00")
    assert m3 == _figures("100.00", "30.00", "50.00", "0.00", "0.00")
    assert m3.invoice_amount == Decimal("120.00")
    assert batch_one.totals == _figures("0.00", "200.00", "1010.10", "25.00", "72.00")
    assert batch_one.totals.invoice_amount == Decimal("907.10")
    assert (batch_one.customer_count, batch_one.transaction_count) == (3, 5)


def test_r8_former_amount_equals_previous_invoice_amount(db: Database) -> None:
    with db.transaction() as s:
        batches = _three_months(s)
    with db.transaction() as s:
        statements = [billing.statement_of(s, n) for n in batches]
    last: dict[str, Decimal] = {}
    previous: dict[str, dt.date] = {}
    for statement in statements:
        for c in statement.customers:
            number = c.customer.number
            assert c.figures.former_amount == last.get(number, Decimal("0.00"))
            assert c.previous_close_date == previous.get(number)
            last[number] = c.figures.invoice_amount
            previous[number] = statement.batch.close_date
        total = sum((c.figures for c in statement.customers), StatementFigures())
        assert statement.totals == total
    assert last == {"K": Decimal("846.50"), "L": Decimal("10.10"), "M": Decimal("120.00")}


def test_r8_statement_lists_the_batch_documents_and_the_period_payments(db: Database) -> None:
    with db.transaction() as s:
        _, second, third = _three_months(s)
    with db.transaction() as s:
        k2 = billing.statement_of(s, second).customers[0]
        k3 = billing.statement_of(s, third).customers[0]
    assert [t.number for t in k2.transactions] == ["INV-2"]
    assert [p.number for p in k2.payments] == ["P-1", "P-2"]
    assert [p.number for p in k3.payments] == ["P-3"]
    assert [t.total for t in k3.transactions] == [Decimal("-40.50")]


def _move_paid_date(s: Session, number: str, paid: str) -> None:
    record = next(
        t for t in billing.list_transactions(s) if t.number == number and t.type == "payment"
    )
    draft = TransactionDraft(
        customer_number=record.customer_number,
        type=TransactionType.PAYMENT,
        number=record.number,
        invoice_date=record.invoice_date,
        due_date=day(paid),
        amount=record.amount,
        tax=record.tax,
    )
    billing.update_transaction(s, record.id, draft)


def test_r8_reprint_follows_a_moved_paid_date(db: Database) -> None:
    with db.transaction() as s:
        _, second, third = _three_months(s)
        mark_printed(s, second)
        mark_printed(s, third)
    with db.transaction() as s:
        _move_paid_date(s, "P-3", "2027-02-14")  # a payment is never in a batch: still editable
    with db.transaction() as s:
        k2 = figures_of(s, second, "K")
        k3 = figures_of(s, third, "K")
    assert k2 == _figures("797.00", "450.00", "500.00", "0.00", "40.00")
    assert k2.invoice_amount == Decimal("887.00")
    assert k3 == _figures("887.00", "0.00", "-37.50", "0.00", "-3.00")
    assert k3.invoice_amount == Decimal("846.50")


def test_r8_payment_entered_late_with_an_old_paid_date(db: Database) -> None:
    """A payment paid before S lowers the former amount, and the earlier batch agrees."""
    with db.transaction() as s:
        _, second, third = _three_months(s)
        transaction(s, "K", "payment", "P-LATE", "2027-01-30", "12.34")
    with db.transaction() as s:
        k2 = figures_of(s, second, "K")
        k3 = figures_of(s, third, "K")
    assert k2.payments == Decimal("412.34")
    assert k2.invoice_amount == Decimal("924.66")
    assert k3.former_amount == Decimal("924.66")
    assert k3.invoice_amount == Decimal("834.16")


def test_r8_same_close_date_orders_batches_by_number(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "K", 15)
        transaction(s, "K", "invoice", "INV-1", "2027-01-03", "10.00")
        transaction(s, "K", "payment", "P-1", "2027-01-04", "4.00")
        first = generate(s, "2027-01-15").number
        transaction(s, "K", "invoice", "INV-2", "2027-01-05", "20.00")
        second = generate(s, "2027-01-15").number
    with db.transaction() as s:
        k1 = figures_of(s, first, "K")
        k2 = figures_of(s, second, "K")
    assert k1 == _figures("0.00", "4.00", "10.00", "0.00", "0.00")
    # S equals D: no payment can fall after S and on or before D.
    assert k2 == _figures("6.00", "0.00", "20.00", "0.00", "0.00")
    assert k2.invoice_amount == Decimal("26.00")


def test_r8_sums_are_exact_in_cents(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "K", 15)
        for i in range(3):
            transaction(s, "K", "invoice", f"A-{i}", "2027-01-03", "0.10", "0.01")
            transaction(s, "K", "invoice", f"B-{i}", "2027-01-03", "0.20", "0.02")
        record = generate(s, "2027-01-15")
    assert record.totals.invoiced == Decimal("0.90")
    assert record.totals.taxes == Decimal("0.09")
    assert str(record.totals.invoice_amount) == "0.99"
