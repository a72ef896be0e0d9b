"""A/R transactions: entering, checking, editing while unprinted (R7), finding and listing.

An invoice or memo may have lines; its amount and tax are then the sums of theirs, at the
customer's tax rate, always: a draft whose amount or tax differs from what its lines add up
to is refused, never quietly corrected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, ScalarSelect, Select, func, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.batches import find_batch, refuse_if_locked
from app.billing.card_fees import delete_card_fee, keep_card_fee, refuse_if_fee_locked
from app.billing.contracts import refuse_if_credited
from app.billing.customer_terms import tax_rate_for
from app.billing.errors import FieldProblem, InvalidInput, NotFound
from app.billing.lines import (
    LineDraft,
    LineRecord,
    check_lines,
    cleaned_lines,
    line_reference_problems,
    load_lines,
    replace_lines,
    sum_problems,
)
from app.billing.list_order import in_order
from app.billing.money import ZERO
from app.billing.no_index import unindexed
from app.billing.records import TransactionRecord
from app.billing.settings import load_settings
from app.models import (
    CENT,
    ARTransaction,
    Customer,
    InvoiceBatch,
    MemoCategory,
    PaymentMethod,
    TransactionType,
)

Selected = TypeVar("Selected", bound=Select[*tuple[Any, ...]])
NUMBER_LENGTH: int = getattr(ARTransaction.__table__.c["number"].type, "length", 30)
LARGEST_AMOUNT = Decimal("999999999.99")
# R14: the categories each kind of memo may have (`other` is the default of both).
CATEGORIES: dict[TransactionType, tuple[MemoCategory, ...]] = {
    TransactionType.CREDIT_MEMO: (
        MemoCategory.DISCOUNT,
        MemoCategory.RETURN,
        MemoCategory.GOODWILL,
        MemoCategory.PART_PERIOD_CREDIT,
        MemoCategory.OTHER,
    ),
    TransactionType.DEBIT_MEMO: (
        MemoCategory.FINANCE_CHARGE,
        MemoCategory.CARD_FEE,
        MemoCategory.FREIGHT,
        MemoCategory.OTHER,
    ),
}


@dataclass(frozen=True)
class TransactionDraft:
    """What the entry form (or an import row) says a transaction is."""

    customer_number: str
    type: TransactionType
    number: str
    invoice_date: dt.date
    due_date: dt.date
    amount: Decimal
    tax: Decimal = ZERO
    description: str = ""
    # With lines, amount and tax must be what they add up to (an invoice or memo only).
    lines: tuple[LineDraft, ...] = ()
    # R14: a memo's category (others keep `other`) and a payment's method (others `check`).
    category: MemoCategory = MemoCategory.OTHER
    method: PaymentMethod = PaymentMethod.CHECK


def categories_of(kind: TransactionType) -> tuple[MemoCategory, ...]:
    """The categories a transaction of this type may have: (`other`,) for invoices, payments."""
    return CATEGORIES.get(kind, (MemoCategory.OTHER,))


def _kind_problems(draft: TransactionDraft, line: int | None) -> list[FieldProblem]:
    problems = []
    allowed = categories_of(draft.type)
    if draft.category not in allowed:
        if draft.type in CATEGORIES:
            choices = ", ".join(c.value for c in allowed)
            reason = f"{draft.category.value!r} is not a {draft.type.label.lower()} category"
            problems.append(FieldProblem("category", f"{reason} ({choices})", line))
        else:
            reason = "must be empty or other: only a memo has a category"
            problems.append(FieldProblem("category", reason, line))
    if draft.type != TransactionType.PAYMENT and draft.method != PaymentMethod.CHECK:
        reason = "must be empty or check: only a payment has a method"
        problems.append(FieldProblem("method", reason, line))
    return problems


def check_transaction(draft: TransactionDraft, line: int | None = None) -> list[FieldProblem]:
    """Every problem with the draft on its own (customer and number are checked in the database)."""
    problems = []
    if not draft.customer_number.strip():
        problems.append(FieldProblem("customer", "is required", line))
    if not draft.number.strip():
        problems.append(FieldProblem("number", "is required", line))
    elif len(draft.number.strip()) > NUMBER_LENGTH:
        problems.append(FieldProblem("number", f"is longer than {NUMBER_LENGTH} characters", line))
    for name, value, least in (("amount", draft.amount, CENT), ("tax", draft.tax, ZERO)):
        if value != value.quantize(CENT):
            problems.append(FieldProblem(name, "has more than two decimals", line))
        elif value < least:
            rule = "greater than 0" if least else "0 or more"
            problems.append(FieldProblem(name, f"must be {rule}", line))
        elif value > LARGEST_AMOUNT:
            problems.append(FieldProblem(name, f"must be at most {LARGEST_AMOUNT}", line))
    if draft.type == TransactionType.PAYMENT and draft.tax:
        problems.append(FieldProblem("tax", "must be empty or 0: a payment has no tax", line))
    if draft.type != TransactionType.PAYMENT and draft.due_date < draft.invoice_date:
        problems.append(FieldProblem("due_date", "is before the invoice date", line))
    return problems + _kind_problems(draft, line)


def number_taken(session: Session, number: str, other_than: int | None = None) -> bool:
    """Invoice and memo numbers are unique; a payment's number is the customer's reference."""
    query = select(ARTransaction.id).where(
        ARTransaction.number == number, ARTransaction.type != TransactionType.PAYMENT
    )
    if other_than is not None:
        query = query.where(ARTransaction.id != other_than)
    return session.scalar(query.limit(1)) is not None


def _line_problems(
    session: Session, draft: TransactionDraft, transaction_id: int | None
) -> list[FieldProblem]:
    if draft.type == TransactionType.PAYMENT:
        return [FieldProblem("lines", "a payment has no lines")]
    return check_lines(draft.lines) + line_reference_problems(session, draft.lines, transaction_id)


def _checked(
    session: Session, draft: TransactionDraft, transaction_id: int | None
) -> tuple[TransactionDraft, Customer, Decimal]:
    """The draft cleaned, its customer, and the tax rate its lines are taxed at."""
    draft = replace(draft, lines=cleaned_lines(draft.lines))
    problems = check_transaction(draft)
    number = draft.number.strip()
    customer = session.scalars(
        select(Customer).where(Customer.number == draft.customer_number.strip())
    ).one_or_none()
    if draft.customer_number.strip() and customer is None:
        problems.append(FieldProblem("customer", f"there is no customer {draft.customer_number}"))
    is_document = draft.type != TransactionType.PAYMENT
    if number and is_document and number_taken(session, number, transaction_id):
        problems.append(FieldProblem("number", f"{number} is already used by another document"))
    tax_rate = ZERO
    if draft.lines:
        line_problems = _line_problems(session, draft, transaction_id)
        problems += line_problems
        if customer is not None and not line_problems:
            tax_rate = tax_rate_for(customer, load_settings(session))
            problems += sum_problems(draft.lines, draft.amount, draft.tax, tax_rate)
    if problems or customer is None:
        raise InvalidInput(problems)
    cleaned = TransactionDraft(
        customer_number=customer.number,
        type=draft.type,
        number=number,
        invoice_date=draft.invoice_date,
        due_date=draft.due_date,
        amount=draft.amount,
        tax=draft.tax,
        description=draft.description.strip(),
        lines=draft.lines,
        category=draft.category,
        method=draft.method,
    )
    return cleaned, customer, tax_rate


def _apply(tx: ARTransaction, draft: TransactionDraft, customer: Customer) -> None:
    tx.customer_id = customer.id
    tx.type = draft.type
    tx.number = draft.number
    tx.invoice_date = draft.invoice_date
    tx.due_date = draft.due_date
    tx.amount = draft.amount
    tx.tax = draft.tax
    tx.description = draft.description
    tx.category = draft.category
    tx.method = draft.method


def create_transaction(session: Session, draft: TransactionDraft) -> TransactionRecord:
    draft, customer, tax_rate = _checked(session, draft, None)
    tx = ARTransaction()
    _apply(tx, draft, customer)
    session.add(tx)
    session.flush()
    if draft.lines:
        replace_lines(session, tx, draft.lines, tax_rate)
    _record(session, "transaction_create", tx, customer, None, len(draft.lines))
    keep_card_fee(session, tx)
    return TransactionRecord.of(tx, customer, None, _stored_lines(session, tx, draft))


def _record(
    session: Session,
    action: str,
    tx: ARTransaction,
    customer: Customer,
    batch: InvoiceBatch | None,
    line_count: int = 0,
) -> None:
    detail = f"{tx.type.value} {tx.amount} + tax {tx.tax}, dated {tx.invoice_date.isoformat()}"
    if line_count:
        detail += f", {line_count} line{'s' if line_count != 1 else ''}"
    record(
        session,
        action,
        batch=None if batch is None else batch.number,
        customer=customer.number,
        transaction=tx.number,
        detail=detail,
    )


def _editable(session: Session, transaction_id: int) -> tuple[ARTransaction, InvoiceBatch | None]:
    tx = session.get(ARTransaction, transaction_id)
    if tx is None:
        raise NotFound(f"Transaction #{transaction_id} no longer exists.")
    batch = None
    if tx.batch_id is not None:
        batch = session.get_one(InvoiceBatch, tx.batch_id)
        batch = find_batch(session, batch.number, for_update=True)
        refuse_if_locked(batch)
    return tx, batch


def update_transaction(
    session: Session, transaction_id: int, draft: TransactionDraft
) -> TransactionRecord:
    """R7: edit a transaction that is in no batch or in an unprinted one; its lines become
    the draft's (none: the lines it had are gone, and the work they billed is unbilled again)."""
    tx, batch = _editable(session, transaction_id)
    draft, customer, tax_rate = _checked(session, draft, transaction_id)
    problems = []
    if batch is not None:
        if draft.type == TransactionType.PAYMENT:
            problems.append(FieldProblem("type", "a payment cannot be in a batch"))
        if customer.id != tx.customer_id:
            problems.append(FieldProblem("customer", f"remove it from batch {batch.number} first"))
    bills_work = any(line.work_entry_id is not None for line in draft.lines)
    if bills_work and customer.id != tx.customer_id:
        owner = session.get_one(Customer, tx.customer_id).number
        reason = f"its lines bill work of customer {owner}, so it stays {owner}'s"
        problems.append(FieldProblem("customer", reason))
    if problems:
        raise InvalidInput(problems)
    refuse_if_fee_locked(session, tx.id, "change")
    _apply(tx, draft, customer)
    session.flush()
    replace_lines(session, tx, draft.lines, tax_rate)
    _record(session, "transaction_update", tx, customer, batch, len(draft.lines))
    keep_card_fee(session, tx)
    return TransactionRecord.of(tx, customer, batch, _stored_lines(session, tx, draft))


