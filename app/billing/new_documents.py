"""Writing many new invoices and memos, with their lines, in a few statements: what the runs
that make documents (work, recurring charges) share."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, Protocol, TypeVar, cast

from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session

from app.billing.money import ZERO
from app.models import ARTransaction, InvoiceLine, MemoCategory, Money, TransactionType


class PricedLine(Protocol):
    @property
    def amount(self) -> Decimal: ...

    @property
    def tax(self) -> Decimal: ...


Line = TypeVar("Line", bound=PricedLine)


@dataclass(frozen=True)
class PlannedInvoice(ABC, Generic[Line]):
    """One invoice a run makes for a customer: in a preview its number is None. Its amount and
    tax are the sums of its lines'."""

    customer_id: int
    customer_number: str
    customer_name: str
    number: str | None
    invoice_date: dt.date
    due_date: dt.date
    lines: tuple[Line, ...]

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def tax(self) -> Decimal:
        return sum((line.tax for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return self.amount + self.tax

    @property
    @abstractmethod
    def description(self) -> str: ...

    def document(self) -> NewDocument:
        """The invoice as `insert_documents` writes it."""
        return NewDocument(
            customer_id=self.customer_id,
            type=TransactionType.INVOICE,
            number=self.number or "",
            invoice_date=self.invoice_date,
            due_date=self.due_date,
            amount=self.amount,
            tax=self.tax,
            description=self.description,
        )


@dataclass(frozen=True)
class NewDocument:
    customer_id: int
    type: TransactionType
    number: str
    invoice_date: dt.date
    due_date: dt.date
    amount: Decimal
    tax: Decimal
    description: str
    category: MemoCategory = MemoCategory.OTHER


@dataclass(frozen=True, slots=True)
class NewLine:
    """Line `position` (from 1) of the document numbered `number`."""

    number: str
    position: int
    description: str
    service_date: dt.date | None
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    taxable: bool
    tax: Decimal
    service_type_id: int | None = None
    work_entry_id: int | None = None


def insert_documents(session: Session, documents: Sequence[NewDocument]) -> dict[str, int]:
    """Insert the documents, unbatched; their ids by number."""
    if not documents:
        return {}
    rows = [
        {
            "customer_id": d.customer_id,
            "type": d.type,
            "number": d.number,
            "invoice_date": d.invoice_date,
            "due_date": d.due_date,
            "amount": d.amount,
            "tax": d.tax,
            "description": d.description,
            "category": d.category,
            "batch_id": None,
        }
        for d in documents
    ]
    inserted = session.execute(
        insert(ARTransaction).returning(ARTransaction.number, ARTransaction.id), rows
    )
    return dict(inserted.all())


def _hundredths(value: Decimal) -> int:
    """A two-place amount or quantity as the whole number its column stores (cents)."""
    return int(value.scaleb(Money.places))


def _as_given(value: Any) -> Any:
    return value


# A run can write a hundred thousand lines. They go in through the driver, money and quantities
# as the whole hundredths their columns store: the ORM's bulk insert (per-row parameter
# handling, a Money conversion per value) costs more than the database's own work. SQLite takes
# them a thousand rows to a statement (one statement per row costs it a journal each);
# psycopg pipelines an executemany, which PostgreSQL takes faster than long VALUES lists.
SQLITE_LINES_PER_STATEMENT = 1_000  # 11,000 parameters, of the 32,766 SQLite takes
LINE_COLUMNS = (
    "transaction_id", "position", "description", "service_date", "service_type_id", "quantity",
    "rate", "amount", "taxable", "tax", "work_entry_id",
)  # fmt: skip


def _write_lines(connection: Connection, rows: list[tuple[Any, ...]]) -> None:
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    head = f"INSERT INTO invoice_lines ({', '.join(LINE_COLUMNS)}) VALUES "
    one = f"({', '.join(marker for _ in LINE_COLUMNS)})"
    if connection.dialect.name != "sqlite":
        connection.exec_driver_sql(head + one, rows)
        return
    for start in range(0, len(rows), SQLITE_LINES_PER_STATEMENT):
        chunk = rows[start : start + SQLITE_LINES_PER_STATEMENT]
        values = tuple(value for row in chunk for value in row)
        connection.exec_driver_sql(head + ", ".join([one] * len(chunk)), values)


def insert_lines(session: Session, lines: Iterable[NewLine], ids: dict[str, int]) -> int:
    """Insert the lines of documents inserted by `insert_documents`; how many."""
    connection = session.connection()
    dialect = connection.dialect
    # The one value a driver does not take as Python has it: a date, on SQLite (ISO text).
    service_date = cast(Table, InvoiceLine.__table__).c.service_date.type
    to_date = service_date.dialect_impl(dialect).bind_processor(dialect) or _as_given
    rows = [
        (
            ids[line.number],
            line.position,
            line.description,
            to_date(line.service_date),
            line.service_type_id,
            _hundredths(line.quantity),
            _hundredths(line.rate),
            _hundredths(line.amount),
            line.taxable,
            _hundredths(line.tax),
            line.work_entry_id,
        )
        for line in lines
    ]
    if rows:
        _write_lines(connection, rows)
    return len(rows)
