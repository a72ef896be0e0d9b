"""A section longer than a page: the table breaks with its header repeated, pages counted within."""

from __future__ import annotations

import re

from app.store import Database
from tests.reports.pdf_reading import page_lines
from tests.reports.printing import Printout, print_batch
from tests.reports.scenario import LONG_COUNT, long_batch

HEADER = "Date Type Number Description Due date Net Tax Total"


def _printed(db: Database) -> Printout:
    with db.transaction() as session:
        number = long_batch(session)
    return print_batch(db, number)


def _page_label(lines: list[str]) -> str:
    labels = [m.group(0) for line in lines for m in [re.search(r"Page \d+ of \d+$", line)] if m]
    assert len(labels) == 1, lines
    return labels[0]


def test_long_section_counts_its_own_pages(db: Database) -> None:
    printout = _printed(db)
    pages = [page_lines(runs) for runs in printout.pages]
    assert printout.report.pages == len(pages) == 5
    assert pages[0][0].endswith("Control page 1 of 1")
    assert [_page_label(page) for page in pages[1:]] == [
        "Page 1 of 3",
        "Page 2 of 3",
        "Page 3 of 3",
        "Page 1 of 1",
    ]
    assert "Customer number L001" in pages[1]
    assert "Customer number L002" in pages[4]


def test_every_page_of_the_table_repeats_caption_and_header(db: Database) -> None:
    pages = [page_lines(runs) for runs in _printed(db).pages]
    section = pages[1:4]
    assert [page.count(HEADER) for page in section] == [1, 1, 1]
    assert "Transactions in this statement" in section[0]
    for page in section[1:]:
        assert "Transactions in this statement (continued)" in page
        assert page[1].startswith("Customer L001 · Batch 1 · 2026-11-15")
    numbers = [
        word
        for page in section
        for line in page
        for word in line.split()
        if word.startswith("LONG-")
    ]
    assert numbers == [
        f"LONG-{i:03d}" for i in sorted(range(LONG_COUNT), key=lambda i: (i % 14, i))
    ]
    assert "Total 5,051.00 100.00 5,151.00" in section[-1]


def test_remittance_stub_only_on_the_sections_last_page(db: Database) -> None:
    pages = [page_lines(runs) for runs in _printed(db).pages]
    cut = "✂  Please detach and return this part with your payment"
    assert [cut in page for page in pages] == [False, False, False, True, True]
    assert "Amount due 5,151.00" in pages[3]
