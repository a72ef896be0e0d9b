"""The control page for the clerk: what the batch is, its R8 and R17 control totals, and one
row a customer for each."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.billing import Aging, BatchStatement, StatementFigures
from app.reports.report_context import ReportContext
from app.reports.rows_table import Column, Row, TableType, rows_table, text_column
from app.reports.styles import BODY, MUTED, TITLE, amount, day
from app.reports.text_lines import TextLines

GAP = 12.0

# The R8 fields as the Invoice Batch Details form names them: the clerk's words.
FIGURE_TITLES = (
    "Former amount",
    "Payments",
    "Carry over",
    "Invoiced",
    "Charges",
    "Taxes",
    "Invoice amount",
)
# R17's buckets, and the invoice amount they add up to, for the clerk to check against.
AGING_TITLES = ("Current", "1–30 days", "31–60 days", "61–90 days", "Over 90 days")
TOTAL_COLUMNS = tuple(Column(title) for title in FIGURE_TITLES)
AGING_TOTAL_COLUMNS = tuple(Column(title) for title in (*AGING_TITLES, "Invoice amount"))
FACT_COLUMNS = (text_column("", 90), text_column("", wraps=True))
CUSTOMER_COLUMNS = (
    text_column("Customer", 46),
    text_column("Name", wraps=True),
    *(Column(title, 50) for title in FIGURE_TITLES),
)
AGING_CUSTOMER_COLUMNS = (
    text_column("Customer", 46),
    text_column("Name", wraps=True),
    *(Column(title, 58) for title in (*AGING_TITLES, "Invoice amount")),
)
CUSTOMER_TABLE = TableType(7.0, 6.0)


def figure_cells(figures: StatementFigures) -> tuple[str, ...]:
    return tuple(amount(value) for value in figures.as_dict().values())


def aging_cells(aging: Aging, figures: StatementFigures) -> tuple[str, ...]:
    return (*(amount(value) for value in aging.cells()), amount(figures.invoice_amount))


def print_wording(ctx: ReportContext) -> str:
    """First print, or a reprint and what came before it (R9)."""
    batch = ctx.batch
    if not ctx.reprint:
        return "First print"
    before = []
    if batch.printed_at is not None and batch.print_count == 0:
        before.append(f"marked printed {batch.printed_at:%Y-%m-%d} without a print")
    elif batch.printed_at is not None:
        before.append(f"first printed {batch.printed_at:%Y-%m-%d %H:%M}")
    if batch.print_count:
        times = "once" if batch.print_count == 1 else f"{batch.print_count} times"
        before.append(f"printed {times} before")
    said = f" ({'; '.join(before)})" if before else ""
    return f"Reprint, recalculated from the data as it is now{said}"


def fact_rows(ctx: ReportContext) -> list[Row]:
    batch = ctx.batch
    facts = [
        ("Batch number", str(batch.number)),
        ("Close date", day(batch.close_date)),
        ("Description", batch.description or "—"),
        ("Kind", batch.kind.value.capitalize()),
        ("Customers", str(batch.customer_count)),
        ("Transactions", str(batch.transaction_count)),
        ("Envelope", ctx.settings.envelope.label),
        ("Print", print_wording(ctx)),
    ]
    if ctx.printed_on is not None:
        facts.append(("Printed on", day(ctx.printed_on)))
    return [Row(fact) for fact in facts]


def customer_rows(statement: BatchStatement) -> list[Row]:
    rows = [
        Row((c.customer.number, c.customer.name, *figure_cells(c.figures)))
        for c in statement.customers
    ]
    rows.append(Row((_total_label(statement), "", *figure_cells(statement.totals)), True))
    return rows


def aging_rows(statement: BatchStatement) -> list[Row]:
    rows = [
        Row((c.customer.number, c.customer.name, *aging_cells(c.aging, c.figures)))
        for c in statement.customers
    ]
    totals = aging_cells(statement.aging, statement.totals)
    rows.append(Row((_total_label(statement), "", *totals), emphasis=True))
    return rows


def _total_label(statement: BatchStatement) -> str:
    count = len(statement.customers)
    return f"Total, {count} customer" + ("" if count == 1 else "s")


def _customer_tables(statement: BatchStatement, width: float) -> list[Flowable]:
    return [
        rows_table(
            "Customers in this batch",
            CUSTOMER_COLUMNS,
            customer_rows(statement),
            width,
            kind=CUSTOMER_TABLE,
        ),
        Spacer(width, GAP),
        rows_table(
            "Aging by customer, at the close date",
            AGING_CUSTOMER_COLUMNS,
            aging_rows(statement),
            width,
            kind=CUSTOMER_TABLE,
        ),
    ]


def control_page(ctx: ReportContext, statement: BatchStatement) -> list[Flowable]:
    width = ctx.layout.text_width
    flowables: list[Flowable] = [
        TextLines(["Invoice Batch Report"], TITLE, width),
        Spacer(width, 4),
        rows_table("Batch", FACT_COLUMNS, fact_rows(ctx), width, headed=False),
        Spacer(width, GAP),
        rows_table(
            "Control totals",
            TOTAL_COLUMNS,
            [Row(figure_cells(statement.totals), emphasis=True)],
            width,
        ),
        Spacer(width, GAP),
        rows_table(
            "Aging control totals",
            AGING_TOTAL_COLUMNS,
            [Row(aging_cells(statement.aging, statement.totals), emphasis=True)],
            width,
        ),
        Spacer(width, GAP),
    ]
    if statement.customers:
        flowables.extend(_customer_tables(statement, width))
    else:
        flowables.append(
            TextLines(
                ["This batch holds no customers: there is no statement to mail."],
                BODY,
                width,
                MUTED,
            )
        )
    return flowables
