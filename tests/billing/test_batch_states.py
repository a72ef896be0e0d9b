"""R12's derived states: paid amounts bounded by the next batch's close date, capped at the
invoice amount and never below zero, the payment and delivery states, the last sent time, and
the search by state. Exact cents, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchStateFilter, BatchStatus, DeliveryState, PaymentState
from app.models import Channel, Customer, DeliveryStatus, InvoiceBatch, StatementDelivery
from app.store import Database
from tests.billing.helpers import generate
from tests.factories import customer, transaction


def status_of(session: Session, number: int) -> BatchStatus:
    return billing.batch_status(session, billing.batch_row(session, number))


def paid_by_customer(session: Session, status: BatchStatus) -> dict[str, tuple[str, str]]:
    numbers = dict(session.execute(select(Customer.id, Customer.number)).all())
    return {
        numbers[c.customer_id]: (str(c.paid_amount), str(c.invoice_amount))
        for c in status.customers
    }


def two_months(db: Database) -> tuple[int, int]:
    """October and November batches of C1 (owes 110.00, pays part), C2 (overpays 20.00) and C3
    (a credit balance, then pays anyway)."""
    with db.transaction() as s:
        for number in ("C1", "C2", "C3"):
            customer(s, number)
        transaction(s, "C1", "invoice", "INV-1", "2026-10-02", "100.00", "10.00")
        transaction(s, "C2", "invoice", "INV-2", "2026-10-03", "20.00")
        transaction(s, "C3", "credit_memo", "CM-1", "2026-10-04", "15.00")
        october = generate(s, "2026-10-15").number
        transaction(s, "C1", "payment", "P-1", "2026-10-15", "7.00")  # on D: October's R8
        transaction(s, "C1", "payment", "P-2", "2026-10-20", "30.00")
        transaction(s, "C1", "payment", "P-3", "2026-11-15", "43.00")  # next close: counts
        transaction(s, "C1", "payment", "P-4", "2026-11-16", "5.00")  # after it: November's
        transaction(s, "C2", "payment", "P-5", "2026-10-25", "25.00")
        transaction(s, "C3", "payment", "P-6", "2026-10-26", "10.00")
        transaction(s, "C1", "invoice", "INV-3", "2026-11-01", "40.00")
        november = generate(s, "2026-11-15").number
    return october, november


def test_paid_amounts_are_bounded_capped_and_never_negative(db: Database) -> None:
    october, november = two_months(db)
    with db.read() as s:
        first, second = status_of(s, october), status_of(s, november)
        # C1 owes 110.00 - 7.00; pays 30.00 + 43.00 up to November's close; P-4 is November's.
        assert paid_by_customer(s, first) == {
            "C1": ("73.00", "103.00"),
            "C2": ("20.00", "20.00"),  # 25.00 paid, capped at what was owed
            "C3": ("0.00", "-15.00"),  # a credit balance: nothing counts as paid
        }
        assert paid_by_customer(s, second) == {"C1": ("5.00", "70.00")}  # no next batch
    assert (first.paid_amount, first.payment) == (Decimal("93.00"), PaymentState.PARTLY_PAID)
    assert (second.paid_amount, second.payment) == (Decimal("5.00"), PaymentState.PARTLY_PAID)


def test_payment_states(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "C1")
        customer(s, "C2")
        transaction(s, "C1", "invoice", "INV-1", "2026-10-02", "100.00", "0.01")
        transaction(s, "C2", "credit_memo", "CM-1", "2026-10-02", "5.00")
        number = generate(s, "2026-10-15").number
    with db.read() as s:
        status = status_of(s, number)
        assert (status.payment, status.paid_amount) == (PaymentState.UNPAID, Decimal("0.00"))
    with db.transaction() as s:
        transaction(s, "C1", "payment", "P-1", "2026-10-16", "100.00")
    with db.read() as s:
        status = status_of(s, number)
        assert (status.payment, status.paid_amount) == (
            PaymentState.PARTLY_PAID,
            Decimal("100.00"),
        )
    with db.transaction() as s:
        transaction(s, "C1", "payment", "P-2", "2026-12-31", "0.01")
    with db.read() as s:
        status = status_of(s, number)
        # C2 owes nothing, so C1 paying the last cent pays the batch.
        assert (status.payment, status.paid_amount) == (PaymentState.PAID, Decimal("100.01"))


def deliver(
    session: Session, batch: int, number: str, channel: Channel, status: DeliveryStatus, at: str
) -> None:
    batch_id = session.scalar(select(InvoiceBatch.id).where(InvoiceBatch.number == batch))
    customer_id = session.scalar(select(Customer.id).where(Customer.number == number))
    assert batch_id is not None
    assert customer_id is not None
    session.add(
        StatementDelivery(
            batch_id=batch_id,
            customer_id=customer_id,
            channel=channel,
            addresses="post" if channel == Channel.PRINT else f"{number}@example.com",
            status=status,
            at=dt.datetime.fromisoformat(at),
            sent_by="test",
            pdf=b"%PDF-1.4 test",
        )
    )
    billing.not_audited(session, "deliveries written by the test, as sending would")


def delivery_of(db: Database, number: int) -> tuple[DeliveryState, dt.datetime | None, str]:
    with db.read() as s:
        status = status_of(s, number)
        numbers = dict(s.execute(select(Customer.id, Customer.number)).all())
    sent = "".join(sorted(numbers[c.customer_id] for c in status.customers if c.sent))
    return status.delivery, status.last_sent, sent


def test_delivery_states_and_last_sent(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "A")  # print, the default
        customer(s, "B", delivery="email", email="b@example.com")
        customer(s, "C", delivery="both", email="c@example.com")
        for name in "ABC":
            transaction(s, name, "invoice", f"INV-{name}", "2026-10-02", "10.00")
        number = generate(s, "2026-10-15").number
    assert delivery_of(db, number) == (DeliveryState.NOT_SENT, None, "")
    with db.transaction() as s:
        deliver(s, number, "A", Channel.PRINT, DeliveryStatus.FAILED, "2026-10-16 09:00")
        deliver(s, number, "B", Channel.EMAIL, DeliveryStatus.UNKNOWN, "2026-10-16 09:01")
        deliver(s, number, "B", Channel.PRINT, DeliveryStatus.SENT, "2026-10-16 09:02")
    # B was posted, but B's channel is email: no customer is delivered yet.
    assert delivery_of(db, number) == (
        DeliveryState.PARTLY_SENT,
        dt.datetime(2026, 10, 16, 9, 2),
        "",
    )
    with db.transaction() as s:
        deliver(s, number, "A", Channel.PRINT, DeliveryStatus.SENT, "2026-10-16 10:00")
        deliver(s, number, "B", Channel.EMAIL, DeliveryStatus.SENT, "2026-10-16 10:05")
        deliver(s, number, "C", Channel.EMAIL, DeliveryStatus.SENT, "2026-10-16 10:10")
    # C is set to both: the email alone does not deliver C.
    assert delivery_of(db, number) == (
        DeliveryState.PARTLY_SENT,
        dt.datetime(2026, 10, 16, 10, 10),
        "AB",
    )
    with db.transaction() as s:
        deliver(s, number, "C", Channel.PRINT, DeliveryStatus.SENT, "2026-10-17 08:30")
        deliver(s, number, "A", Channel.PRINT, DeliveryStatus.FAILED, "2026-10-18 08:30")
    assert delivery_of(db, number) == (
        DeliveryState.SENT,
        dt.datetime(2026, 10, 17, 8, 30),  # a later failure is no sending
        "ABC",
    )


def test_search_by_state(db: Database) -> None:
    october, november = two_months(db)
    with db.transaction() as s:
        transaction(s, "C1", "payment", "P-9", "2026-11-20", "65.00")
        billing.approve_batch(s, november)
        deliver(s, october, "C1", Channel.PRINT, DeliveryStatus.SENT, "2026-10-16 09:00")

    def found(state: BatchStateFilter) -> list[int]:
        with db.read() as s:
            return [r.number for r in billing.find_batches(s, None, state)]

    assert found(BatchStateFilter.PAID) == [november]
    assert found(BatchStateFilter.PARTLY_PAID) == [october]
    assert found(BatchStateFilter.UNPAID) == []
    assert found(BatchStateFilter.APPROVED) == [november]
    assert found(BatchStateFilter.LOCKED) == [november]
    assert found(BatchStateFilter.OPEN) == [october]
    assert found(BatchStateFilter.PARTLY_SENT) == [october]
    assert found(BatchStateFilter.NOT_SENT) == [november]
    assert found(BatchStateFilter.SENT) == []
    with db.read() as s:
        listed = billing.find_batches(s)
    assert [(r.number, r.status is not None and r.status.approved) for r in listed] == [
        (november, True),
        (october, False),
    ]


@contextmanager
def statements_counted(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_the_list_costs_the_same_few_queries_for_any_number_of_batches(db: Database) -> None:
    def states_cost() -> int:
        with db.read() as s:
            batches = s.scalars(select(InvoiceBatch)).all()
            with statements_counted(db) as seen:
                billing.states_of(s, batches)
        return len(seen)

    two_months(db)
    few = states_cost()
    with db.transaction() as s:
        for month in (12, 1, 2, 3):
            year = 2026 if month == 12 else 2027
            transaction(s, "C2", "invoice", f"INV-M{month}", f"{year}-{month:02}-01", "10.00")
            generate(s, f"{year}-{month:02}-15")
    assert states_cost() == few <= 3
