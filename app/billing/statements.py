"""R8: the statement math of one customer in one batch, and of a whole batch, with R17's aging.

All sums run in the database over integer cents, grouped by customer, so a batch of any size
costs the same handful of queries; the rows a statement lists are read as plain tuples, its
payments already cut to each customer's period by the database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from app.billing.aging import aging_by_customer
from app.billing.lines import LineRecord, load_lines
from app.billing.money import from_cents
from app.billing.records import (
    Aging,
    BatchRecord,
    BatchStatement,
    CustomerRecord,
    CustomerStatement,
    StatementFigures,
    TransactionRecord,
)
from app.billing.settings import load_settings
from app.billing.statement_sql import (
    AMOUNT,
    CARD_FEES,
    CHARGES,
    DISCOUNTS,
    INVOICED,
    SIGNED_TAX,
    SIGNED_TOTAL,
    T,
    cents_sum,
    member_ids,
)
from app.models import Customer, InvoiceBatch, MemoCategory, PaymentMethod, TransactionType


def figures_from_cents(
    prior: int,
    paid_before: int,
    paid_now: int,
    invoiced: int,
    charges: int,
    taxes: int,
    breakdowns: tuple[int, int] = (0, 0),
) -> StatementFigures:
    """R8 from its parts: earlier batches' totals, the payment split, and this batch's sums;
    `breakdowns` are the discounts and card fees shown beside them (R14)."""
    discounts, card_fees = breakdowns
    return StatementFigures(
        former_amount=from_cents(prior - paid_before),
        payments=from_cents(paid_now),
        invoiced=from_cents(invoiced),
        charges=from_cents(charges),
        taxes=from_cents(taxes),
        discounts=from_cents(discounts),
        card_fees=from_cents(card_fees),
    )


def _before(batch: InvoiceBatch) -> ColumnElement[bool]:
    """Batches that come before `batch`: by close date, then by number."""
    return or_(
        InvoiceBatch.close_date < batch.close_date,
        and_(InvoiceBatch.close_date == batch.close_date, InvoiceBatch.number < batch.number),
    )


@dataclass(frozen=True)
class _CustomerFigures:
    figures: StatementFigures
    previous_close_date: dt.date | None


def _in_batch(batch: InvoiceBatch, customer_ids: set[int] | None) -> ColumnElement[bool]:
    """The batch's own rows (of the named customers only, when given).

    Never `members_of` here: right after a large claim PostgreSQL still estimates one row for
    `batch_id = b`, and joining the batch's rows to its own members then becomes a nested
    loop over the whole batch for every customer in it.
    """
    if customer_ids is None:
        return T.batch_id == batch.id
    return and_(T.batch_id == batch.id, T.customer_id.in_(customer_ids))


def _figure_parts(
    batch: InvoiceBatch, customer_ids: set[int] | None
) -> tuple[Select[*tuple[Any, ...]], Select[*tuple[Any, ...]], Select[*tuple[Any, ...]]]:
    """Every part of R8 in cents, one row per customer in each of three statements: this
    batch's sums; S and the earlier batches' total; the payments split at S and D."""
    current = (
        select(
            T.customer_id.label("customer_id"),
            cents_sum(INVOICED).label("invoiced"),
            cents_sum(CHARGES).label("charges"),
            cents_sum(SIGNED_TAX).label("taxes"),
            cents_sum(DISCOUNTS).label("discounts"),
            cents_sum(CARD_FEES).label("card_fees"),
        )
        .where(_in_batch(batch, customer_ids))
        .group_by(T.customer_id)
    )
    members = T.customer_id.in_(select(T.customer_id).where(_in_batch(batch, customer_ids)))
    earlier = (
        select(
            T.customer_id.label("customer_id"),
            func.max(InvoiceBatch.close_date).label("since"),
            cents_sum(SIGNED_TOTAL).label("prior"),
        )
        .join(InvoiceBatch, InvoiceBatch.id == T.batch_id)
        .where(members, _before(batch))
        .group_by(T.customer_id)
    )
    since = earlier.cte("earlier_batches")
    # A payment's due date is its paid date; with no S every payment up to D is this period's.
    paid_by_since = T.due_date <= since.c.since
    paid = (
        select(
            T.customer_id.label("customer_id"),
            cents_sum(case((paid_by_since, AMOUNT), else_=0)).label("before"),
            cents_sum(case((paid_by_since, 0), else_=AMOUNT)).label("now"),
        )
        .outerjoin(since, since.c.customer_id == T.customer_id)
        .where(T.type == TransactionType.PAYMENT, members, T.due_date <= batch.close_date)
        .group_by(T.customer_id)
    )
    return current, earlier, paid


def _figures_by_customer(
    session: Session, batch: InvoiceBatch, customer_ids: set[int] | None = None
) -> dict[int, _CustomerFigures]:
    # Joined here, not in SQL: right after a large claim PostgreSQL estimates one row for the
    # batch's sums and joined them to the payments by a nested loop (18 s for 10,000
    # customers in one statement; three statements take a fraction of a second).
    current, earlier, paid = _figure_parts(batch, customer_ids)
    before = {row.customer_id: (int(row.prior), row.since) for row in session.execute(earlier)}
    payments = {row.customer_id: (int(row.before), int(row.now)) for row in session.execute(paid)}
    result: dict[int, _CustomerFigures] = {}
    for row in session.execute(current):
        prior, since = before.get(row.customer_id, (0, None))
        paid_before, paid_now = payments.get(row.customer_id, (0, 0))
        figures = figures_from_cents(
            prior,
            paid_before,
            paid_now,
            int(row.invoiced),
            int(row.charges),
            int(row.taxes),
            (int(row.discounts), int(row.card_fees)),
        )
        result[row.customer_id] = _CustomerFigures(figures, since)
    return result


def batch_record(session: Session, batch: InvoiceBatch, *, aged: bool = True) -> BatchRecord:
    """The batch's row with its customer count, R8 control totals and (when `aged`) R17 aging
    totals."""
    by_customer = _figures_by_customer(session, batch)
    aging = aging_by_customer(session, batch) if aged else None
    return _record(session, batch, by_customer, aging)


def _record(
    session: Session,
    batch: InvoiceBatch,
    by_customer: dict[int, _CustomerFigures],
    aging: dict[int, Aging] | None,
) -> BatchRecord:
    transaction_count = session.scalar(
        select(func.count()).select_from(T).where(T.batch_id == batch.id)
    )
    totals = sum((c.figures for c in by_customer.values()), StatementFigures())
    aging_totals = None if aging is None else sum(aging.values(), Aging())
    return BatchRecord.of(batch, len(by_customer), transaction_count or 0, totals, aging_totals)


# The columns a listed transaction is read from, in `_listed`'s order: plain tuples, as an ORM
# object per row made the garbage collector half the cost of a large statement.
_LISTED = (
    T.id,
    T.customer_id,
    T.type,
    T.number,
    T.invoice_date,
    T.due_date,
    T.amount,
    T.tax,
    T.description,
    T.category,
    T.method,
    T.fee_for_id,
)


def _listed(
    row: Sequence[Any],
    customer: CustomerRecord,
    batch: InvoiceBatch | None,
    lines: tuple[LineRecord, ...] = (),
) -> TransactionRecord:
    tx_id, customer_id, kind, number, invoice_date, due_date, amount, tax, *rest = row
    description, category, method, fee_for_id = rest
    return TransactionRecord(
        id=tx_id,
        customer_id=customer_id,
        customer_number=customer.number,
        customer_name=customer.name,
        type=TransactionType(kind),
        number=number,
        invoice_date=invoice_date,
        due_date=due_date,
        amount=amount,
        tax=tax,
        description=description,
        batch_number=batch.number if batch else None,
        batch_locked=bool(batch and batch.locked),
        lines=lines,
        category=MemoCategory(category or MemoCategory.OTHER),
        method=PaymentMethod(method or PaymentMethod.CHECK),
        fee_for_id=fee_for_id,
    )


def _customers_in(
    session: Session, batch: InvoiceBatch, customer_ids: set[int] | None
) -> list[CustomerRecord]:
    """The batch's customers (or those named), ordered by customer number."""
    columns = [getattr(Customer, f.name) for f in fields(CustomerRecord)]
    rows = session.execute(
        select(*columns)
        .where(Customer.id.in_(member_ids(batch, customer_ids).scalar_subquery()))
        .order_by(Customer.number)
    )
    return [CustomerRecord(*row) for row in rows]


