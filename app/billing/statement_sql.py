"""The SQL pieces the statement math (R8) and aging (R17) are summed from: integer cents,
signed by type, and the customers of a batch."""

from __future__ import annotations

from sqlalchemy import BigInteger, ColumnElement, Select, case, func, select, type_coerce

from app.models import ARTransaction, InvoiceBatch, MemoCategory, TransactionType

T = ARTransaction
# Arithmetic on the raw cents, so literals are never bound through the Money type.
AMOUNT = type_coerce(T.amount, BigInteger)
TAX = type_coerce(T.tax, BigInteger)
RAISES = T.type.in_([TransactionType.INVOICE, TransactionType.DEBIT_MEMO])
SIGN = case((RAISES, 1), else_=-1)
SIGNED_TOTAL = SIGN * (AMOUNT + TAX)
INVOICED = case(
    (T.type == TransactionType.INVOICE, AMOUNT),
    (T.type == TransactionType.CREDIT_MEMO, -AMOUNT),
    else_=0,
)
CHARGES = case((T.type == TransactionType.DEBIT_MEMO, AMOUNT), else_=0)
SIGNED_TAX = SIGN * TAX
# R8's breakdowns (R14): discount credit memos, positive, and card fee debit memos.
DISCOUNTS = case(
    (
        (T.type == TransactionType.CREDIT_MEMO) & (T.category == MemoCategory.DISCOUNT),
        AMOUNT,
    ),
    else_=0,
)
CARD_FEES = case(
    ((T.type == TransactionType.DEBIT_MEMO) & (T.category == MemoCategory.CARD_FEE), AMOUNT),
    else_=0,
)


def cents_sum(expression: ColumnElement[int]) -> ColumnElement[int]:
    return func.coalesce(func.sum(expression), 0)


def member_ids(batch: InvoiceBatch, customer_ids: set[int] | None) -> Select[int]:
    """Customers with a transaction in the batch (and among `customer_ids`, when given)."""
    in_batch = select(T.customer_id).where(T.batch_id == batch.id)
    if customer_ids is not None:
        in_batch = in_batch.where(T.customer_id.in_(customer_ids))
    return in_batch.distinct()


def members_of(batch: InvoiceBatch, customer_ids: set[int] | None) -> ColumnElement[bool]:
    return T.customer_id.in_(member_ids(batch, customer_ids).scalar_subquery())
