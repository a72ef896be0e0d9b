"""One customer's statement: summary band, transactions, payments, a word, the remittance stub."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable, Spacer, TopPadder

from app.billing import ZERO, CustomerStatement, TransactionRecord, quantity_text
from app.reports.card_fee_line import card_fee_line
from app.reports.remittance_stub import RemittanceStub
from app.reports.report_context import ReportContext
from app.reports.rows_table import Column, Row, rows_table, text_column
from app.reports.styles import BODY, MUTED, SMALL, amount, day
from app.reports.summary_band import SummaryBand
from app.reports.text_lines import TextLines

GAP = 12.0


class Gap(Spacer):  # type: ignore[misc]
    """Space between a statement's parts. It draws nothing, so it skips the save, move and
    restore of the canvas that ReportLab writes around every flowable it draws."""

    # Platypus passes `_sW` by that name.
    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        return


TRANSACTION_COLUMNS = (
    text_column("Date", 50),
    text_column("Type", 56),
    text_column("Number", 62),
    text_column("Description", wraps=True),
    text_column("Due date", 50),
    Column("Net", 58),
    Column("Tax", 48),
    Column("Total", 60),
)

# An invoice's lines, under its row: indented past its date, figures under its net and tax.
LINE_COLUMNS = (
    text_column("", 50),
    text_column("Service date", 56),
    text_column("Description", wraps=True),
    Column("Quantity × rate", 82),
    Column("Net", 58),
    Column("Tax", 48),
    Column("", 60),
)

PAYMENT_COLUMNS = (
    text_column("Paid date", 50),
    text_column("Reference", 80),
    text_column("Description", wraps=True),
    Column("Amount", 70),
)


def line_rows(transaction: TransactionRecord) -> list[Row]:
    """The transaction's lines, signed by its type as its own row is."""
    sign = transaction.type.sign
    return [
        Row(
            (
                "",
                day(line.service_date) if line.service_date else "",
                line.description,
                f"{quantity_text(line.quantity)} × {amount(line.rate)}",
                amount(line.amount * sign),
                amount(line.tax * sign),
                "",
            ),
            detail=True,
        )
        for line in transaction.lines
    ]


def transaction_rows(
    transactions: Sequence[TransactionRecord], show_lines: bool = False
) -> list[Row]:
    """One row per transaction, signed by its type (with its lines under it when
    `show_lines`), then their total."""
    rows = []
    for t in transactions:
        rows.append(
            Row(
                (
                    day(t.invoice_date),
                    t.type.label,
                    t.number,
                    t.description,
                    day(t.due_date),
                    amount(t.signed_amount),
                    amount(t.signed_tax),
                    amount(t.total),
                )
            )
        )
        if show_lines and t.lines:
            rows += line_rows(t)
    net = sum((t.signed_amount for t in transactions), ZERO)
    tax = sum((t.signed_tax for t in transactions), ZERO)
    rows.append(Row(("Total", "", "", "", "", amount(net), amount(tax), amount(net + tax)), True))
    return rows


def payment_rows(payments: Sequence[TransactionRecord]) -> list[Row]:
    rows = [Row((day(p.due_date), p.number, p.description, amount(p.amount))) for p in payments]
    total: Decimal = sum((p.amount for p in payments), ZERO)
    rows.append(Row(("Total received", "", "", amount(total)), True))
    return rows


def payments_caption(ctx: ReportContext, statement: CustomerStatement) -> str:
    """R8's period: the day after the previous statement's close date up to this one's."""
    since = statement.previous_close_date
    until = day(ctx.batch.close_date)
    if since is None:
        return f"Payments received up to {until}"
    return f"Payments received from {day(since + dt.timedelta(days=1))} to {until}"


def customer_section(ctx: ReportContext, statement: CustomerStatement) -> list[Flowable]:
    """The flowing content of one customer's pages; the page decorations add the rest."""
    width = ctx.layout.text_width
    flowables: list[Flowable] = [
        SummaryBand(statement.figures, statement.aging, width),
        Gap(width, GAP),
        rows_table(
            "Transactions in this statement",
            TRANSACTION_COLUMNS,
            transaction_rows(statement.transactions, ctx.settings.show_invoice_lines),
            width,
            detail_columns=LINE_COLUMNS,
        ),
        Gap(width, GAP),
    ]
    caption = payments_caption(ctx, statement)
    if statement.payments:
        flowables.append(
            rows_table(caption, PAYMENT_COLUMNS, payment_rows(statement.payments), width)
        )
    else:
        flowables.append(TextLines([f"{caption}: none."], BODY, width, MUTED))
    flowables.append(Gap(width, GAP))
    closing = [ctx.settings.footer] if ctx.settings.footer else []
    fee_line = card_fee_line(ctx.settings.card_fee_percent, statement.figures.invoice_amount)
    closing += [fee_line] if fee_line else []
    flowables.append(TextLines(closing, SMALL, width))
    flowables.append(TopPadder(RemittanceStub(statement, ctx.batch, ctx.settings, width)))
    return flowables