def _transactions_in(
    session: Session,
    batch: InvoiceBatch,
    customers: dict[int, CustomerRecord],
    customer_ids: set[int] | None,
    with_lines: bool,
) -> dict[int, list[TransactionRecord]]:
    """Each customer's transactions in the batch; with their lines, read in one go, when
    `with_lines`."""
    rows = session.execute(
        select(*_LISTED)
        .where(_in_batch(batch, customer_ids))
        .order_by(T.customer_id, T.invoice_date, T.number)
    ).all()
    lines = load_lines(session, [row[0] for row in rows]) if with_lines else {}
    grouped: dict[int, list[TransactionRecord]] = defaultdict(list)
    for row in rows:
        customer_id = row[1]
        record = _listed(row, customers[customer_id], batch, lines.get(row[0], ()))
        grouped[customer_id].append(record)
    return grouped


def _payments_in_period(
    session: Session,
    batch: InvoiceBatch,
    customers: dict[int, CustomerRecord],
    periods: dict[int, dt.date | None],
) -> dict[int, list[TransactionRecord]]:
    """The payments each customer made after its previous close date and up to this one, cut
    to each customer's period by the database: one query per S, as a batch's customers share
    a handful of previous close dates, each of them narrow enough for an index."""
    by_since: dict[dt.date | None, list[int]] = defaultdict(list)
    for customer_id, since in periods.items():
        by_since[since].append(customer_id)
    grouped: dict[int, list[TransactionRecord]] = defaultdict(list)
    for since, ids in by_since.items():
        for start in range(0, len(ids), _CUSTOMERS_AT_ONCE):
            # One expanding parameter, so the ids are bound as they are, not one by one.
            chosen: BindParameter[int] = bindparam(
                "customers", ids[start : start + _CUSTOMERS_AT_ONCE], expanding=True
            )
            query = select(*_LISTED).where(
                T.type == TransactionType.PAYMENT,
                T.customer_id.in_(chosen),
                T.due_date <= batch.close_date,
            )
            if since is not None:
                query = query.where(T.due_date > since)
            rows = session.execute(query.order_by(T.customer_id, T.due_date, T.number))
            for row in rows:
                grouped[row[1]].append(_listed(row, customers[row[1]], None))
    return grouped


