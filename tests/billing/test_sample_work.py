"""The sample company's work (R15): loaded, it waits unbilled for several customers, and one run
invoices all of it, each invoice the sum of its lines, taxed at each customer's own rate."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from app import billing
from app.billing import WorkInvoiceRequest, WorkQuery
from app.models import CENT, ARTransaction, Customer, InvoiceLine, WorkEntry
from app.store import Database
from app.ui.first_run import load_sample_company, sample_folder

TODAY = dt.date(2026, 12, 2)


def _no_progress(_done: int, _total: int, _text: str) -> None:
    pass


def _billable_amounts() -> dict[str, Decimal]:
    """Each customer's billable work in the shipped files, added up here apart from billing."""
    folder = sample_folder()
    with (folder / "service_types.csv").open(encoding="utf-8", newline="") as handle:
        rates = {row["code"]: Decimal(row["rate"]) for row in csv.DictReader(handle)}
    totals: dict[str, Decimal] = defaultdict(Decimal)
    with (folder / "work.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["billable"] == "no":
                continue
            rate = Decimal(row["rate"]) if row["rate"] else rates[row["service_type"]]
            amount = (Decimal(row["quantity"]) * rate).quantize(CENT, rounding=ROUND_HALF_UP)
            totals[row["customer"]] += amount
    return dict(totals)


def test_the_sample_work_waits_unbilled_for_several_customers(db: Database) -> None:
    loaded = load_sample_company(db, _no_progress, today=TODAY)
    expected = _billable_amounts()
    with db.read() as session:
        waiting = billing.unbilled_by_customer(session, WorkQuery())
        by_tag = billing.unbilled_by_customer(session, WorkQuery(tag="key-account"))
    assert loaded.work_entries == 135
    assert len(waiting) >= 10
    assert {u.customer_number: u.amount for u in waiting} == expected
    assert all(u.first_date >= TODAY - dt.timedelta(days=70) for u in waiting)
    assert all(u.last_date < TODAY for u in waiting)
    assert {u.customer_number for u in by_tag} == {"C005", "C010", "C018", "C024"}


def _line_sums(db: Database) -> dict[str, tuple[Decimal, Decimal, Decimal, Decimal, int]]:
    """Per work invoice: its amount and tax as stored, and the sums of its stored lines."""
    with db.read() as session:
        rows = session.execute(
            select(
                ARTransaction.number,
                ARTransaction.amount,
                ARTransaction.tax,
                func.sum(InvoiceLine.amount),
                func.sum(InvoiceLine.tax),
                func.count(InvoiceLine.id),
            )
            .join(InvoiceLine, InvoiceLine.transaction_id == ARTransaction.id)
            .group_by(ARTransaction.number, ARTransaction.amount, ARTransaction.tax)
        ).all()
    return {
        number: (amount, tax, lines_amount, lines_tax, count)
        for number, amount, tax, lines_amount, lines_tax, count in rows
    }


def test_invoicing_the_sample_work_makes_invoices_that_are_the_sums_of_their_lines(
    db: Database,
) -> None:
    load_sample_company(db, _no_progress, today=TODAY)
    with db.transaction() as session:
        made = billing.invoice_work(session, WorkInvoiceRequest(TODAY))
    stored = _line_sums(db)
    expected = _billable_amounts()

    assert len(made) == len(expected)
    assert {i.customer_number: i.amount for i in made} == expected
    for invoice in made:
        amount, tax, lines_amount, lines_tax, count = stored[invoice.number or ""]
        assert (amount, tax) == (lines_amount, lines_tax) == (invoice.amount, invoice.tax)
        assert count == len(invoice.lines)
    taxes = {i.customer_number: i for i in made}
    # Washington at its own 10.25 % on the taxable lines; the exempt credit union and the
    # Oregon customers (the company's 0 %) pay none.
    seattle = taxes["C002"]
    each = [
        (line.amount * Decimal("0.1025")).quantize(CENT, rounding=ROUND_HALF_UP)
        for line in seattle.lines
        if line.taxable
    ]
    assert seattle.tax == sum(each, Decimal(0)) > 0
    assert taxes["C012"].tax == 0
    assert any(line.taxable for line in taxes["C012"].lines)
    assert taxes["C001"].tax == 0
    # Terms: Juniper Health's own 45 days, the company's 30 for the others.
    assert taxes["C010"].due_date == TODAY + dt.timedelta(days=45)
    assert taxes["C001"].due_date == TODAY + dt.timedelta(days=30)
    with db.read() as session:
        assert billing.unbilled_by_customer(session, WorkQuery()) == []
        left = session.execute(
            select(WorkEntry.billable, func.count())
            .where(WorkEntry.invoice_id.is_(None))
            .group_by(WorkEntry.billable)
        ).all()
        on_lines = session.scalar(
            select(func.count())
            .select_from(InvoiceLine)
            .join(WorkEntry, WorkEntry.id == InvoiceLine.work_entry_id)
            .where(WorkEntry.billable.is_(False))
        )
        customers_with_invoices = session.scalar(
            select(func.count(func.distinct(ARTransaction.customer_id)))
            .join(Customer, Customer.id == ARTransaction.customer_id)
            .where(ARTransaction.number.in_([i.number for i in made]))
        )
    assert left == [(False, 8)]  # the warranty work and the callback stay unbilled
    assert on_lines == 0
    assert customers_with_invoices == len(made)
