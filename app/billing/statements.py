"""R8: the statement math of one customer in one batch, and of a whole batch, with R17's aging.

A statement's figures come from the batch's own (batch, customer) rows as they are now
(batch_figures.py), so it costs the batch on screen, not the history; `batch_record` still
sums them from the history in the database, in integer cents grouped by customer. The rows a
statement lists are read as plain tuples, its payments cut to each customer's period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from app.billing.aging import aging_by_customer
from app.billing.batch_figures import PARTS, batch_parts
from app.billing.collector import collector_paused
from app.billing.lines import load_lines
from app.billing.money import ZERO, Hundredths, from_cents
from app.billing.records import (
    Aging,
    BatchRecord,
    BatchStatement,
    BatchSummary,
    CustomerRecord,
    CustomerStatement,
    CustomerSummary,
    StatementFigures,
    TransactionRecord,
)
from app.billing.settings import load_settings
from app.billing.statement_rows import LISTED, PAID_DATE, Listing
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
from app.models import Customer, InvoiceBatch, TransactionType


def figures_from_cents(
    prior: int,
    paid_before: int,
    paid_now: int,
    invoiced: int,
    charges: int,
    taxes: int,
    breakdowns: tuple[int, int] = (0, 0),
    to_money: Callable[[int], Decimal] = from_cents,
) -> StatementFigures:
    """R8 from its parts: earlier batches' totals, the payment split, and this batch's sums;
    `breakdowns` are the discounts and card fees shown beside them (R14); `to_money` makes
    cents an amount (a `Hundredths` where many are made)."""
    discounts, card_fees = breakdowns
    return StatementFigures(
        former_amount=to_money(prior - paid_before),
        payments=to_money(paid_now),
        invoiced=to_money(invoiced),
        charges=to_money(charges),
        taxes=to_money(taxes),
        discounts=to_money(discounts),
        card_fees=to_money(card_fees),
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
    totals, worked out from the history."""
    by_customer = _figures_by_customer(session, batch)
    aging = aging_by_customer(session, batch) if aged else None
    transaction_count = session.scalar(
        select(func.count()).select_from(T).where(T.batch_id == batch.id)
    )
    totals = sum((c.figures for c in by_customer.values()), StatementFigures())
    aging_totals = None if aging is None else sum(aging.values(), Aging())
    return BatchRecord.of(batch, len(by_customer), transaction_count or 0, totals, aging_totals)


@dataclass(frozen=True)
class _KeptParts:
    """The batch's customers' R8 and R17 from their (batch, customer) rows, and the batch's
    totals."""

    by_customer: dict[int, _CustomerFigures]
    aging: dict[int, Aging]
    totals: StatementFigures
    transaction_count: int
    aging_totals: Aging


def _kept_parts(session: Session, batch: InvoiceBatch, amounts: Hundredths) -> _KeptParts:
    """R8 and R17 of each customer in the batch from its row as the rows are now
    (batch_figures.py). The totals are summed in cents, as R8's fields are linear in its parts,
    and the aging totals column by column."""
    by_customer: dict[int, _CustomerFigures] = {}
    aging: dict[int, Aging] = {}
    parts = batch_parts(session, batch, amounts)
    for customer_id, row in parts.items():
        by_customer[customer_id] = _CustomerFigures(_from_parts(row.cents, amounts), row.since)
        aging[customer_id] = row.aging
    sums = [sum(column) for column in zip(*(row.cents for row in parts.values()), strict=True)]
    sums = sums or [0] * len(PARTS)
    cells = zip(*(row.aging.cells() for row in parts.values()), strict=True)
    aging_totals = Aging(*(sum(column, ZERO) for column in cells))
    return _KeptParts(by_customer, aging, _from_parts(sums, amounts), sums[-1], aging_totals)


