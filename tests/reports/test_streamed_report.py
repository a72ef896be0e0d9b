"""The report is laid out one customer section at a time: its memory does not follow the batch,
and "Page x of y" still counts within each section."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal

from app.billing import (
    Aging,
    BatchKind,
    BatchRecord,
    BatchStatement,
    CompanySettings,
    CustomerRecord,
    CustomerStatement,
    StatementFigures,
    TransactionRecord,
    TransactionType,
)
from app.reports import render_report
from tests.reports.pdf_reading import page_lines, page_runs

CLOSE = dt.date(2026, 11, 15)
SETTINGS = CompanySettings(company_name="Łódź Müller & Søn GmbH", address1="Piotrkowska 104")


def _section(i: int, invoices: int) -> CustomerStatement:
    customer = CustomerRecord(
        id=i, number=f"C{i:05d}", name=f"Ørsted Café {i}", address1=f"{i} Main Street",
        address2="", city="Springfield", region="IL", postal_code="62704", country="USA",
        email="", phone="", cutoff_day=15, active=True, notes="",
    )  # fmt: skip
    rows = tuple(_invoice(customer, j) for j in range(invoices))
    figures = StatementFigures(invoiced=Decimal(100 * invoices), taxes=Decimal(7 * invoices))
    aging = Aging(current=figures.invoice_amount)
    return CustomerStatement(customer, figures, aging, None, rows, ())


def _invoice(customer: CustomerRecord, j: int) -> TransactionRecord:
    return TransactionRecord(
        id=customer.id * 1000 + j, customer_id=customer.id, customer_number=customer.number,
        customer_name=customer.name, type=TransactionType.INVOICE,
        number=f"INV-{customer.id}-{j}", invoice_date=dt.date(2026, 11, 2),
        due_date=dt.date(2026, 12, 2), amount=Decimal("100.00"), tax=Decimal("7.00"),
        description="Widgets and freight", batch_number=2, batch_locked=False,
    )  # fmt: skip


def _batch(sections: tuple[CustomerStatement, ...]) -> BatchStatement:
    totals = sum((s.figures for s in sections), StatementFigures())
    batch = BatchRecord(
        id=2, number=2, close_date=CLOSE, description="November", kind=BatchKind.GENERATED,
        created_at=dt.datetime(2026, 11, 15, 9), printed_at=None, print_count=0,
        customer_count=len(sections), transaction_count=sum(len(s.transactions) for s in sections),
        totals=totals, aging=sum((s.aging for s in sections), Aging()),
    )  # fmt: skip
    return BatchStatement(batch, sections)


def _peak_of_printing(customers: int) -> tuple[int, int]:
    """Peak memory taken while rendering `customers` one-page sections, and the PDF's size."""
    statement = _batch(tuple(_section(i, 3) for i in range(customers)))
    render_report(_batch(statement.customers[:1]), SETTINGS, reprint=False)  # fonts loaded
    tracemalloc.start()
    try:
        report = render_report(statement, SETTINGS, reprint=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.pages > customers
    return peak, len(report.pdf)


def test_memory_of_printing_does_not_follow_the_number_of_customers() -> None:
    small, small_pdf = _peak_of_printing(60)
    large, large_pdf = _peak_of_printing(300)
    # What may grow with the batch: the PDF itself, the written pages ReportLab holds until it
    # saves them (compressed) and the control page's row a customer: about five times what
    # the PDF grows. Keeping every page's drawing until the end, as before, grew twenty times.
    assert large - small < 8 * (large_pdf - small_pdf)


def _sections(lengths: list[int]) -> Iterator[CustomerStatement]:
    for i, invoices in enumerate(lengths):
        yield _section(i, invoices)


def test_sections_read_as_they_are_laid_out_count_their_own_pages() -> None:
    lengths = [1, 90, 2, 40, 1]
    whole = _batch(tuple(_sections(lengths)))
    light = dataclasses.replace(
        whole,
        customers=tuple(dataclasses.replace(c, transactions=()) for c in whole.customers),
    )
    streamed = render_report(light, SETTINGS, reprint=False, sections=_sections(lengths))
    assert streamed.pdf == render_report(whole, SETTINGS, reprint=False).pdf
    labels = [
        m.group(0)
        for runs in page_runs(streamed.pdf)
        for line in page_lines(runs)
        if (m := re.search(r"(Control page|Page) \d+ of \d+$", line))
    ]
    assert labels == [
        "Control page 1 of 1",
        "Page 1 of 1",
        "Page 1 of 3",
        "Page 2 of 3",
        "Page 3 of 3",
        "Page 1 of 1",
        "Page 1 of 2",
        "Page 2 of 2",
        "Page 1 of 1",
    ]
    assert streamed.pages == len(labels)
