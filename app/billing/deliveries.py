"""R13: who gets a batch's statements by email and who by post, and every delivery recorded.

A delivery is written as `unknown`, with the exact PDF, before it is handed over (to the mail
server, the printer or a file), and set to `sent` or `failed` once the outcome is known; the
database lets it change only from `unknown`, and never deletes it. So a crash in between leaves
`unknown`, which is shown to the clerk and held back from later sends until resent explicitly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Enum,
    String,
    bindparam,
    exists,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from app.billing.approval import refuse_unless_approved
from app.billing.audit import operating_system_user, record_each, record_each_on
from app.billing.batches import find_batch, lock, now
from app.billing.errors import BillingError, ChangedWhilePrinting, NotFound
from app.billing.records import BatchStatement, CustomerStatement
from app.billing.statements import batch_statement
from app.models import (
    Channel,
    Customer,
    Delivery,
    DeliveryStatus,
    InvoiceBatch,
    StatementDelivery,
)

# A plain check, not RFC 5322 in full: something before one @, a dotted domain after it, no
# spaces, commas or angle brackets. The mail server may still refuse what passes.
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+$")


def email_addresses(field: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A customer's email field split on `;`: its valid addresses and its invalid ones."""
    parts = [part.strip() for part in field.split(";") if part.strip()]
    valid = tuple(part for part in parts if _ADDRESS.match(part))
    return valid, tuple(part for part in parts if not _ADDRESS.match(part))


class CannotSendKind(StrEnum):
    NO_ADDRESS = "no_address"
    INVALID_ADDRESS = "invalid_address"
    OUTCOME_UNKNOWN = "outcome_unknown"


@dataclass(frozen=True)
class CannotSend:
    """A customer's channel that this send leaves out, and why, in the clerk's words."""

    customer_number: str
    customer_name: str
    channel: Channel
    kind: CannotSendKind
    reason: str


@dataclass(frozen=True)
class EmailTo:
    """A statement to email now: the customer's section to every valid address."""

    statement: CustomerStatement
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class SendPlan:
    """What a send does (R13), worked out before anything goes out."""

    statement: BatchStatement
    email: tuple[EmailTo, ...]
    post: tuple[CustomerStatement, ...]
    cannot: tuple[CannotSend, ...]
    already_sent: tuple[tuple[str, Channel], ...]
    resend: str | None = None

    @property
    def batch_number(self) -> int:
        return self.statement.batch.number

    @property
    def reprint(self) -> bool:
        """The statements say "Reprint" when the batch was printed or sent before."""
        return self.statement.batch.printed

    @property
    def nothing_to_send(self) -> bool:
        return not self.email and not self.post

    @cached_property
    def customer_ids(self) -> dict[str, int]:
        """Each planned customer's row id by number: a send looks one up a message."""
        return {c.customer.number: c.customer.id for c in self.statement.customers}


@dataclass(frozen=True)
class DeliveryRecord:
    """One recorded delivery, as Batch Details and `batch deliveries` show it."""

    id: int
    customer_number: str
    customer_name: str
    channel: Channel
    addresses: str
    status: DeliveryStatus
    at: dt.datetime
    sent_by: str
    message_id: str
    error: str


class AlreadyDelivered(BillingError):
    """Another clerk sent (or is sending) this statement meanwhile; it is not sent twice."""


def _channels(delivery: Delivery) -> tuple[Channel, ...]:
    if delivery == Delivery.BOTH:
        return (Channel.PRINT, Channel.EMAIL)
    return (Channel(delivery.value),)


def _states(
    session: Session, batch_id: int, customer_ids: list[int] | None = None
) -> dict[tuple[int, Channel], set[DeliveryStatus]]:
    query = select(
        StatementDelivery.customer_id, StatementDelivery.channel, StatementDelivery.status
    ).where(StatementDelivery.batch_id == batch_id)
    if customer_ids is not None:
        query = query.where(StatementDelivery.customer_id.in_(customer_ids))
    rows = session.execute(query).all()
    states: dict[tuple[int, Channel], set[DeliveryStatus]] = {}
    for customer_id, channel, status in rows:
        states.setdefault((customer_id, Channel(channel)), set()).add(DeliveryStatus(status))
    return states


def _email_problem(customer: CustomerStatement) -> CannotSend | None:
    record_ = customer.customer
    valid, invalid = email_addresses(record_.email)
    if invalid:
        kind, reason = (
            CannotSendKind.INVALID_ADDRESS,
            (f"the email address {invalid[0]!r} is not valid; correct it on the customer"),
        )
    elif not valid:
        kind, reason = CannotSendKind.NO_ADDRESS, "has no email address; add one on the customer"
    else:
        return None
    return CannotSend(record_.number, record_.name, Channel.EMAIL, kind, reason)


