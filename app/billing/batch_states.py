"""R12's derived states of a batch: approval and lock, delivery, last sent, paid amount, payment.

Never typed in, always worked out from the rows as they are now. The sums run in the database
over integer cents for all the batches asked about at once: each (batch, customer) row comes
from the kept figures (kept_figures.py) with its invoice amount and its payments up to the
next close date, and the sent deliveries are summed by batch, customer and channel. A batch's
states cost two queries; a list of batches sums them by batch in the database, in two queries
whatever its length, and its cost follows what changed since the figures were kept.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.billing.batches import BatchQuery, list_batches
from app.billing.collector import collector_paused
from app.billing.kept_batches import paid_parts, summed_batches
from app.billing.kept_figures import rows_now
from app.billing.money import ZERO, Hundredths, from_cents
from app.billing.records import BatchRecord
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


# Delivery(...) for each customer of a large batch, as a lookup (a member equals its text).
_DELIVERIES = {member.value: member for member in Delivery}
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


def _customer_states(
    session: Session, batch_ids: Collection[int]
) -> tuple[dict[int, list[CustomerState]], dict[int, dt.datetime], set[int]]:
    """Each batch's customers' parts, its last sent time, and the batches anything was sent in."""
    rows = rows_now(session, batch_ids)
    owed, paid = paid_parts(rows.c)
    parts = session.execute(
        select(rows.c.batch_id, rows.c.customer_id, owed, paid, Customer.delivery)
        .join(Customer, Customer.id == rows.c.customer_id)
        .order_by(rows.c.customer_id)
    )
    channels, last_sent = _sent(session, batch_ids)
    by_batch: dict[int, list[CustomerState]] = defaultdict(list)
    amounts = Hundredths()
    nothing_sent: set[Channel] = set()
    for batch_id, customer_id, owed_cents, paid_cents, delivery in parts:
        channel = _DELIVERIES[delivery]
        sent_by = channels.get((batch_id, customer_id), nothing_sent)
        by_batch[batch_id].append(
            CustomerState(
                customer_id=customer_id,
                channel=channel,
                invoice_amount=amounts[owed_cents],
                paid_amount=amounts[paid_cents],
                sent=CHANNELS_NEEDED[channel] <= sent_by,
            )
        )
    return by_batch, last_sent, {batch_id for batch_id, _ in channels}


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


def _delivered(session: Session, batch_ids: Collection[int]) -> dict[int, tuple[int, dt.datetime]]:
    """Per batch with anything sent: how many customers went out by every channel of theirs,
    and the last sent time."""
    by_channel = (
        select(
            StatementDelivery.batch_id.label("batch_id"),
            StatementDelivery.customer_id.label("customer_id"),
            *(
                func.max(case((StatementDelivery.channel == channel, 1), else_=0)).label(channel)
                for channel in (Channel.PRINT.value, Channel.EMAIL.value)
            ),
            func.max(StatementDelivery.at).label("at"),
        )
        .where(
            StatementDelivery.batch_id.in_(batch_ids),
            StatementDelivery.status == DeliveryStatus.SENT,
        )
        .group_by(StatementDelivery.batch_id, StatementDelivery.customer_id)
        .subquery()
    )
    printed, emailed = by_channel.c.print, by_channel.c.email
    delivered = case(
        (Customer.delivery == Delivery.PRINT, printed),
        (Customer.delivery == Delivery.EMAIL, emailed),
        else_=printed * emailed,
    )
    rows = session.execute(
        select(by_channel.c.batch_id, func.sum(delivered), func.max(by_channel.c.at))
        .join(Customer, Customer.id == by_channel.c.customer_id)
        .group_by(by_channel.c.batch_id)
    )
    return {batch_id: (int(count), at) for batch_id, count, at in rows}


def batch_states(session: Session, batches: Sequence[InvoiceBatch]) -> dict[int, BatchStatus]:
    """Every named batch's states without its customers' parts, summed by batch."""
    sums = summed_batches(session, [b.id for b in batches])
    delivered = _delivered(session, [b.id for b in batches])
    result = {}
    for batch in batches:
        summed = sums.get(batch.id)
        customers = int(summed.customers) if summed else 0
        unpaid = int(summed.unpaid_customers) if summed else 0
        paid_by = int(summed.paying_customers) if summed else 0
        went_out, last_sent = delivered.get(batch.id, (0, None))
        if customers and went_out == customers:
            delivery = DeliveryState.SENT
        else:
            delivery = DeliveryState.PARTLY_SENT if last_sent else DeliveryState.NOT_SENT
        if not unpaid:
            payment = PaymentState.PAID
        else:
            payment = PaymentState.PARTLY_PAID if paid_by else PaymentState.UNPAID
        result[batch.id] = BatchStatus(
            approved=batch.approved_at is not None,
            locked=batch.locked_at is not None,
            delivery=delivery,
            last_sent=last_sent,
            payment=payment,
            paid_amount=from_cents(summed.paid_amount) if summed else ZERO,
        )
    return result


def states_of(
    session: Session, batches: Sequence[InvoiceBatch], *, each_customer: bool = True
) -> dict[int, BatchStatus]:
    """Every named batch's states, by batch id; with `each_customer`, each with its customers'
    parts, else summed by batch in the database (what a list of many batches shows)."""
    ids = [b.id for b in batches]
    if not ids:
        return {}
    if not each_customer:
        return batch_states(session, batches)
    with collector_paused():  # a state for every customer of every batch, with no cycle
        by_batch, last_sent, anything_sent = _customer_states(session, ids)
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


def with_states(
    session: Session, records: Sequence[BatchRecord], *, each_customer: bool = True
) -> list[BatchRecord]:
    """The records with their R12 states (`status`), in a few queries for all of them; without
    `each_customer`, the states leave out the customers' parts."""
    ids = [r.id for r in records]
    batches = (
        session.scalars(select(InvoiceBatch).where(InvoiceBatch.id.in_(ids))).all() if ids else []
    )
    states = states_of(session, batches, each_customer=each_customer)
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
    records = with_states(session, list_batches(session, query), each_customer=False)
    if state is None:
        return records
    return [r for r in records if r.status is not None and state.matches(r.status)]
