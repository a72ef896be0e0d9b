"""Xero sales invoice import CSV, after Xero's own template ("Import invoices", Xero Central,
central.xero.com; its columns as reproduced in Milient's "Xero templates",
docs.milientsoftware.com, and Caltrix's "How to import sales invoice into Xero"): required
columns marked `*`, one row per line, rows of one invoice sharing its InvoiceNumber, dates
DD/MM/YYYY, amounts exclusive of tax with each line's account code (setting `income_account`),
tax rate (`Tax on Sales`, or `Tax Exempt` for an untaxed line) and tax amount.

Credit memos go to a companion file for Xero's credit note import, the same columns with
CreditNoteNumber and CreditNoteDate (no due date), amounts positive. Debit memos are invoices.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.billing.exports import ExportData
from app.exports.text_cells import csv_bytes, date_style, defused
from app.models import TransactionType

CONTACT = (
    "*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3",
    "POAddressLine4", "POCity", "PORegion", "POPostalCode", "POCountry",
)  # fmt: skip
LINE = (
    "InventoryItemCode", "*Description", "*Quantity", "*UnitAmount", "Discount", "*AccountCode",
    "*TaxType", "TaxAmount", "TrackingName1", "TrackingOption1", "TrackingName2",
    "TrackingOption2", "Currency", "BrandingTheme",
)  # fmt: skip
INVOICE_HEADER = (*CONTACT, "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate", *LINE)
CREDIT_NOTE_HEADER = (*CONTACT, "*CreditNoteNumber", "Reference", "*CreditNoteDate", *LINE)
TAXED, UNTAXED = "Tax on Sales", "Tax Exempt"
_NO_ADDRESS = [""] * (len(CONTACT) - 1)
_NO_TRACKING = [""] * 6


def _rows(data: ExportData, credit: bool) -> Iterator[list[str]]:
    day = date_style("%d/%m/%Y")
    account = defused(data.accounts.income)
    reference = f"Batch {data.batch_number}"
    for doc in data.documents:
        if (doc.type == TransactionType.CREDIT_MEMO) != credit:
            continue
        head = [defused(doc.customer_name), *_NO_ADDRESS, defused(doc.number), reference]
        head.append(day(doc.invoice_date))
        if not credit:
            head.append(day(doc.due_date))
        for line in doc.lines:
            yield [
                *head,
                defused(line.service_type),
                defused(line.description),
                str(line.quantity),
                str(line.rate),
                "",
                account,
                TAXED if line.taxable else UNTAXED,
                str(line.tax),
                *_NO_TRACKING,
            ]


def invoice_rows(data: ExportData) -> Iterator[list[str]]:
    """The invoice file's rows: invoices and debit memos, one row per line."""
    return _rows(data, credit=False)


def credit_note_rows(data: ExportData) -> Iterator[list[str]]:
    """The companion file's rows: credit memos as Xero credit notes, one row per line."""
    return _rows(data, credit=True)


def render(data: ExportData) -> tuple[bytes, bytes | None]:
    invoices = csv_bytes(INVOICE_HEADER, invoice_rows(data))
    credits = list(credit_note_rows(data))
    return invoices, csv_bytes(CREDIT_NOTE_HEADER, credits) if credits else None
