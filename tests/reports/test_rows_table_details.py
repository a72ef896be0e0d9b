"""Detail rows (an invoice's lines) in the report's table: laid on their own columns, and where
the table breaks, an invoice never stays behind at the foot of a page without its lines."""

from __future__ import annotations

import pytest

from app.reports.fonts import register_fonts
from app.reports.rows_table import (
    CAPTION_HEIGHT,
    Column,
    Row,
    RowsTable,
    rows_table,
    text_column,
)

WIDTH = 400.0


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


COLUMNS = (text_column("Number", 80), text_column("Description", wraps=True), Column("Net", 60))
DETAILS = (text_column("", 40), text_column("Line", wraps=True), Column("Net", 60))


def _rows(details_each: int) -> list[Row]:
    rows = []
    for i in range(4):
        rows.append(Row((f"INV-{i}", f"Invoice {i}", "10.00")))
        rows += [Row(("", f"Line {i}.{j}", "5.00"), detail=True) for j in range(details_each)]
    return rows


def _split_after(table: RowsTable, rows: int) -> list[RowsTable]:
    """Split where room ends just after the first `rows` rows."""
    table.wrap(WIDTH, 10_000)
    room = CAPTION_HEIGHT + table.header.height + sum(r.height for r in table.rows[:rows]) + 0.1
    return table.split(WIDTH, room)


def test_detail_rows_are_laid_on_their_own_columns_in_smaller_muted_type() -> None:
    table = rows_table("Transactions", COLUMNS, _rows(2), WIDTH, detail_columns=DETAILS)
    invoice, line = table.rows[0], table.rows[1]
    assert (invoice.muted, line.muted) == (False, True)
    assert line.lines[0].x > invoice.lines[0].x  # "Line 0.0" starts right of "INV-0"
    assert line.lines[0].size < invoice.lines[0].size
    assert [r.keep_with_next for r in table.rows[:3]] == [True, False, False]


def test_an_invoice_goes_over_to_the_next_page_with_its_lines() -> None:
    table = rows_table("Transactions", COLUMNS, _rows(2), WIDTH, detail_columns=DETAILS)
    # Room ends after INV-1's own row: it waits for the next page with its lines.
    first, rest = _split_after(table, 4)
    assert len(first.rows) == 3
    assert rest.continued
    assert len(rest.rows) == len(table.rows) - 3


def test_lines_of_one_invoice_may_run_over_a_page() -> None:
    table = rows_table("Transactions", COLUMNS, _rows(2), WIDTH, detail_columns=DETAILS)
    first, rest = _split_after(table, 5)  # INV-1 and its first line fit
    assert (len(first.rows), len(rest.rows)) == (5, 7)


def test_a_table_that_starts_with_an_invoice_alone_moves_to_the_next_page_whole() -> None:
    table = rows_table("Transactions", COLUMNS, _rows(2), WIDTH, detail_columns=DETAILS)
    assert _split_after(table, 1) == []


def test_without_details_rows_break_where_the_room_ends() -> None:
    table = rows_table("Transactions", COLUMNS, _rows(0), WIDTH)
    first, rest = _split_after(table, 3)
    assert (len(first.rows), len(rest.rows)) == (3, 1)
    assert not any(r.keep_with_next for r in table.rows)