def delete_transaction(session: Session, transaction_id: int) -> None:
    """Delete it with its lines; the work it billed is unbilled again (R15)."""
    tx, batch = _editable(session, transaction_id)
    refuse_if_credited(session, tx.id)
    refuse_if_fee_locked(session, tx.id, "delete")
    customer = session.get_one(Customer, tx.customer_id)
    delete_card_fee(session, tx.id)
    session.delete(tx)
    session.flush()
    _record(session, "transaction_delete", tx, customer, batch)


def _stored_lines(
    session: Session, tx: ARTransaction, draft: TransactionDraft
) -> tuple[LineRecord, ...]:
    return transaction_lines(session, tx.id) if draft.lines else ()


def transaction_lines(session: Session, transaction_id: int) -> tuple[LineRecord, ...]:
    """The transaction's lines in their order; () when it has none."""
    return load_lines(session, [transaction_id]).get(transaction_id, ())


def customer_tax_rate(session: Session, customer_number: str) -> Decimal | None:
    """The rate the customer's lines are taxed at (theirs, or the company's); None when there
    is no such customer."""
    customer = session.scalars(
        select(Customer).where(Customer.number == customer_number.strip())
    ).one_or_none()
    if customer is None:
        return None
    return tax_rate_for(customer, load_settings(session))