def plan_sending(session: Session, number: int, *, resend: str | None = None) -> SendPlan:
    """Who gets the statement by email, who by post, and who cannot be sent and why. Without
    `resend` only channels not yet `sent` are planned, and one whose last outcome is unknown is
    held back; with it, only that customer, whatever went before. Changes nothing."""
    batch = find_batch(session, number)
    refuse_unless_approved(session, batch, "sent")
    statement = batch_statement(session, batch)
    if resend is not None and resend not in {c.customer.number for c in statement.customers}:
        raise NotFound(f"Customer {resend} is not in invoice batch {number}.")
    states = _states(session, batch.id)
    email: list[EmailTo] = []
    post: list[CustomerStatement] = []
    cannot: list[CannotSend] = []
    done: list[tuple[str, Channel]] = []
    for customer in statement.customers:
        record_ = customer.customer
        if resend is not None and record_.number != resend:
            continue
        for channel in _channels(record_.delivery):
            seen = states.get((record_.id, channel), set()) if resend is None else set()
            if DeliveryStatus.SENT in seen:
                done.append((record_.number, channel))
                continue
            if DeliveryStatus.UNKNOWN in seen:
                cannot.append(_unknown(customer, channel))
                continue
            if channel == Channel.PRINT:
                post.append(customer)
                continue
            problem = _email_problem(customer)
            if problem is not None:
                cannot.append(problem)
            else:
                email.append(EmailTo(customer, email_addresses(record_.email)[0]))
    return SendPlan(statement, tuple(email), tuple(post), tuple(cannot), tuple(done), resend)


def _unknown(customer: CustomerStatement, channel: Channel) -> CannotSend:
    what = "email" if channel == Channel.EMAIL else "print"
    return CannotSend(
        customer.customer.number,
        customer.customer.name,
        channel,
        CannotSendKind.OUTCOME_UNKNOWN,
        f"the last {what} was handed over and its outcome never recorded; check whether it "
        "arrived, and resend to this customer only if it did not",
    )


@dataclass(frozen=True)
class Handover:
    """One statement about to be handed over: to whom, how, and the exact PDF."""

    customer_number: str
    channel: Channel
    addresses: str
    pdf: bytes


_HELD_BATCH = (
    select(InvoiceBatch.id, InvoiceBatch.locked_at, InvoiceBatch.printed_at)
    .where(InvoiceBatch.number == bindparam("number"))
    .with_for_update()
)


def _held_batch(
    executor: Session | Connection, number: int
) -> tuple[int, dt.datetime | None, dt.datetime | None]:
    """The batch's row id, and when it was locked and first printed, holding its row until
    the transaction ends: every sender of a batch waits here for the one before it."""
    found = executor.execute(_HELD_BATCH, {"number": number}).one_or_none()
    if found is None:
        raise NotFound(f"There is no invoice batch {number}.")
    batch_id, locked_at, printed_at = found
    return batch_id, locked_at, printed_at


def _already(plan: SendPlan, handover: Handover) -> AlreadyDelivered:
    return AlreadyDelivered(
        f"Customer {handover.customer_number}'s statement of batch {plan.batch_number} was "
        f"sent by {handover.channel.value} by someone else meanwhile; it is not sent twice."
    )


def _handed_over(plan: SendPlan, handover: Handover) -> dict[str, Any]:
    what = f"email to {handover.addresses}" if handover.addresses else "print"
    return {
        "batch": plan.batch_number,
        "customer": handover.customer_number,
        "detail": f"{what}: handed over" + (" (resend)" if plan.resend else ""),
    }


