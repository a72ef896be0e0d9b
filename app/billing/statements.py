"""R8: the statement math of one customer in one batch, and of a whole batch, with R17's aging.

All sums run in the database over integer cents, grouped by customer, so a batch of any size
costs the same handful of queries.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.billing.aging import aging_by_customer
from app.billing.lines import load_lines
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
    members_of,
)
from app.models import Customer, InvoiceBatch, TransactionType


class PaymentHistory:
    """One customer's payments summed by paid date, to be split at any S and D."""

    def __init__(self) -> None:
        self.dates: list[dt.date] = []
        self.running: list[int] = []

    def add(self, paid_date: dt.date, cents: int) -> None:
        """Add the payments of one paid date; dates come in ascending order."""
        self.dates.append(paid_date)
        self.running.append((self.running[-1] if self.running else 0) + cents)

    def paid_through(self, day: dt.date) -> int:
        paid = bisect_right(self.dates, day)
        return self.running[paid - 1] if paid else 0

    def split(self, since: dt.date | None, until: dt.date) -> tuple[int, int]:
        """Paid on or before S, and paid after S up to D (R8), in cents."""
        before = self.paid_through(since) if since is not None else 0
        return before, self.paid_through(until) - before


def payment_histories(
    session: Session, condition: ColumnElement[bool]
) -> dict[int, PaymentHistory]:
    """The payment history of every customer whose payments match `condition`."""
    histories: dict[int, PaymentHistory] = defaultdict(PaymentHistory)
    rows = session.execute(
        select(T.customer_id, T.due_date, cents_sum(AMOUNT))  # a payment's due date is paid
        .where(T.type == TransactionType.PAYMENT, condition)
        .group_by(T.customer_id, T.due_date)
        .order_by(T.customer_id, T.due_date)
    )
    for customer_id, paid_date, cents in rows:
        histories[customer_id].add(paid_date, int(cents))
    return histories


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


def _current_sums(
    session: Session, batch: InvoiceBatch, customer_ids: set[int] | None
) -> list[tuple[int, int, int, int, tuple[int, int]]]:
    """Per customer in the batch: invoiced, charges, taxes, and (discounts, card fees), in
    cents."""
    rows = session.execute(
        select(
            T.customer_id,
            cents_sum(INVOICED),
            cents_sum(CHARGES),
            cents_sum(SIGNED_TAX),
            cents_sum(DISCOUNTS),
            cents_sum(CARD_FEES),
        )
        .where(_in_batch(batch, customer_ids))
        .group_by(T.customer_id)
    )
    return [(c, int(i), int(ch), int(tx), (int(d), int(f))) for c, i, ch, tx, d, f in rows]


def _history(
    session: Session, members: ColumnElement[bool], batch: InvoiceBatch
) -> dict[int, tuple[dt.date, int]]:
    """Per member with earlier batches: S (the latest earlier close date) and their total."""
    rows = session.execute(
        select(T.customer_id, func.max(InvoiceBatch.close_date), cents_sum(SIGNED_TOTAL))
        .join(InvoiceBatch, InvoiceBatch.id == T.batch_id)
        .where(members, _before(batch))
        .group_by(T.customer_id)
    )
    return {customer_id: (close_date, int(total)) for customer_id, close_date, total in rows}


def _figures_by_customer(
    session: Session, batch: InvoiceBatch, customer_ids: set[int] | None = None
) -> dict[int, _CustomerFigures]:
    members = members_of(batch, customer_ids)
    current = _current_sums(session, batch, customer_ids)
    history = _history(session, members, batch)
    payments = payment_histories(session, and_(members, T.due_date <= batch.close_date))
    result: dict[int, _CustomerFigures] = {}
    for customer_id, invoiced, charges, taxes, breakdowns in current:
        since, prior_total = history.get(customer_id, (None, 0))
        before, now = payments[customer_id].split(since, batch.close_date)
        figures = figures_from_cents(prior_total, before, now, invoiced, charges, taxes, breakdowns)
        result[customer_id] = _CustomerFigures(figures, since)
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


def _transactions_in(
    session: Session, batch: InvoiceBatch, customer_ids: set[int] | None, with_lines: bool
) -> dict[int, list[TransactionRecord]]:
    """Each customer's transactions in the batch; with their lines, read in one go, when
    `with_lines`."""
    rows = session.execute(
        select(T, Customer)
        .join(Customer, Customer.id == T.customer_id)
        .where(_in_batch(batch, customer_ids))
        .order_by(T.customer_id, T.invoice_date, T.number)
    ).all()
    lines = load_lines(session, [tx.id for tx, _ in rows]) if with_lines else {}
    grouped: dict[int, list[TransactionRecord]] = defaultdict(list)
    for tx, customer in rows:
        record = TransactionRecord.of(tx, customer, batch, lines.get(tx.id, ()))
        grouped[tx.customer_id].append(record)
    return grouped


def _payments_in_period(
    session: Session,
    batch: InvoiceBatch,
    customer_ids: set[int] | None,
    periods: dict[int, dt.date | None],
) -> dict[int, list[TransactionRecord]]:
    """The payments each customer made after its previous close date and up to this one."""
    rows = session.execute(
        select(T, Customer)
        .join(Customer, Customer.id == T.customer_id)
        .where(
            T.type == TransactionType.PAYMENT,
            members_of(batch, customer_ids),
            T.due_date <= batch.close_date,
        )
        .order_by(T.customer_id, T.due_date, T.number)
    )
    grouped: dict[int, list[TransactionRecord]] = defaultdict(list)
    for tx, customer in rows:
        since = periods.get(tx.customer_id)
        if since is None or tx.due_date > since:
            grouped[tx.customer_id].append(TransactionRecord.of(tx, customer, None))
    return grouped


def batch_statement(
    session: Session, batch: InvoiceBatch, customer_ids: Iterable[int] | None = None
) -> BatchStatement:
    """Every customer's statement in the batch (or only those named), ordered by customer
    number; its transactions carry their lines while the report shows them (a setting)."""
    wanted = None if customer_ids is None else set(customer_ids)
    by_customer = _figures_by_customer(session, batch, wanted)
    aging = aging_by_customer(session, batch, wanted)
    customers = session.scalars(
        select(Customer)
        .where(Customer.id.in_(member_ids(batch, wanted).scalar_subquery()))
        .order_by(Customer.number)
    ).all()
    with_lines = load_settings(session).show_invoice_lines
    transactions = _transactions_in(session, batch, wanted, with_lines)
    periods = {cid: f.previous_close_date for cid, f in by_customer.items()}
    payments = _payments_in_period(session, batch, wanted, periods)
    statements = tuple(
        CustomerStatement(
            customer=CustomerRecord.of(customer),
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