def get_transaction(session: Session, transaction_id: int) -> TransactionRecord:
    row = session.execute(_select(TransactionQuery()).where(ARTransaction.id == transaction_id))
    found = row.first()
    if found is None:
        raise NotFound(f"Transaction #{transaction_id} no longer exists.")
    tx, customer, batch = found
    return TransactionRecord.of(tx, customer, batch, transaction_lines(session, tx.id))


class TransactionSort(StrEnum):
    CUSTOMER = "customer"
    TYPE = "type"
    NUMBER = "number"
    INVOICE_DATE = "invoice_date"
    DUE_DATE = "due_date"
    AMOUNT = "amount"
    TAX = "tax"
    BATCH = "batch"
    DESCRIPTION = "description"


SORT_COLUMNS: dict[TransactionSort, Any] = {
    TransactionSort.CUSTOMER: Customer.number,
    TransactionSort.TYPE: ARTransaction.type,
    TransactionSort.NUMBER: ARTransaction.number,
    TransactionSort.INVOICE_DATE: ARTransaction.invoice_date,
    TransactionSort.DUE_DATE: ARTransaction.due_date,
    TransactionSort.AMOUNT: ARTransaction.amount,
    TransactionSort.TAX: ARTransaction.tax,
    TransactionSort.BATCH: InvoiceBatch.number,
    TransactionSort.DESCRIPTION: ARTransaction.description,
}