def _from_parts(cents: Sequence[int], amounts: Hundredths) -> StatementFigures:
    """R8 from a row's PARTS."""
    prior, paid_before, paid_through, invoiced, charges, taxes, discounts, card_fees, _ = cents
    # Paid after S and on or before D: what was paid through D less what was paid through S.
    return figures_from_cents(
        prior,
        paid_before,
        paid_through - paid_before,
        invoiced,
        charges,
        taxes,
        (discounts, card_fees),
        amounts.__getitem__,
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


# A customer's transactions in a batch, in the order its statement lists them.
_AS_LISTED = (T.customer_id, T.invoice_date, T.number)


def _transactions_in(
    session: Session,
    batch: InvoiceBatch,
    listing: Listing,
    customer_ids: set[int] | None,
    with_lines: bool,
) -> dict[int, list[TransactionRecord]]:
    """Each customer's transactions in the batch; with their lines, read in one go, when
    `with_lines`."""
    rows = session.execute(
        select(*LISTED).where(_in_batch(batch, customer_ids)).order_by(*_AS_LISTED)
    ).all()
    ids = select(T.id).where(_in_batch(batch, customer_ids))
    lines = load_lines(session, ids) if with_lines else {}
    grouped: dict[int, list[TransactionRecord]] = defaultdict(list)
    in_batch = (batch.number, batch.locked)
    for row in rows:
        grouped[row[1]].append(listing.record(row, in_batch, lines.get(row[0], ())))
    return grouped


def _payments_in_period(
    session: Session,
    batch: InvoiceBatch,
    listing: Listing,
    periods: dict[int, dt.date | None],
) -> dict[int, list[TransactionRecord]]:
    """The payments each customer made after its previous close date and up to this one.

    Many customers whose S is recent share one read of the paid dates since the earliest of
    their S, along the paid date's index: it costs the payments of those weeks, however long
    the history (the customers' index has no paid date, so reading by customer costs every
    payment each ever made). The others are read by their own index, cut to each one's S here."""
    start = batch.close_date - _RECENT
    recent = {c: since for c, since in periods.items() if since is not None and since >= start}
    if len(recent) < _WINDOW_FROM:
        recent = {}  # a few customers cost less read by their own index than the whole window
    grouped = _recent_payments(session, batch, listing, recent) if recent else defaultdict(list)
    others = {c: since for c, since in periods.items() if c not in recent}
    ids = list(others)
    for first in range(0, len(ids), _CUSTOMERS_AT_ONCE):
        _customers_payments(
            session, batch, listing, others, ids[first : first + _CUSTOMERS_AT_ONCE], grouped
        )
    return grouped


def _customers_payments(
    session: Session,
    batch: InvoiceBatch,
    listing: Listing,
    periods: dict[int, dt.date | None],
    ids: list[int],
    grouped: defaultdict[int, list[TransactionRecord]],
) -> None:
    """The payments of the customers `ids` after their S, up to the close date, in one query.

    Their S are many (one query per S was some thirty round trips on the 1M history). Reading
    by the customers' index costs every payment of theirs up to the close date whatever the
    bound on the paid date, so the one query is bound by the earliest S only and each
    customer's rows are cut to its own S here."""
    # One expanding parameter, so the ids are bound as they are, not one by one.
    chosen: BindParameter[int] = bindparam("customers", ids, expanding=True)
    query = select(*LISTED).where(
        T.type == TransactionType.PAYMENT,
        T.customer_id.in_(chosen),
        T.due_date <= batch.close_date,
    )
    bounds = [since for since in map(periods.__getitem__, ids) if since is not None]
    if len(bounds) == len(ids):  # a customer without S has every payment up to D
        query = query.where(T.due_date > min(bounds))
    for row in session.execute(query.order_by(T.customer_id, T.due_date, T.number)):
        since = periods[row[1]]
        if since is None or row[PAID_DATE] > since:
            grouped[row[1]].append(listing.record(row, _NO_BATCH))


def _recent_payments(
    session: Session,
    batch: InvoiceBatch,
    listing: Listing,
    recent: dict[int, dt.date],
) -> defaultdict[int, list[TransactionRecord]]:
    """The payments of the customers in `recent` after their S, up to the close date."""
    # `type || ''`: no index serves it, so neither engine reads every payment ever made
    # through the type index instead of the weeks asked for through the paid date's.
    untyped = T.type.op("||", return_type=String)(literal("", String))
    rows = session.execute(
        select(*LISTED)
        .where(
            untyped == TransactionType.PAYMENT.value,
            T.due_date > min(recent.values()),
            T.due_date <= batch.close_date,
        )
        .order_by(T.customer_id, T.due_date, T.number)
    )
    grouped: defaultdict[int, list[TransactionRecord]] = defaultdict(list)
    for row in rows:
        since = recent.get(row[1])
        if since is not None and row[PAID_DATE] > since:
            grouped[row[1]].append(listing.record(row, _NO_BATCH))
    return grouped


# A payment is in no batch.
_NO_BATCH: tuple[int | None, bool] = (None, False)
# How recent an S is read in the window of paid dates: a month's cutoff runs, twice over.
_RECENT = dt.timedelta(days=62)
# How many such customers make the window cheaper than their own payments one by one.
_WINDOW_FROM = 1_000
# One bound value a customer, well under SQLite's limit of bound parameters.
_CUSTOMERS_AT_ONCE = 5_000


def batch_statement(
    session: Session, batch: InvoiceBatch, customer_ids: Iterable[int] | None = None
) -> BatchStatement:
    """Every customer's statement in the batch (or only those named), ordered by customer
    number; its transactions carry their lines while the report shows them (a setting).

    The figures and their aging come from the batch's (batch, customer) rows as they are now
    (kept_figures.py, batch_aging.py), so the cost follows the batch, not the history; the
    record's totals are always the whole batch's."""
    wanted = None if customer_ids is None else set(customer_ids)
    with collector_paused():
        return _statement(session, batch, wanted)


def _statement(session: Session, batch: InvoiceBatch, wanted: set[int] | None) -> BatchStatement:
    amounts = Hundredths()
    kept = _kept_parts(session, batch, amounts)
    customers = _customers_in(session, batch, wanted)
    listing = Listing({customer.id: customer for customer in customers}, amounts)
    with_lines = load_settings(session).show_invoice_lines
    transactions = _transactions_in(session, batch, listing, wanted, with_lines)
    periods = {c.id: kept.by_customer[c.id].previous_close_date for c in customers}
    payments = _payments_in_period(session, batch, listing, periods)
    statements = tuple(
        CustomerStatement(
            customer=customer,
            figures=kept.by_customer[customer.id].figures,
            aging=kept.aging[customer.id],
            previous_close_date=kept.by_customer[customer.id].previous_close_date,
            transactions=tuple(transactions.get(customer.id, ())),
            payments=tuple(payments.get(customer.id, ())),
        )
        for customer in customers
    )
    return BatchStatement(batch=_kept_record(batch, kept), customers=statements)


def kept_batch_record(session: Session, batch: InvoiceBatch) -> BatchRecord:
    """`batch_record` with its R17 aging, from the batch's (batch, customer) rows as they are
    now: at the cost of the batch, not of its customers' history."""
    return _kept_record(batch, _kept_parts(session, batch, Hundredths()))


def _kept_record(batch: InvoiceBatch, kept: _KeptParts) -> BatchRecord:
    return BatchRecord.of(
        batch, len(kept.by_customer), kept.transaction_count, kept.totals, kept.aging_totals
    )


def batch_summary(session: Session, batch: InvoiceBatch) -> BatchSummary:
    """The figures of `batch_statement` and each customer's transaction numbers, without the
    rows, lines and payments a statement lists: what the command line prints, at a tenth of
    the cost for a batch of a year's invoices."""
    with collector_paused():
        amounts = Hundredths()
        kept = _kept_parts(session, batch, amounts)
        customers = _customers_in(session, batch, None)
        numbers: defaultdict[int, list[str]] = defaultdict(list)
        for customer_id, number in session.execute(
            select(T.customer_id, T.number).where(_in_batch(batch, None)).order_by(*_AS_LISTED)
        ):
            numbers[customer_id].append(number)
        summaries = tuple(
            CustomerSummary(
                customer,
                kept.by_customer[customer.id].figures,
                kept.aging[customer.id],
                tuple(numbers[customer.id]),
            )
            for customer in customers
        )
        return BatchSummary(_kept_record(batch, kept), summaries)
