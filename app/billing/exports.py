"""R18: what an export of a batch needs, and the record of an export once its file is written.

Billing reads the batch's invoices and memos with their lines and records the export; the file
formats themselves are app/exports', and writing the file is the job's (app/jobs/exporting.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.billing.approval import refuse_unless_approved
from app.billing.audit import operating_system_user, record
from app.billing.batches import find_batch, lock, now
from app.billing.errors import BillingError
from app.billing.lines import load_lines
from app.billing.settings import load_settings
from app.models import (
    ARTransaction,
    BatchExport,
    Customer,
    ExportFormat,
    InvoiceBatch,
    MemoCategory,
    TransactionType,
)

ONE = Decimal("1.00")


class ExportedBefore(BillingError):
    """The batch was exported in this format already; exporting again must be asked for."""


class ChangedWhileExporting(BillingError):
    """The batch changed between reading it for the file and recording the export."""


@dataclass(frozen=True, slots=True)
class ExportLine:
    """One line as it leaves: a transaction without lines leaves as one line of its own."""

    position: int
    description: str
    service_date: dt.date | None
    service_type: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal  # unsigned, as stored; the document's type gives the sign
    taxable: bool
    tax: Decimal


@dataclass(frozen=True, slots=True)
class ExportDocument:
    """One invoice, credit memo or debit memo of the batch, with its lines."""

    customer_number: str
    customer_name: str
    type: TransactionType
    category: str  # a memo's category; empty for an invoice
    number: str
    invoice_date: dt.date
    due_date: dt.date
    description: str
    amount: Decimal
    tax: Decimal
    lines: tuple[ExportLine, ...]

    @property
    def sign(self) -> int:
        return self.type.sign

    @property
    def total(self) -> Decimal:
        """Net plus tax, signed by the type."""
        return (self.amount + self.tax) * self.type.sign


@dataclass(frozen=True)
class ExportAccounts:
    """Where the accounting package posts the documents (settings `ar_account`,
    `income_account`, `tax_account`)."""

    receivable: str = "Accounts Receivable"
    income: str = "Sales"
    tax: str = "Sales Tax Payable"


@dataclass(frozen=True)
class ExportData:
    """A batch as an export reads it: its documents in customer, date and number order."""

    batch_number: int
    close_date: dt.date
    accounts: ExportAccounts
    documents: tuple[ExportDocument, ...]


@dataclass(frozen=True)
class PreviousExport:
    """The latest export of a batch in one format."""

    at: dt.datetime
    exported_by: str
    file_name: str

    @property
    def sentence(self) -> str:
        return f"on {self.at:%Y-%m-%d at %H:%M} by {self.exported_by} to {self.file_name}"


def _single_line(tx: ARTransaction) -> ExportLine:
    return ExportLine(1, tx.description, None, "", ONE, tx.amount, tx.amount, tx.tax > 0, tx.tax)


def export_data(session: Session, number: int) -> ExportData:
    """What exporting batch `number` writes: its invoices and memos with their lines. Reads
    only; refused before approval when the company requires it (R12)."""
    batch = find_batch(session, number)
    refuse_unless_approved(session, batch, "exported")
    return _read(session, batch)


def _lines_of(session: Session, batch: InvoiceBatch) -> dict[int, tuple[ExportLine, ...]]:
    """The lines of the batch's documents, read in one query as a statement reads them."""
    documents = select(ARTransaction.id).where(ARTransaction.batch_id == batch.id)
    return {
        tx_id: tuple(
            ExportLine(
                line.position,
                line.description,
                line.service_date,
                line.service_type,
                line.quantity,
                line.rate,
                line.amount,
                line.taxable,
                line.tax,
            )
            for line in lines
        )
        for tx_id, lines in load_lines(session, documents).items()
    }


def _read(session: Session, batch: InvoiceBatch) -> ExportData:
    settings = load_settings(session)
    rows = session.execute(
        select(ARTransaction, Customer.number, Customer.name)
        .join(Customer, Customer.id == ARTransaction.customer_id)
        .where(ARTransaction.batch_id == batch.id)
        .order_by(Customer.number, ARTransaction.invoice_date, ARTransaction.number)
    ).all()
    lines = _lines_of(session, batch)
    documents = []
    for tx, customer_number, customer_name in rows:
        kept = lines.get(tx.id) or (_single_line(tx),)
        kind = TransactionType(tx.type)
        category = "" if kind == TransactionType.INVOICE else MemoCategory(tx.category).value
        documents.append(
            ExportDocument(
                customer_number,
                customer_name,
                kind,
                category,
                tx.number,
                tx.invoice_date,
                tx.due_date,
                tx.description,
                tx.amount,
                tx.tax,
                kept,
            )
        )
    accounts = ExportAccounts(settings.ar_account, settings.income_account, settings.tax_account)
    return ExportData(batch.number, batch.close_date, accounts, tuple(documents))


def previous_export(session: Session, number: int, format: ExportFormat) -> PreviousExport | None:
    """The latest export of batch `number` in `format`, or None: what "export again?" names."""
    batch = find_batch(session, number)
    row = session.execute(
        select(BatchExport.at, BatchExport.exported_by, BatchExport.file_name)
        .where(BatchExport.batch_id == batch.id, BatchExport.format == format)
        .order_by(BatchExport.at.desc(), BatchExport.id.desc())
        .limit(1)
    ).first()
    return PreviousExport(*row) if row else None


def refuse_if_exported(session: Session, number: int, format: ExportFormat) -> None:
    """Refuse a second export in the same format that was not asked for as such."""
    previous = previous_export(session, number, format)
    if previous is not None:
        raise ExportedBefore(
            f"Invoice batch {number} was exported as {format.value} {previous.sentence}; "
            "export it again only if the accounting package has not imported it."
        )


def record_export(
    session: Session,
    number: int,
    format: ExportFormat,
    file_name: str,
    sha256: str,
    *,
    exported: ExportData | None = None,
    again: bool = True,
    detail: str = "",
) -> None:
    """Record that batch `number` left as `file_name` (R18): lock the batch (R12), keep the
    format, file, time, user and SHA-256, and write the audit entry. Refused before approval
    when it is required; with `exported`, also when the unlocked batch no longer matches what
    was written; without `again`, when the batch was exported in this format meanwhile."""
    batch = find_batch(session, number, for_update=True)
    refuse_unless_approved(session, batch, "exported")
    if not again:
        refuse_if_exported(session, number, format)
    if exported is not None and batch.locked_at is None and _read(session, batch) != exported:
        raise ChangedWhileExporting(
            f"Invoice batch {number} changed while it was being exported; nothing was "
            f"recorded. Export it again ({file_name} does not match the batch)."
        )
    at = now()
    lock(batch, at)
    session.add(
        BatchExport(
            batch_id=batch.id,
            format=format,
            file_name=file_name,
            at=at,
            exported_by=operating_system_user(),
            sha256=sha256,
        )
    )
    session.flush()
    what = detail or f"{format.value} to {file_name}"
    record(session, "export", batch=number, detail=f"{what} (SHA-256 {sha256})")