# The sorts an index of ar_transactions alone serves, in either direction (ties by id).
SORTED_BY_INDEX = frozenset(
    {
        TransactionSort.NUMBER,
        TransactionSort.INVOICE_DATE,
        TransactionSort.DUE_DATE,
        TransactionSort.AMOUNT,
        TransactionSort.TAX,
    }
)
# Types with this many rows are read along the sort's index on SQLite (one in a hundred of a
# million: a page of 200 then takes some 20,000 index entries; fewer rows sort at once).
MANY = 10_000


@dataclass(frozen=True)
class TransactionQuery:
    """Filters of the A/R Transactions list; all sorting and filtering happen in the database."""

    customer_number: str | None = None
    types: frozenset[TransactionType] = field(default_factory=frozenset)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    batch_number: int | None = None
    unbatched_only: bool = False
    sort: TransactionSort = TransactionSort.INVOICE_DATE
    descending: bool = False

    def where(self, types_along_sort: bool = False) -> list[ColumnElement[bool]]:
        """The filters' conditions; `types_along_sort` reads the types as `_types_along_sort`
        says."""
        conditions: list[ColumnElement[bool]] = []
        if self.customer_number:
            conditions.append(Customer.number == self.customer_number)
        if self.types:
            conditions.append(_type_column(types_along_sort).in_(sorted(self.types)))
        if self.date_from is not None:
            conditions.append(ARTransaction.invoice_date >= self.date_from)
        if self.date_to is not None:
            conditions.append(ARTransaction.invoice_date <= self.date_to)
        if self.unbatched_only:
            conditions.append(ARTransaction.batch_id.is_(None))
        elif self.batch_number is not None:
            conditions.append(ARTransaction.batch_id == _batch_id(self.batch_number))
        return conditions


def _batch_id(number: int) -> ScalarSelect[int]:
    """The batch's id, looked up once: PostgreSQL has no index on a transaction's batch
    (revision 0012), and asked for `invoice_batches.number = N` through the join it walked the
    sort's index over every transaction, probing each one's batch (0.35 s at a million); given
    the id it plans from the column's statistics and scans for the batch's rows."""
    return select(InvoiceBatch.id).where(InvoiceBatch.number == number).scalar_subquery()


