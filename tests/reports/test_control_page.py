"""The clerk's control page: every customer, and control totals equal to the sections' sums."""

from __future__ import annotations

from decimal import Decimal

from app.store import Database
from tests.reports.pdf_reading import page_lines
from tests.reports.printing import print_batch
from tests.reports.scenario import SUMMARIES, TOTALS, long_batch, two_batches

BAND = "Previous balance Payments Balance carried New invoices Charges Tax Amount due"


def _amounts(line: str) -> list[Decimal]:
    return [Decimal(part.replace(",", "")) for part in line.split()]


def _customer_rows(control: list[str], first: str) -> list[str]:
    """The rows of the R8 customer table (the aging table after it has rows of its own)."""
    table = control[: control.index("Aging by customer, at the close date")]
    return [line for line in table if line.startswith((first, "Total, "))]


def _section_bands(pages: list[list[str]]) -> list[list[Decimal]]:
    """The summary band's amounts from the first page of each customer's section."""
    return [_amounts(page[page.index(BAND) + 2]) for page in pages if BAND in page]


def test_control_page_describes_the_batch(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    control = page_lines(print_batch(db, number).pages[0])
    assert control[:3] == [
        "Nordlicht Bürobedarf GmbH · Invoice Batch Report · Batch 2 Control page 1 of 1",
        "For the clerk, not to be mailed",
        "Invoice Batch Report",
    ]
    for fact in (
        "Batch number 2",
        "Close date 2026-11-15",
        "Kind Generated",
        "Customers 3",
        "Transactions 5",
        "Envelope US #10 window",
        "Print First print",
    ):
        assert fact in control


def test_control_totals_equal_the_sum_of_the_sections(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    pages = [page_lines(runs) for runs in print_batch(db, number).pages]
    control = pages[0]
    totals = control.index(
        "Former amount Payments Carry over Invoiced Charges Taxes Invoice amount"
    )
    assert control[totals + 1] == " ".join(TOTALS)
    bands = _section_bands(pages[1:])
    sums = [sum(column, Decimal("0.00")) for column in zip(*bands, strict=True)]
    assert sums == _amounts(control[totals + 1])
    rows = _customer_rows(control, "C00")
    assert rows == [
        "C001 Łódź Müller & Søn " + " ".join(SUMMARIES["C001"]),
        "C002 Acme Hardware Supply " + " ".join(SUMMARIES["C002"]),
        "C003 Ørsted Café Ζωή " + " ".join(SUMMARIES["C003"]),
        "Total, 3 customers " + " ".join(TOTALS),
    ]


def test_control_page_of_a_batch_with_a_long_section(db: Database) -> None:
    with db.transaction() as session:
        number = long_batch(session)
    pages = [page_lines(runs) for runs in print_batch(db, number).pages]
    rows = _customer_rows(pages[0], "L00")
    assert rows == [
        "L001 Łódź Müller & Søn 0.00 0.00 0.00 5,051.00 0.00 100.00 5,151.00",
        "L002 Short Statement Ltd 0.00 0.00 0.00 10.00 0.00 0.00 10.00",
        "Total, 2 customers 0.00 0.00 0.00 5,061.00 0.00 100.00 5,161.00",
    ]
    bands = _section_bands(pages[1:])
    assert [band[-1] for band in bands] == [Decimal("5151.00"), Decimal("10.00")]