# One bound value a customer, well under SQLite's limit of bound parameters.
_CUSTOMERS_AT_ONCE = 5_000


def batch_statement(
    session: Session, batch: InvoiceBatch, customer_ids: Iterable[int] | None = None
) -> BatchStatement:
    """Every customer's statement in the batch (or only those named), ordered by customer
    number; its transactions carry their lines while the report shows them (a setting)."""
    wanted = None if customer_ids is None else set(customer_ids)
    by_customer = _figures_by_customer(session, batch, wanted)
    aging = aging_by_customer(session, batch, wanted)
    customers = _customers_in(session, batch, wanted)
    by_id = {customer.id: customer for customer in customers}
    with_lines = load_settings(session).show_invoice_lines
    transactions = _transactions_in(session, batch, by_id, wanted, with_lines)
    periods = {cid: f.previous_close_date for cid, f in by_customer.items()}
    payments = _payments_in_period(session, batch, by_id, periods)
    statements = tuple(
        CustomerStatement(
            customer=customer,
            figures=by_customer[customer.id].figures,
            aging=aging[customer.id],
            previous_close_date=by_customer[customer.id].previous_close_date,
            transactions=tuple(transactions.get(customer.id, ())),
            payments=tuple(payments.get(customer.id, ())),
        )
        for customer in customers
    )
    record = (
        _record(session, batch, by_customer, aging)
        if wanted is None
        else batch_record(session, batch)
    )
    return BatchStatement(batch=record, customers=statements)