def begin_deliveries(session: Session, plan: SendPlan, handovers: list[Handover]) -> list[int]:
    """Record each handover as `unknown` with its PDF, before it goes out; the first delivery
    of a batch counts as its first print (R9) and locks it (R12). Refused, changing nothing,
    when the batch changed since `plan` was made or a statement was sent meanwhile."""
    number = plan.batch_number
    with session.no_autoflush:
        batch_id, locked_at, printed_at = _held_batch(session, number)
        # Locked, it was approved or went out already: approval was asked for then (R12).
        batch = (
            None
            if locked_at is not None and printed_at is not None
            else find_batch(session, number)
        )
        if batch is not None and locked_at is None:
            refuse_unless_approved(session, batch, "sent")
            if batch_statement(session, batch) != plan.statement:
                raise ChangedWhilePrinting(
                    f"Invoice batch {number} changed while it was being sent; nothing more "
                    "was sent. Send it again."
                )
        # The plan's customers are the batch's: it is locked, or was just found unchanged.
        ids = plan.customer_ids
        missing = [h.customer_number for h in handovers if h.customer_number not in ids]
        if missing:
            raise NotFound(f"Customer {missing[0]} is not in invoice batch {number}.")
        states = _states(session, batch_id, [ids[h.customer_number] for h in handovers])
        for handover in handovers:
            seen = states.get((ids[handover.customer_number], handover.channel), set())
            if plan.resend is None and seen & {DeliveryStatus.SENT, DeliveryStatus.UNKNOWN}:
                raise _already(plan, handover)
        at = now()
        if batch is not None:
            if batch.printed_at is None:
                batch.printed_at = at
            lock(batch, at)
            session.flush()  # locked and printed before its first delivery, as R12 has it
        delivery_ids = list(
            session.scalars(
                insert(StatementDelivery).returning(
                    StatementDelivery.id, sort_by_parameter_order=True
                ),
                [
                    {
                        "batch_id": batch_id,
                        "customer_id": ids[handover.customer_number],
                        "channel": handover.channel,
                        "addresses": handover.addresses,
                        "status": DeliveryStatus.UNKNOWN,
                        "at": at,
                        "sent_by": operating_system_user(),
                        "message_id": "",
                        "error": "",
                        "pdf": handover.pdf,
                    }
                    for handover in handovers
                ],
            )
        )
    record_each(session, "send", [_handed_over(plan, h) for h in handovers])
    return delivery_ids


# A handover goes in only while no delivery of the same statement by the same channel is sent
# or unknown: the check and the row in one statement, read after the batch's row is held, so
# it sees every sender before this one.
_STILL_UNSENT = ~exists().where(
    StatementDelivery.batch_id == bindparam("p_batch_id"),
    StatementDelivery.customer_id == bindparam("p_customer_id"),
    StatementDelivery.channel == bindparam("p_channel"),
    # Sent or unknown, said as one value: a list of them is rendered afresh each time.
    StatementDelivery.status != DeliveryStatus.FAILED,
)
_HANDOVER_COLUMNS = (
    "batch_id", "customer_id", "channel", "addresses", "status", "at", "sent_by", "message_id",
    "error", "pdf",
)  # fmt: skip


def _typed(name: str) -> BindParameter[Any]:
    # Typed, so PostgreSQL reads each parameter as its column's type (an enumeration is text
    # here, as it is in the table).
    type_ = StatementDelivery.__table__.c[name].type
    return bindparam(f"p_{name}", type_=String() if isinstance(type_, Enum) else type_)


_HANDOVER_VALUES = select(*(_typed(name) for name in _HANDOVER_COLUMNS))
_HAND_OVER = (
    insert(StatementDelivery)
    .from_select(list(_HANDOVER_COLUMNS), _HANDOVER_VALUES.where(_STILL_UNSENT))
    .returning(StatementDelivery.id)
)
_HAND_OVER_AGAIN = (
    insert(StatementDelivery)
    .from_select(list(_HANDOVER_COLUMNS), _HANDOVER_VALUES)
    .returning(StatementDelivery.id)
)


def record_handover(
    connection: Connection, plan: SendPlan, handover: Handover, finished: Sequence[Outcome] = ()
) -> int:
    """A send's records for one message, in the transaction open on `connection`: the outcomes
    of the messages before it (as `finish_deliveries`), then its handover as `unknown` with its
    PDF (as `begin_deliveries`, refused alike). A send records this once a message, so it
    writes plain statements, four with the audit entries, once the batch is locked and
    printed, which its first delivery makes it for good; the first goes through
    `begin_deliveries` in a session on the same transaction."""
    entries = [_finished(connection, outcome) for outcome in finished]
    batch_id, locked_at, printed_at = _held_batch(connection, plan.batch_number)
    if locked_at is None or printed_at is None:
        record_each_on(connection, "send", entries)
        with Session(connection) as session, session.begin():
            [first] = begin_deliveries(session, plan, [handover])
        return first
    customer_id = plan.customer_ids.get(handover.customer_number)
    if customer_id is None:
        raise NotFound(
            f"Customer {handover.customer_number} is not in invoice batch {plan.batch_number}."
        )
    row = connection.execute(
        _HAND_OVER if plan.resend is None else _HAND_OVER_AGAIN,
        {
            "p_batch_id": batch_id,
            "p_customer_id": customer_id,
            "p_channel": handover.channel.value,
            "p_addresses": handover.addresses,
            "p_status": DeliveryStatus.UNKNOWN.value,
            "p_at": now(),
            "p_sent_by": operating_system_user(),
            "p_message_id": "",
            "p_error": "",
            "p_pdf": handover.pdf,
        },
    ).one_or_none()
    if row is None:
        raise _already(plan, handover)
    record_each_on(connection, "send", [*entries, _handed_over(plan, handover)])
    delivery_id: int = row[0]
    return delivery_id


