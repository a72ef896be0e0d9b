"""R17 in the report read back from the PDF: each statement's aging row under its summary band,
and the control page's aging totals and rows, to the cent."""

from __future__ import annotations

from decimal import Decimal

from app.store import Database
from tests.reports.pdf_reading import page_lines
from tests.reports.printing import print_batch
from tests.reports.scenario import NAMES, SUMMARIES, two_batches

AGING_LABELS = "Amount due by age Current 1–30 days 31–60 days 61–90 days Over 90 days"
# Aged at 15 Nov, worked out by hand. C001: the 400.00 of credits (CM-17, CHK-0, CHK-1) pay
# 400.00 of INV-0900 (due 2 Oct, 44 days), leaving 40.00; DM-3 (due 11 Nov) is 4 days past
# due; INV-1001 is due on 2 Dec. C002: INV-0901 (due 2 Oct) unpaid; INV-1002 due on 3 Dec.
AGING = {
    "C001": ("1,100.00", "12.50", "40.00", "0.00", "0.00"),
    "C002": ("220.00", "0.00", "100.00", "0.00", "0.00"),
    "C003": ("106.99", "0.00", "0.00", "0.00", "0.00"),
}
AGING_TOTALS = ("1,426.99", "12.50", "140.00", "0.00", "0.00")


def _pages(db: Database) -> list[list[str]]:
    with db.transaction() as session:
        number = two_batches(session)
    return [page_lines(runs) for runs in print_batch(db, number).pages]


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_each_statement_shows_its_aging_row_under_the_summary_band(db: Database) -> None:
    pages = _pages(db)
    for page, number in zip(pages[1:], ("C001", "C002", "C003"), strict=True):
        row = page.index(AGING_LABELS)
        assert page[row - 1] == " ".join(SUMMARIES[number])  # right under the band's amounts
        assert page[row + 1] == " ".join(AGING[number])
        amount_due = _amount(SUMMARIES[number][-1])
        assert sum(map(_amount, AGING[number])) == amount_due


def test_control_page_shows_aging_totals_and_each_customer(db: Database) -> None:
    control = _pages(db)[0]
    titles = "Current 1–30 days 31–60 days 61–90 days Over 90 days Invoice amount"
    totals = control.index("Aging control totals")
    assert control[totals + 1 : totals + 3] == [titles, " ".join(AGING_TOTALS) + " 1,579.49"]
    by_customer = control.index("Aging by customer, at the close date")
    # "Invoice amount" takes two lines in the narrower column of the customer table.
    header = f"Customer Name {titles.removesuffix(' amount')}"
    assert control[by_customer + 1 : by_customer + 3] == [header, "amount"]
    rows = [
        f"{number} {NAMES[number]} {' '.join(AGING[number])} {SUMMARIES[number][-1]}"
        for number in ("C001", "C002", "C003")
    ]
    rows.append(f"Total, 3 customers {' '.join(AGING_TOTALS)} 1,579.49")
    assert control[by_customer + 3 : by_customer + 7] == rows
