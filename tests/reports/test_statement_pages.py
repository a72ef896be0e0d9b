"""A customer's statement read back from the PDF: figures to the cent, names as written."""

from __future__ import annotations

from app.store import Database
from tests.reports.pdf_reading import page_lines, texts
from tests.reports.printing import print_batch
from tests.reports.scenario import COMPANY, NAMES, SUMMARIES, two_batches


def _november(db: Database) -> list[list[str]]:
    with db.transaction() as session:
        number = two_batches(session)
    printout = print_batch(db, number)
    assert printout.report.pages == len(printout.pages) == 4
    return [page_lines(runs) for runs in printout.pages]


def test_summary_band_prints_r8_in_words_a_customer_reads(db: Database) -> None:
    pages = _november(db)
    for page, number in zip(pages[1:], ("C001", "C002", "C003"), strict=True):
        assert f"Customer number {number}" in page
        labels = "Previous balance Payments Balance carried New invoices Charges Tax Amount due"
        band = page.index(labels)
        assert page[band + 1] == "received over"
        assert page[band + 2] == " ".join(SUMMARIES[number])


def test_transactions_and_payments_of_the_period_to_the_cent(db: Database) -> None:
    first = _november(db)[1]
    table = first.index("Date Type Number Description Due date Net Tax Total")
    assert first[table + 1 : table + 5] == [
        "2026-11-02 Invoice INV-1001 Consulting, October 2026-12-02 1,000.00 100.00 1,100.00",
        "2026-11-10 Credit memo CM-17 Returned goods 2026-11-10 -50.00 0.00 -50.00",
        "2026-11-11 Debit memo DM-3 Late fee 2026-11-11 12.50 0.00 12.50",
        "Total 962.50 100.00 1,062.50",
    ]
    payments = first.index("Payments received from 2026-10-16 to 2026-11-15")
    assert first[payments + 1 : payments + 4] == [
        "Paid date Reference Description Amount",
        "2026-10-20 CHK-1 Check 1182, thank you 300.00",
        "Total received 300.00",
    ]
    assert "CHK-0" not in " ".join(first)  # paid before the previous close date


def test_customer_without_history_or_payments(db: Database) -> None:
    third = _november(db)[3]
    assert "Payments received up to 2026-11-15: none." in third
    assert "2026-11-04 Invoice INV-1003 Kaffe og kage 2026-12-04 99.99 7.00 106.99" in third


def test_remittance_stub_on_the_last_page(db: Database) -> None:
    first = _november(db)[1]
    cut = first.index("✂  Please detach and return this part with your payment")
    stub = first[cut:]
    for line in ("Customer number C001", "Batch number 2", "Statement date 2026-11-15"):
        assert first[:cut].count(line) == stub.count(line) == 1  # header block, then stub
    assert "Amount due 1,152.50" in stub
    assert stub[-1] == "Amount enclosed"


def test_unicode_names_print_as_written(db: Database) -> None:
    pages = _november(db)
    for page, number in zip(pages[1:], ("C001", "C002", "C003"), strict=True):
        assert NAMES[number] in page  # the first line of the address in the window
        assert f"Customer {NAMES[number]}" in page  # on the remittance stub
        assert page[0] == COMPANY
    assert "C001 Łódź Müller & Søn 390.00 300.00 90.00 950.00 12.50 100.00 1,152.50" in pages[0]
    assert "ul. Żeromskiego 12" in pages[1]
    assert "2200 København" in pages[3]


def test_pages_use_only_the_embedded_dejavu_fonts(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    printout = print_batch(db, number)
    fonts = {run.font for runs in printout.pages for run in runs}
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}
    assert "Reprint" not in {text for runs in printout.pages for text in texts(runs)}
