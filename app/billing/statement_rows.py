"""The transactions a statement lists, read as plain tuples of raw values and made records.

A 10,000-customer batch lists some 25,000 transactions. Read through the model's types, every
one of them turns its cents into a Decimal and its type, category and method into enum members
through SQLAlchemy's per-value processors; here the columns come back as stored (cents, text)
and become the same values through a lookup: each distinct amount is worked out once per
statement, and each enum member is found in a dictionary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, type_coerce

from app.billing.lines import LineRecord
from app.billing.money import Hundredths
from app.billing.records import CustomerRecord, TransactionRecord
from app.billing.statement_sql import AMOUNT, TAX, T
from app.models import MemoCategory, PaymentMethod, TransactionType

# The columns a listed transaction is read from, in `Listing.record`'s order: the enums as their
# stored text and the money as its stored cents.
LISTED: tuple[Any, ...] = (
    T.id,
    T.customer_id,
    type_coerce(T.type, String),
    T.number,
    T.invoice_date,
    T.due_date,
    AMOUNT,
    TAX,
    T.description,
    type_coerce(T.category, String),
    type_coerce(T.method, String),
    T.fee_for_id,
)
PAID_DATE = 5  # a payment's due date is its paid date
_TYPES = {member.value: member for member in TransactionType}
# What the model reads for an empty category or method.
_CATEGORIES = {None: MemoCategory.OTHER} | {member.value: member for member in MemoCategory}
_METHODS = {None: PaymentMethod.CHECK} | {member.value: member for member in PaymentMethod}


@dataclass(frozen=True)
class Listing:
    """What a statement's listed rows are made with: its customers by id, and its amounts."""

    customers: dict[int, CustomerRecord]
    amounts: Hundredths = field(default_factory=Hundredths)

    def record(
        self, row: Sequence[Any], batch: tuple[int | None, bool], lines: tuple[LineRecord, ...] = ()
    ) -> TransactionRecord:
        """A listed transaction from its `LISTED` row; `batch` is its batch's number and lock,
        looked up once for all of its rows."""
        tx_id, customer_id, kind, number, invoice_date, due_date, amount, tax, *rest = row
        description, category, method, fee_for_id = rest
        customer = self.customers[customer_id]
        batch_number, batch_locked = batch
        return TransactionRecord(
            id=tx_id,
            customer_id=customer_id,
            customer_number=customer.number,
            customer_name=customer.name,
            type=_TYPES[kind],
            number=number,
            invoice_date=invoice_date,
            due_date=due_date,
            amount=self.amounts[amount],
            tax=self.amounts[tax],
            description=description,
            batch_number=batch_number,
            batch_locked=batch_locked,
            lines=lines,
            category=_CATEGORIES[category],
            method=_METHODS[method],
            fee_for_id=fee_for_id,
        )