@dataclass(frozen=True)
class Outcome:
    """What became of one handover: accepted (with the message id) or refused (and why)."""

    delivery_id: int
    sent: bool
    message_id: str = ""
    error: str = ""


_CUSTOMER_NUMBER = (
    select(Customer.number).where(Customer.id == StatementDelivery.customer_id).scalar_subquery()
)
_BATCH_NUMBER = (
    select(InvoiceBatch.number)
    .where(InvoiceBatch.id == StatementDelivery.batch_id)
    .scalar_subquery()
)
# The audit entry's names come back with the update (columns, not the row, which carries the
# PDF), so an outcome is one statement.
_FINISH = (
    update(StatementDelivery)
    .where(
        StatementDelivery.id == bindparam("p_id"),
        StatementDelivery.status == DeliveryStatus.UNKNOWN,
    )
    .values(
        status=bindparam("p_status"),
        message_id=bindparam("p_message_id"),
        error=bindparam("p_error"),
    )
    .returning(StatementDelivery.channel, _CUSTOMER_NUMBER, _BATCH_NUMBER)
    .execution_options(synchronize_session=False)
)


def _finished(executor: Session | Connection, outcome: Outcome) -> dict[str, Any]:
    """Set the outcome on its delivery; returns the audit entry saying so."""
    found = executor.execute(
        _FINISH,
        {
            "p_id": outcome.delivery_id,
            "p_status": DeliveryStatus.SENT if outcome.sent else DeliveryStatus.FAILED,
            "p_message_id": outcome.message_id,
            "p_error": outcome.error,
        },
    ).one_or_none()
    if found is None:
        raise BillingError(f"Delivery {outcome.delivery_id} has no outcome to record.")
    channel, customer_number, batch_number = found
    detail = f"sent {outcome.message_id}".rstrip() if outcome.sent else f"failed: {outcome.error}"
    return {
        "batch": batch_number,
        "customer": customer_number,
        "detail": f"{Channel(channel).value}: {detail}"[:500],
    }


def finish_deliveries(session: Session, outcomes: list[Outcome]) -> None:
    """Record the outcomes of handovers begun with `begin_deliveries`."""
    record_each(session, "send", [_finished(session, outcome) for outcome in outcomes])


def record_outcomes(connection: Connection, outcomes: Sequence[Outcome]) -> None:
    """As `finish_deliveries`, in the transaction open on a plain connection: the last
    outcomes of a send that records with `record_handover`."""
    record_each_on(connection, "send", [_finished(connection, outcome) for outcome in outcomes])


def list_deliveries(session: Session, number: int) -> tuple[DeliveryRecord, ...]:
    """Every delivery of the batch, by customer number, then oldest first. Reads columns, not
    the rows with their PDFs: Batch Details reads this on every refresh."""
    batch = find_batch(session, number)
    rows = session.execute(
        select(
            StatementDelivery.id,
            Customer.number,
            Customer.name,
            StatementDelivery.channel,
            StatementDelivery.addresses,
            StatementDelivery.status,
            StatementDelivery.at,
            StatementDelivery.sent_by,
            StatementDelivery.message_id,
            StatementDelivery.error,
        )
        .join(Customer, Customer.id == StatementDelivery.customer_id)
        .where(StatementDelivery.batch_id == batch.id)
        .order_by(Customer.number, StatementDelivery.id)
    ).all()
    return tuple(
        DeliveryRecord(
            id=id_,
            customer_number=customer_number,
            customer_name=name,
            channel=Channel(channel),
            addresses=addresses,
            status=DeliveryStatus(status),
            at=at,
            sent_by=sent_by,
            message_id=message_id,
            error=error,
        )
        for (
            id_,
            customer_number,
            name,
            channel,
            addresses,
            status,
            at,
            sent_by,
            message_id,
            error,
        ) in rows
    )


def delivered_pdf(session: Session, delivery_id: int) -> bytes:
    """The exact PDF bytes of one delivery, as they went out."""
    row = session.get(StatementDelivery, delivery_id)
    if row is None:
        raise NotFound(f"There is no delivery {delivery_id}.")
    return row.pdf
