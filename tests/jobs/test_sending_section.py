"""One customer's statement section alone (R13, DESIGN §4): the same pages, numbered the same,
as in the batch report, without the control page."""

from __future__ import annotations

import datetime as dt

from app import billing
from app.reports import render_report, render_statement_section
from app.store import Database
from tests.jobs.sending_world import sending_batch
from tests.reports.pdf_reading import page_lines, page_runs
from tests.reports.scenario import long_batch


def _pages(pdf: bytes) -> list[list[str]]:
    return [page_lines(runs) for runs in page_runs(pdf)]


def test_a_section_alone_is_its_pages_in_the_batch_report(db: Database) -> None:
    with db.transaction() as session:
        number = long_batch(session)
        statement = billing.statement_of(session, number)
        settings = billing.load_settings(session)
    day = dt.date(2026, 11, 20)
    report = _pages(render_report(statement, settings, reprint=False, printed_on=day).pdf)
    first_page = 1  # after the control page
    for customer in statement.customers:
        alone = render_statement_section(
            statement.batch, customer, settings, reprint=False, printed_on=day
        )
        pages = _pages(alone.pdf)
        assert alone.pages == len(pages)
        assert pages == report[first_page : first_page + len(pages)]
        assert any(f"Page 1 of {len(pages)}" in line for line in pages[-1] + pages[0])
        first_page += len(pages)
    assert first_page == len(report)
    assert len(statement.customers) == 2
    assert max(len(p) for p in report) > 0


def test_a_short_section_alone_has_no_control_page(db: Database) -> None:
    with db.transaction() as session:
        number = sending_batch(session, 2525)
        statement = billing.statement_of(session, number)
        settings = billing.load_settings(session)
    c002 = statement.customers[1]
    pages = _pages(render_statement_section(statement.batch, c002, settings, reprint=True).pdf)
    text = " ".join(line for page in pages for line in page)
    assert len(pages) == 1
    assert "Invoice Batch Report" not in text
    assert "Acme Hardware Supply" in text
    assert "Reprint" in text
