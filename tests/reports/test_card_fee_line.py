"""R14 on the statement, read back from the PDF: with a card fee set, each customer's section
says what paying its amount due by card adds; without one, nothing is said."""

from __future__ import annotations

from decimal import Decimal

from app import billing
from app.reports.card_fee_line import card_fee_line
from app.store import Database
from tests.reports.pdf_reading import page_lines
from tests.reports.printing import print_batch
from tests.reports.scenario import two_batches


def _section_lines(db: Database, percent: str | None) -> list[str]:
    with db.transaction() as session:
        number = two_batches(session)
        if percent is not None:
            billing.set_setting(session, "card_fee_percent", percent)
    pages = [page_lines(runs) for runs in print_batch(db, number).pages]
    return [line for page in pages[1:] for line in page]


def test_each_section_says_what_paying_by_card_adds(db: Database) -> None:
    lines = _section_lines(db, "2.5")
    said = [line for line in lines if line.startswith("Paying by card")]
    # Amounts due 1,152.50, 320.00 and 106.99: 28.8125 → 28.81, 8.00, 2.67475 → 2.67
    assert said == [
        "Paying by card adds a 2.5 % fee: 28.81",
        "Paying by card adds a 2.5 % fee: 8.00",
        "Paying by card adds a 2.5 % fee: 2.67",
    ]


def test_without_a_card_fee_nothing_is_said(db: Database) -> None:
    lines = _section_lines(db, None)
    assert not [line for line in lines if "card" in line.lower()]


def test_the_line_rounds_half_up_and_says_the_fee_alone_when_nothing_is_due() -> None:
    assert card_fee_line(Decimal("2.5"), Decimal("1250.00")) == (
        "Paying by card adds a 2.5 % fee: 31.25"
    )
    assert card_fee_line(Decimal("3"), Decimal("0.50")) == "Paying by card adds a 3 % fee: 0.02"
    assert card_fee_line(Decimal("2.5"), Decimal("-4.00")) == "Paying by card adds a 2.5 % fee."
    assert card_fee_line(Decimal("0"), Decimal("100.00")) is None