def _type_column(along_sort: bool) -> Any:
    """The type column, or on SQLite `+type`, which no index serves, so that the sort's index
    leads."""
    return unindexed(ARTransaction.type) if along_sort else ARTransaction.type


def _types_along_sort(session: Session, query: TransactionQuery) -> bool:
    """Whether SQLite reads the type filter fastest along the sort's index. SQLite keeps no
    statistics here, so it takes `type IN (...)` for a handful of rows: it reads every credit
    memo through the type index and sorts them all for one page (1.5 s at a million
    transactions). When the types have many rows and nothing else narrows the list, walking the
    sort's own index and skipping the other types finds a page in a few thousand rows; when
    they have few, sorting them all is quicker. PostgreSQL weighs this itself from its
    statistics."""
    narrowed = query.customer_number or query.batch_number is not None or query.unbatched_only
    dated = query.date_from is not None or query.date_to is not None
    if (
        not query.types
        or narrowed
        or dated
        or query.sort not in SORTED_BY_INDEX
        or session.get_bind().dialect.name != "sqlite"
    ):
        return False
    some = select(ARTransaction.id).where(ARTransaction.type.in_(sorted(query.types)))
    found = session.scalar(select(func.count()).select_from(some.limit(MANY).subquery())) or 0
    return found >= MANY


def _joined(statement: Selected, query: TransactionQuery, types_along_sort: bool) -> Selected:
    """The statement over each transaction with its customer and batch, filtered and sorted."""
    order = in_order(SORT_COLUMNS[query.sort], ARTransaction.id, query.descending)
    return (
        statement.join(Customer, Customer.id == ARTransaction.customer_id)
        .outerjoin(InvoiceBatch, InvoiceBatch.id == ARTransaction.batch_id)
        .where(*query.where(types_along_sort))
        .order_by(*order)
    )


def _select(query: TransactionQuery) -> Select[ARTransaction, Customer, InvoiceBatch]:
    whole = select(ARTransaction, Customer, InvoiceBatch).select_from(ARTransaction)
    return _joined(whole, query, False)


# What a listed row shows: its record's fields, read as one plain row. Whole transactions,
# customers and batches loaded as objects for 200 rows cost more than the query that finds them.
LISTED = (
    ARTransaction.id,
    ARTransaction.customer_id,
    Customer.number.label("customer_number"),
    Customer.name.label("customer_name"),
    ARTransaction.type,
    ARTransaction.number,
    ARTransaction.invoice_date,
    ARTransaction.due_date,
    ARTransaction.amount,
    ARTransaction.tax,
    ARTransaction.description,
    InvoiceBatch.number.label("batch_number"),
    InvoiceBatch.locked_at.is_not(None).label("batch_locked"),
    ARTransaction.category,
    ARTransaction.method,
    ARTransaction.fee_for_id,
)


def list_transactions(
    session: Session,
    query: TransactionQuery | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[TransactionRecord]:
    query = query or TransactionQuery()
    listed = select(*LISTED).select_from(ARTransaction)
    statement = _joined(listed, query, _types_along_sort(session, query))
    rows = session.execute(statement.offset(offset).limit(limit))
    return [TransactionRecord(**row._mapping) for row in rows]


def count_transactions(session: Session, query: TransactionQuery | None = None) -> int:
    """How many transactions the query finds. Every transaction has its customer, so the join
    changes no count: it is made only for a filter that reads it (joined, a million rows take
    seconds to count; alone, milliseconds)."""
    query = query or TransactionQuery()
    statement = select(func.count()).select_from(ARTransaction)
    if query.customer_number:
        statement = statement.join(Customer, Customer.id == ARTransaction.customer_id)
    return session.scalar(statement.where(*query.where())) or 0
