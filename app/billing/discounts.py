"""R14: a discount on an open batch: a `discount` credit memo without tax for one of its
customers, as a percentage of that customer's Invoiced in the batch or as an amount, put
straight into the batch."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.billing.audit import record
from app.billing.batches import find_customer, open_batch
from app.billing.errors import FieldProblem, InvalidInput
from app.billing.money import ZERO, from_cents
from app.billing.numbering import next_numbers
from app.billing.records import TransactionRecord
from app.billing.settings import load_settings, parse_percent
from app.billing.statement_sql import INVOICED, T, cents_sum
from app.billing.transactions import LARGEST_AMOUNT
from app.models import CENT, ARTransaction, MemoCategory, TransactionType

HUNDRED = Decimal(100)


def invoiced_in_batch(session: Session, batch_id: int, customer_id: int) -> Decimal | None:
    """R8's Invoiced of the customer in the batch; None when the customer is not in it."""
    row = session.execute(
        select(cents_sum(INVOICED), func.count()).where(
            T.batch_id == batch_id, T.customer_id == customer_id
        )
    ).one()
    return from_cents(int(row[0])) if int(row[1]) else None


def _checked_percent(percent: Decimal | str) -> Decimal:
    try:
        value = parse_percent(str(percent))
    except ValueError as error:
        raise InvalidInput([FieldProblem("percent", str(error))]) from None
    if value <= 0:
        raise InvalidInput([FieldProblem("percent", "must be greater than 0")])
    return value


def _checked_amount(amount: Decimal) -> Decimal:
    if not amount.is_finite() or amount != amount.quantize(CENT):
        raise InvalidInput([FieldProblem("amount", "has more than two decimals")])
    if amount < CENT:
        raise InvalidInput([FieldProblem("amount", "must be greater than 0")])
    if amount > LARGEST_AMOUNT:
        raise InvalidInput([FieldProblem("amount", f"must be at most {LARGEST_AMOUNT}")])
    return amount


def discount_amount(
    invoiced: Decimal, percent: Decimal | str | None, amount: Decimal | None
) -> tuple[Decimal, str]:
    """The discount's amount and the words that say how it was reached."""
    if (percent is None) == (amount is None):
        raise InvalidInput([FieldProblem("percent", "give either a percentage or an amount")])
    if amount is not None:
        return _checked_amount(amount), "Discount"
    rate = _checked_percent(percent or "")
    if invoiced <= ZERO:
        raise InvalidInput(
            [FieldProblem("percent", f"there is nothing invoiced to discount ({invoiced})")]
        )
    value = (invoiced * rate / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
    if value < CENT:
        raise InvalidInput([FieldProblem("percent", f"gives less than 0.01 of {invoiced}")])
    return value, f"Discount {format(rate, 'f')} % of {invoiced}"


def add_discount(
    session: Session,
    number: int,
    customer: str,
    percent: Decimal | str | None = None,
    amount: Decimal | None = None,
    description: str = "",
) -> TransactionRecord:
    """A discount credit memo for the customer, in open batch `number`; refused once the batch
    is locked, for a customer not in it, and by percentage when Invoiced is not positive."""
    batch = open_batch(session, number)
    found = find_customer(session, customer.strip())
    invoiced = invoiced_in_batch(session, batch.id, found.id)
    if invoiced is None:
        reason = f"customer {found.number} is not in invoice batch {batch.number}"
        raise InvalidInput([FieldProblem("customer", reason)])
    value, how = discount_amount(invoiced, percent, amount)
    settings = load_settings(session)
    memo = ARTransaction(
        customer_id=found.id,
        type=TransactionType.CREDIT_MEMO,
        number=next_numbers(session, settings, TransactionType.CREDIT_MEMO, 1)[0],
        invoice_date=batch.close_date,
        due_date=batch.close_date,
        amount=value,
        tax=ZERO,
        description=description.strip() or how,
        category=MemoCategory.DISCOUNT,
        batch_id=batch.id,
    )
    session.add(memo)
    session.flush()
    record(
        session,
        "discount",
        batch=batch.number,
        customer=found.number,
        transaction=memo.number,
        detail=f"{how}: credit memo {memo.number} of {value}",
    )
    return TransactionRecord.of(memo, found, batch)
