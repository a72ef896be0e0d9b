"""The plain CSV export (DESIGN.md §6): one row per line, amount, tax and total signed by the
document's type, so a credit memo's rows are negative and the totals add up to the batch's
Invoiced + Charges + Taxes. Dates are ISO (YYYY-MM-DD)."""

from __future__ import annotations

from collections.abc import Iterator

from app.billing.exports import ExportData
from app.billing.money import ZERO
from app.exports.text_cells import FORMULA_STARTS, csv_bytes, date_style, defused

HEADER = (
    "batch", "customer", "customer_name", "type", "category", "number", "invoice_date",
    "due_date", "line", "description", "quantity", "rate", "amount", "tax", "total",
)  # fmt: skip


def rows(data: ExportData) -> Iterator[list[str]]:
    """The rows under the header, in the batch's document order."""
    day = date_style("%Y-%m-%d")
    batch = str(data.batch_number)
    for doc in data.documents:
        head = [
            batch,
            defused(doc.customer_number),
            defused(doc.customer_name),
            doc.type.value,
            doc.category,
            defused(doc.number),
            day(doc.invoice_date),
            day(doc.due_date),
        ]
        negative = doc.type.sign < 0
        for line in doc.lines:
            amount, tax = (
                (ZERO - line.amount, ZERO - line.tax) if negative else (line.amount, line.tax)
            )
            description = line.description
            if description[:1] in FORMULA_STARTS:  # defused() inline: once per line counts
                description = "'" + description
            yield [
                *head,
                str(line.position),
                description,
                str(line.quantity),
                str(line.rate),
                str(amount),
                str(tax),
                str(amount + tax),
            ]


def render(data: ExportData) -> tuple[bytes, bytes | None]:
    return csv_bytes(HEADER, rows(data)), None
