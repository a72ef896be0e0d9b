"""QuickBooks Online invoice import CSV, with the column headers QuickBooks Online maps by
itself ("Import invoices in batches", QuickBooks Online help, and Intuit's answer "Do we need to
map field every time when import invoices": Invoice no, Customer, Invoice date, Due date, Terms,
Memo, Item (Product/Service), Item description, Item quantity, Item rate, Item amount, Item tax
code, Service date; quickbooks.intuit.com/learn-support). One row per line; rows of one invoice
share its number. Amounts are exclusive of tax; each line carries its tax code (`TAX` or
`NON`) and its tax amount. Dates are MM/DD/YYYY.

QuickBooks Online imports invoices only, so credit memos go to a companion file of the same
shape (credit memo number and date, no due date or terms), amounts positive as QuickBooks
enters them. Debit memos are invoices.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.billing.exports import ExportData, ExportDocument
from app.exports.text_cells import csv_bytes, date_style, defused
from app.models import TransactionType

INVOICE_HEADER = (
    "*InvoiceNo", "*Customer", "*InvoiceDate", "*DueDate", "Terms", "Memo",
    "Item(Product/Service)", "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount",
    "ItemTaxCode", "ItemTaxAmount", "ServiceDate",
)  # fmt: skip
CREDIT_MEMO_HEADER = (
    "*CreditMemoNo", "*Customer", "*CreditMemoDate", "Memo", "Item(Product/Service)",
    "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount", "ItemTaxCode",
    "ItemTaxAmount", "ServiceDate",
)  # fmt: skip


def _rows(data: ExportData, credit: bool) -> Iterator[list[str]]:
    day = date_style("%m/%d/%Y")
    for doc in data.documents:
        if (doc.type == TransactionType.CREDIT_MEMO) != credit:
            continue
        head = _head(doc, day(doc.invoice_date), day(doc.due_date), credit)
        for line in doc.lines:
            yield [
                *head,
                defused(line.service_type),
                defused(line.description),
                str(line.quantity),
                str(line.rate),
                str(line.amount),
                "TAX" if line.taxable else "NON",
                str(line.tax),
                day(line.service_date),
            ]


def _head(doc: ExportDocument, invoice_date: str, due_date: str, credit: bool) -> list[str]:
    number, customer, memo = (
        defused(doc.number),
        defused(doc.customer_name),
        defused(doc.description),
    )
    if credit:
        return [number, customer, invoice_date, memo]
    terms = f"Net {(doc.due_date - doc.invoice_date).days}"
    return [number, customer, invoice_date, due_date, terms, memo]


def invoice_rows(data: ExportData) -> Iterator[list[str]]:
    """The invoice file's rows: invoices and debit memos, one row per line."""
    return _rows(data, credit=False)


def credit_memo_rows(data: ExportData) -> Iterator[list[str]]:
    """The companion file's rows: credit memos, one row per line."""
    return _rows(data, credit=True)


def render(data: ExportData) -> tuple[bytes, bytes | None]:
    invoices = csv_bytes(INVOICE_HEADER, invoice_rows(data))
    credits = list(credit_memo_rows(data))
    return invoices, csv_bytes(CREDIT_MEMO_HEADER, credits) if credits else None
