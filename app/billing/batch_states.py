"""R12's derived states of a batch: approval and lock, delivery, last sent, paid amount, payment.

Never typed in, always worked out from the rows as they are now. The sums run in the database
over integer cents for all the batches asked about at once: one windowed query gives every
(batch, customer) pair its invoice amount and the close date of the customer's next batch,
payments are summed once by customer and paid date, and the sent deliveries once by batch,
customer and channel. The Invoice Batches list costs these three queries whatever its length.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, func, select, type_coerce
from sqlalchemy.orm import Session

from app.billing.batches import BatchQuery, list_batches
from app.billing.money import ZERO, from_cents
from app.billing.records import BatchRecord
from app.billing.statement_sql import SIGNED_TOTAL, T, cents_sum
from app.billing.statements import PaymentHistory, payment_histories
from app.models import (
    Channel,
    Customer,
    Delivery,
    DeliveryStatus,
    InvoiceBatch,
    StatementDelivery,
)


class DeliveryState(StrEnum):
    NOT_SENT = "not sent"
    PARTLY_SENT = "partly sent"
    SENT = "sent"


class PaymentState(StrEnum):
    UNPAID = "unpaid"
    PARTLY_PAID = "partly paid"
    PAID = "paid"


# The channels a customer's statement must go by before the customer counts as delivered.
CHANNELS_NEEDED = {
    Delivery.PRINT: frozenset({Channel.PRINT}),
    Delivery.EMAIL: frozenset({Channel.EMAIL}),
    Delivery.BOTH: frozenset({Channel.PRINT, Channel.EMAIL}),
}


@dataclass(frozen=True)
class CustomerState:
    """One customer's part of a batch's states."""

    customer_id: int
    channel: Delivery
    invoice_amount: Decimal
    paid_amount: Decimal
    sent: bool


@dataclass(frozen=True)
class BatchStatus:
    """The states of R12 that Invoice Batches, Batch Details and `--json` show."""

    approved: bool
    locked: bool
    delivery: DeliveryState
    last_sent: dt.datetime | None
    payment: PaymentState
    paid_amount: Decimal
    customers: tuple[CustomerState, ...] = ()

    def customer(self, customer_id: int) -> CustomerState | None:
        return next((c for c in self.customers if c.customer_id == customer_id), None)


class BatchStateFilter(StrEnum):
    """What the Invoice Batches list can search by, besides customer, number and date."""

    OPEN = "open"
    APPROVED = "approved"
    LOCKED = "locked"
    NOT_SENT = DeliveryState.NOT_SENT.value
    PARTLY_SENT = DeliveryState.PARTLY_SENT.value
    SENT = DeliveryState.SENT.value
    UNPAID = PaymentState.UNPAID.value
    PARTLY_PAID = PaymentState.PARTLY_PAID.value
    PAID = PaymentState.PAID.value

    def matches(self, status: BatchStatus) -> bool:
        if self is BatchStateFilter.OPEN:
            return not status.locked
        if self is BatchStateFilter.APPROVED:
            return status.approved
        if self is BatchStateFilter.LOCKED:
            return status.locked
        return self.value in (status.delivery.value, status.payment.value)


def paid_in_window(history: PaymentHistory, after: dt.date, until: dt.date | None) -> int:
    """Cents paid after `after` and on or before `until` (no upper bound when None)."""
    if until is not None:
        upto = history.paid_through(until)
    else:
        upto = history.running[-1] if history.running else 0
    return upto - history.paid_through(after)


def _pairs(session: Session, batch_ids: Collection[int]) -> list[Any]:
    """Each (batch, customer) of the batches named: its close date, the customer's total before
    it (R8's order), its own total, the next batch's close date and the customer's channel."""
    customers = select(T.customer_id).where(T.batch_id.in_(batch_ids)).distinct()
    pairs = (
        select(
            T.batch_id.label("batch_id"),
            T.customer_id.label("customer_id"),
            InvoiceBatch.close_date.label("close_date"),
            InvoiceBatch.number.label("number"),
            cents_sum(SIGNED_TOTAL).label("total"),
        )
        .join(InvoiceBatch, InvoiceBatch.id == T.batch_id)
        .where(T.customer_id.in_(customers.scalar_subquery()))
        .group_by(T.batch_id, T.customer_id, InvoiceBatch.close_date, InvoiceBatch.number)
        .subquery()
    )
    customer, order = pairs.c.customer_id, (pairs.c.close_date, pairs.c.number)
    prior = func.sum(pairs.c.total).over(partition_by=customer, order_by=order, rows=(None, -1))
    following = func.lead(pairs.c.close_date).over(partition_by=customer, order_by=order)
    windowed = select(
        pairs, prior.label("prior"), type_coerce(following, Date).label("next_close")
    ).subquery()
    return list(
        session.execute(
            select(windowed, Customer.delivery)
            .join(Customer, Customer.id == windowed.c.customer_id)
            .where(windowed.c.batch_id.in_(batch_ids))
        )
    )


def _sent(
    session: Session, batch_ids: Collection[int]
) -> tuple[dict[tuple[int, int], set[Channel]], dict[int, dt.datetime]]:
    """The channels each customer of each batch was sent by, and each batch's last sent time."""
    rows = session.execute(
        select(
            StatementDelivery.batch_id,
            StatementDelivery.customer_id,
            StatementDelivery.channel,
            func.max(StatementDelivery.at),
        )
        .where(
            StatementDelivery.batch_id.in_(batch_ids),
            StatementDelivery.status == DeliveryStatus.SENT,
        )
        .group_by(
            StatementDelivery.batch_id, StatementDelivery.customer_id, StatementDelivery.channel
        )
    )
    channels: dict[tuple[int, int], set[Channel]] = defaultdict(set)
    last: dict[int, dt.datetime] = {}
    for batch_id, customer_id, channel, at in rows:
        channels[batch_id, customer_id].add(Channel(channel))
        last[batch_id] = max(at, last.get(batch_id, at))
    return channels, last


def _customer_state(row: Any, history: PaymentHistory, sent_by: set[Channel]) -> CustomerState:
    owed = int(row.prior or 0) + int(row.total) - history.paid_through(row.close_date)
    paid = paid_in_window(history, row.close_date, row.next_close)
    channel = Delivery(row.delivery)
    return CustomerState(
        customer_id=row.customer_id,
        channel=channel,
        invoice_amount=from_cents(owed),
        paid_amount=from_cents(max(0, min(paid, owed))),
        sent=CHANNELS_NEEDED[channel] <= sent_by,
    )


def _delivery(customers: Sequence[CustomerState], anything_sent: bool) -> DeliveryState:
    if customers and all(c.sent for c in customers):
        return DeliveryState.SENT
    return DeliveryState.PARTLY_SENT if anything_sent else DeliveryState.NOT_SENT


def _payment(customers: Sequence[CustomerState]) -> PaymentState:
    """`paid` when every customer owing something is paid in full (so also when none owes)."""
    if all(c.paid_amount == c.invoice_amount for c in customers if c.invoice_amount > 0):
        return PaymentState.PAID
    if all(c.paid_amount == 0 for c in customers):
        return PaymentState.UNPAID
    return PaymentState.PARTLY_PAID


def states_of(session: Session, batches: Sequence[InvoiceBatch]) -> dict[int, BatchStatus]:
    """Every named batch's states, by batch id, each with its customers' parts."""
    ids = [b.id for b in batches]
    if not ids:
        return {}
    pairs = _pairs(session, ids)
    customer_ids = {row.customer_id for row in pairs}
    histories = payment_histories(session, T.customer_id.in_(customer_ids))
    channels, last_sent = _sent(session, ids)
    by_batch: dict[int, list[CustomerState]] = defaultdict(list)
    for row in sorted(pairs, key=lambda r: r.customer_id):
        sent_by = channels.get((row.batch_id, row.customer_id), set())
        by_batch[row.batch_id].append(_customer_state(row, histories[row.customer_id], sent_by))
    anything_sent = {batch_id for batch_id, _ in channels}
    result = {}
    for batch in batches:
        customers = by_batch.get(batch.id, [])
        result[batch.id] = BatchStatus(
            approved=batch.approved_at is not None,
            locked=batch.locked_at is not None,
            delivery=_delivery(customers, batch.id in anything_sent),
            last_sent=last_sent.get(batch.id),
            payment=_payment(customers),
            paid_amount=sum((c.paid_amount for c in customers), ZERO),
            customers=tuple(customers),
        )
    return result


def with_states(session: Session, records: Sequence[BatchRecord]) -> list[BatchRecord]:
    """The records with their R12 states (`status`), in a few queries for all of them."""
    ids = [r.id for r in records]
    batches = (
        session.scalars(select(InvoiceBatch).where(InvoiceBatch.id.in_(ids))).all() if ids else []
    )
    states = states_of(session, batches)
    return [replace(r, status=states[r.id]) for r in records]


def batch_status(session: Session, record: BatchRecord) -> BatchStatus:
    """One batch's states, with each of its customers' parts."""
    status = with_states(session, [record])[0].status
    assert status is not None
    return status


def find_batches(
    session: Session, query: BatchQuery | None = None, state: BatchStateFilter | None = None
) -> list[BatchRecord]:
    """The Invoice Batches search: `list_batches` with the states, kept to those in `state`."""
    records = with_states(session, list_batches(session, query))
    if state is None:
        return records
    return [r for r in records if r.status is not None and state.matches(r.status)]
