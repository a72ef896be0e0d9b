"""R14: a card payment's fee. With a card fee percentage set, a payment by card brings a
`card_fee` debit memo of its amount × the percentage (half up; none below 0.01), dated the paid
date, unbatched, linked to the payment by `fee_for_id`; it follows its payment's changes while
its batch is open, and is never changed once that batch is locked."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.billing.batches import find_batch
from app.billing.errors import BatchPrinted
from app.billing.numbering import next_numbers
from app.billing.settings import CompanySettings, load_settings
from app.models import (
    CENT,
    ARTransaction,
    InvoiceBatch,
    MemoCategory,
    PaymentMethod,
    TransactionType,
)

HUNDRED = Decimal(100)


def card_fee(amount: Decimal, percent: Decimal) -> Decimal | None:
    """The fee on a card payment of `amount`, half up; None when it comes below 0.01."""
    fee = (amount * percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
    return fee if fee >= CENT else None


def fee_description(payment_number: str) -> str:
    return f"Card fee on payment {payment_number}"


def fee_memo_of(session: Session, payment_id: int) -> ARTransaction | None:
    return session.scalars(
        select(ARTransaction).where(
            ARTransaction.fee_for_id == payment_id,
            ARTransaction.type == TransactionType.DEBIT_MEMO,
        )
    ).one_or_none()


def refuse_if_fee_locked(session: Session, payment_id: int, doing: str) -> None:
    """Refuse changing or deleting a payment whose fee memo is in a locked batch."""
    memo = fee_memo_of(session, payment_id)
    if memo is None or memo.batch_id is None:
        return
    batch = session.get_one(InvoiceBatch, memo.batch_id)
    batch = find_batch(session, batch.number, for_update=True)
    if batch.locked_at is not None:
        raise BatchPrinted(
            f"Cannot {doing} this payment: its card fee {memo.number} is in invoice batch "
            f"{batch.number}, which is locked (approved, printed, sent or exported). "
            "Enter a credit or debit memo instead; it falls into the next batch."
        )


def _wanted_fee(payment: ARTransaction, settings: CompanySettings) -> Decimal | None:
    if payment.type != TransactionType.PAYMENT or payment.method != PaymentMethod.CARD:
        return None
    return card_fee(payment.amount, settings.card_fee_percent)


def keep_card_fee(session: Session, payment: ARTransaction) -> ARTransaction | None:
    """Make the payment's fee memo what the payment now asks for: created, changed (amount,
    date, customer) or deleted. Callers refuse first when the memo is locked."""
    settings = load_settings(session)
    fee = _wanted_fee(payment, settings)
    memo = fee_memo_of(session, payment.id)
    if fee is None:
        if memo is not None:
            session.delete(memo)
            session.flush()
        return None
    if memo is None:
        memo = ARTransaction(
            type=TransactionType.DEBIT_MEMO,
            number=next_numbers(session, settings, TransactionType.DEBIT_MEMO, 1)[0],
            tax=Decimal("0.00"),
            category=MemoCategory.CARD_FEE,
            fee_for_id=payment.id,
            batch_id=None,
        )
        session.add(memo)
    memo.customer_id = payment.customer_id
    memo.invoice_date = payment.due_date  # a payment's due date is its paid date
    memo.due_date = payment.due_date
    memo.amount = fee
    memo.description = fee_description(payment.number)
    session.flush()
    return memo


def delete_card_fee(session: Session, payment_id: int) -> None:
    """Delete the payment's fee memo, if it has one (callers refuse first when it is locked)."""
    session.execute(
        delete(ARTransaction)
        .where(
            ARTransaction.fee_for_id == payment_id,
            ARTransaction.type == TransactionType.DEBIT_MEMO,
        )
        .execution_options(synchronize_session="fetch")
    )


def add_card_fees(session: Session, payment_ids: Sequence[int]) -> int:
    """The fee memos of newly imported payments (those by card); how many were made."""
    if not payment_ids:
        return 0
    settings = load_settings(session)
    payments = session.execute(
        select(
            ARTransaction.id,
            ARTransaction.customer_id,
            ARTransaction.number,
            ARTransaction.due_date,
            ARTransaction.amount,
        )
        .where(
            ARTransaction.id.in_(list(payment_ids)),
            ARTransaction.type == TransactionType.PAYMENT,
            ARTransaction.method == PaymentMethod.CARD,
        )
        .order_by(ARTransaction.id)
    ).all()
    fees = [(row, card_fee(row.amount, settings.card_fee_percent)) for row in payments]
    charged = [(row, fee) for row, fee in fees if fee is not None]
    if not charged:
        return 0
    numbers = next_numbers(session, settings, TransactionType.DEBIT_MEMO, len(charged))
    session.execute(
        insert(ARTransaction),
        [
            {
                "customer_id": row.customer_id,
                "type": TransactionType.DEBIT_MEMO,
                "number": number,
                "invoice_date": row.due_date,
                "due_date": row.due_date,
                "amount": fee,
                "tax": Decimal("0.00"),
                "description": fee_description(row.number),
                "category": MemoCategory.CARD_FEE,
                "method": PaymentMethod.CHECK,
                "fee_for_id": row.id,
                "batch_id": None,
            }
            for (row, fee), number in zip(charged, numbers, strict=True)
        ],
    )
    return len(charged)
