"""QuickBooks Desktop IIF (Intuit Interchange Format): tab-separated rows under the `!TRNS`,
`!SPL` and `!ENDTRNS` header rows, as Intuit's "IIF Overview: import kit, sample files and
headers" (QuickBooks Desktop help, quickbooks.intuit.com/learn-support) lays out a sales
transaction: one TRNS row on the A/R account for the document's total, one SPL row per line on
the income account and one for its tax on the sales tax account, signed so that each
transaction balances to zero, then ENDTRNS.

Invoices and debit memos (QuickBooks has no debit memo; it raises A/R as an invoice does) are
`INVOICE`: TRNS positive, SPL negative with a negative quantity. Credit memos are
`CREDIT MEMO`, with every sign the other way. Dates are MM/DD/YYYY. The file is UTF-8, so
names stay as written; a tab or line break inside a text would split a row and becomes a
space. It is no CSV, so R18's leading `'` (which QuickBooks would import as part of a name)
does not apply.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.billing.exports import ExportData
from app.billing.money import ZERO
from app.exports.text_cells import date_style
from app.models import TransactionType

TRNS_HEADER = ("!TRNS", "TRNSTYPE", "DATE", "ACCNT", "NAME", "AMOUNT", "DOCNUM", "MEMO", "DUEDATE")
SPL_HEADER = (
    "!SPL", "TRNSTYPE", "DATE", "ACCNT", "NAME", "AMOUNT", "DOCNUM", "MEMO", "QNTY", "PRICE",
    "TAXABLE",
)  # fmt: skip
ENDTRNS = ("ENDTRNS",)
_FLATTEN = str.maketrans({"\t": " ", "\r": " ", "\n": " "})


def flat(text: str) -> str:
    """The text on one IIF field: no tab or line break inside it."""
    return text.translate(_FLATTEN)


def rows(data: ExportData) -> Iterator[tuple[str, ...]]:
    """The header rows, then TRNS, SPL… and ENDTRNS for each document."""
    day = date_style("%m/%d/%Y")
    accounts = data.accounts
    receivable, income, tax_account = (
        flat(accounts.receivable),
        flat(accounts.income),
        flat(accounts.tax),
    )
    yield TRNS_HEADER
    yield SPL_HEADER
    yield ("!ENDTRNS",)
    for doc in data.documents:
        credit = doc.type == TransactionType.CREDIT_MEMO
        kind = "CREDIT MEMO" if credit else "INVOICE"
        date, name, number = day(doc.invoice_date), flat(doc.customer_name), flat(doc.number)
        total = doc.amount + doc.tax
        yield (
            "TRNS", kind, date, receivable, name, str(ZERO - total if credit else total),
            number, flat(doc.description), day(doc.due_date),
        )  # fmt: skip
        for line in doc.lines:
            amount, quantity = line.amount, line.quantity
            if not credit:
                amount, quantity = ZERO - amount, ZERO - quantity
            yield (
                "SPL", kind, date, income, name, str(amount), number, flat(line.description),
                str(quantity), str(line.rate), "Y" if line.taxable else "N",
            )  # fmt: skip
        if doc.tax:
            tax = doc.tax if credit else ZERO - doc.tax
            yield ("SPL", kind, date, tax_account, name, str(tax), number, "Sales tax", "", "", "N")
        yield ENDTRNS


def render(data: ExportData) -> tuple[bytes, bytes | None]:
    text = "\r\n".join(map("\t".join, rows(data))) + "\r\n"
    return text.encode("utf-8"), None
