"""An invoice's lines printed under it when the setting says so, read back from the PDF to the
cent; with the setting off the report is the one it was before lines existed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import GenerationRequest, LineDraft
from app.reports import render_batch_report
from app.store import Database
from tests.factories import customer, transaction
from tests.reports.pdf_reading import page_lines, page_runs
from tests.reports.printing import print_batch
from tests.reports.scenario import CLOSE, company

HEADER = "Date Type Number Description Due date Net Tax Total"
VALVE = LineDraft(
    "Valve, half a box", Decimal("0.5"), Decimal("12.75"), service_date=dt.date(2026, 11, 1)
)
LABOUR = LineDraft("Labour on site", Decimal("2.25"), Decimal("80.00"), taxable=False)
RETURNED = LineDraft("Valve returned", Decimal("0.5"), Decimal("12.75"))


def _batch(session: Session) -> int:
    """C001, taxed at 8.25 %: an invoice of two lines, a credit memo of one, and an invoice
    typed without lines; all in one batch."""
    company(session)
    customer(session, "C001", 15, name="Acme Tools", tax_rate=Decimal("8.25"))
    transaction(session, "C001", "invoice", "INV-1", "2026-11-02", due_date="2026-12-02",
                description="Valves and labour", lines=[VALVE, LABOUR])  # fmt: skip
    transaction(session, "C001", "credit_memo", "CM-1", "2026-11-05",
                description="Return", lines=[RETURNED])  # fmt: skip
    transaction(session, "C001", "invoice", "INV-2", "2026-11-06", "10.00", "0.83",
                description="Typed")  # fmt: skip
    return billing.generate_batch(session, GenerationRequest(CLOSE)).number


def _statement_page(db: Database) -> list[str]:
    with db.transaction() as session:
        number = _batch(session)
    printout = print_batch(db, number)
    assert printout.report.pages == 2
    return page_lines(printout.pages[1])


def test_lines_are_printed_under_their_invoice_to_the_cent(db: Database) -> None:
    page = _statement_page(db)
    table = page.index(HEADER)
    assert page[table + 1 : table + 8] == [
        "2026-11-02 Invoice INV-1 Valves and labour 2026-12-02 186.38 0.53 186.91",
        "2026-11-01 Valve, half a box 0.50 × 12.75 6.38 0.53",
        "Labour on site 2.25 × 80.00 180.00 0.00",
        "2026-11-05 Credit memo CM-1 Return 2026-11-05 -6.38 -0.53 -6.91",
        "Valve returned 0.50 × 12.75 -6.38 -0.53",
        "2026-11-06 Invoice INV-2 Typed 2026-11-06 10.00 0.83 10.83",
        "Total 190.00 0.83 190.83",
    ]


def test_lines_are_indented_in_smaller_type(db: Database) -> None:
    with db.transaction() as session:
        number = _batch(session)
    runs = print_batch(db, number).pages[1]
    invoice_date = next(r for r in runs if r.text == "2026-11-02")
    service_date = next(r for r in runs if r.text == "2026-11-01")
    description = next(r for r in runs if r.text == "Labour on site")
    invoice_number = next(r for r in runs if r.text == "INV-1")
    assert service_date.x > invoice_date.x + 40  # past the invoice's date column
    assert description.x == invoice_number.x  # under the invoice's number
    assert service_date.size < invoice_date.size
    invoice_net = next(r for r in runs if r.text == "186.38")
    line_net = next(r for r in runs if r.text == "6.38")
    assert line_net.x > invoice_net.x  # right-aligned under the invoice's net


def test_with_the_setting_off_no_line_is_printed(db: Database) -> None:
    with db.transaction() as session:
        number = _batch(session)
        billing.set_setting(session, "show_invoice_lines", "false")
    page = page_lines(print_batch(db, number).pages[1])
    table = page.index(HEADER)
    assert page[table + 1 : table + 5] == [
        "2026-11-02 Invoice INV-1 Valves and labour 2026-12-02 186.38 0.53 186.91",
        "2026-11-05 Credit memo CM-1 Return 2026-11-05 -6.38 -0.53 -6.91",
        "2026-11-06 Invoice INV-2 Typed 2026-11-06 10.00 0.83 10.83",
        "Total 190.00 0.83 190.83",
    ]
    assert not any("×" in line for line in page)


def test_with_the_setting_off_the_report_is_as_it_was_without_lines(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        number = _batch(session)
    with sqlite_db.read() as session:
        statement = billing.statement_of(session, number)
        settings = billing.load_settings(session)
    bare = dataclasses.replace(
        statement,
        customers=tuple(
            dataclasses.replace(
                c, transactions=tuple(dataclasses.replace(t, lines=()) for t in c.transactions)
            )
            for c in statement.customers
        ),
    )
    assert any(t.lines for c in statement.customers for t in c.transactions)
    day = dt.date(2026, 11, 16)
    off = dataclasses.replace(settings, show_invoice_lines=False)
    unchanged = render_batch_report(bare, settings, reprint=False, printed_on=day)
    assert render_batch_report(statement, off, reprint=False, printed_on=day) == unchanged
    assert render_batch_report(statement, settings, reprint=False, printed_on=day) != unchanged


MANY = 150


def test_an_invoice_of_many_lines_runs_over_pages_counted_in_its_section(db: Database) -> None:
    lines = [
        LineDraft(f"Part {i:03d}", Decimal("1"), Decimal(f"{i + 1}.00"), taxable=False)
        for i in range(MANY)
    ]
    with db.transaction() as session:
        company(session)
        customer(session, "C001", 15, name="Acme Tools", tax_rate=Decimal("8.25"))
        transaction(session, "C001", "invoice", "INV-BIG", "2026-11-02", lines=lines)
        number = billing.generate_batch(session, GenerationRequest(CLOSE)).number
    printout = print_batch(db, number)
    pages = [page_lines(runs) for runs in page_runs(printout.delivered)]
    section = pages[1:]
    labels = [m.group(0) for page in section for line in page
              for m in [re.search(r"Page \d+ of \d+$", line)] if m]  # fmt: skip
    assert labels == [f"Page {i} of {len(section)}" for i in range(1, len(section) + 1)]
    assert len(section) >= 3
    assert [page.count(HEADER) for page in section] == [1] * len(section)
    for page in section[1:]:
        assert "Transactions in this statement (continued)" in page
    parts = [line.split()[1] for page in section for line in page if line.startswith("Part ")]
    assert parts == [f"{i:03d}" for i in range(MANY)]
    total = sum(range(1, MANY + 1))  # 11,325.00, nothing taxable
    assert f"Total {total:,}.00 0.00 {total:,}.00" in section[-1]
