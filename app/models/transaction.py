"""A/R transactions: the posted invoices, memos and payments of a customer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Money, text_enum
from app.models.batch import InvoiceBatch
from app.models.customer import Customer


class TransactionType(StrEnum):
    INVOICE = "invoice"
    CREDIT_MEMO = "credit_memo"
    DEBIT_MEMO = "debit_memo"
    PAYMENT = "payment"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def sign(self) -> int:
        """+1 when the type raises what the customer owes, -1 when it lowers it."""
        return 1 if self in (TransactionType.INVOICE, TransactionType.DEBIT_MEMO) else -1


TYPE_VALUES = ", ".join(f"'{t.value}'" for t in TransactionType)


class MemoCategory(StrEnum):
    """Why a memo was made (v2): credit memos' first, then debit memos'; `other` is both's."""

    DISCOUNT = "discount"
    RETURN = "return"
    GOODWILL = "goodwill"
    PART_PERIOD_CREDIT = "part_period_credit"
    FINANCE_CHARGE = "finance_charge"
    CARD_FEE = "card_fee"
    FREIGHT = "freight"
    OTHER = "other"


class PaymentMethod(StrEnum):
    CHECK = "check"
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    OTHER = "other"


CATEGORY_VALUES = ", ".join(f"'{c.value}'" for c in MemoCategory)
METHOD_VALUES = ", ".join(f"'{m.value}'" for m in PaymentMethod)


class ARTransaction(Base):
    __tablename__ = "ar_transactions"
    __table_args__ = (
        CheckConstraint(f"type IN ({TYPE_VALUES})", name="type"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("tax >= 0", name="tax_not_negative"),
        CheckConstraint("type <> 'payment' OR batch_id IS NULL", name="payment_not_batched"),
        CheckConstraint("length(number) > 0", name="number_not_empty"),
        CheckConstraint(f"category IN ({CATEGORY_VALUES})", name="category"),
        CheckConstraint(f"method IN ({METHOD_VALUES})", name="method"),
        Index("ix_ar_transactions_customer_type_date", "customer_id", "type", "invoice_date"),
        # A batch's rows by their batch, on SQLite only: on PostgreSQL no index names batch_id,
        # so that a claim updates its rows in place, on pages the table keeps half free
        # (revision 0012 says why and what it measured).
        Index("ix_ar_transactions_batch_id", "batch_id").ddl_if(dialect="sqlite"),
        # The partial indexes (unique document numbers, fee_for_id, the unbatched rows) are
        # declared in app/models/every_table.py, which says why.
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The single-column indexes let the A/R Transactions list sort 100,000 rows by any of its
    # columns and read only the first page (revision 0002); by customer through
    # ix_ar_transactions_customer_type_date, which leads with customer_id (0010: a claim writes
    # every index again for each row it takes, so none is kept twice).
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="RESTRICT"))
    type: Mapped[TransactionType] = mapped_column(text_enum(TransactionType, 12), index=True)
    number: Mapped[str] = mapped_column(String(30), index=True)
    invoice_date: Mapped[dt.date] = mapped_column(Date, index=True)
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    amount: Mapped[Decimal] = mapped_column(Money, index=True)
    tax: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # One column, so a transaction can never be in two batches: the schema itself says so.
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoice_batches.id", ondelete="SET NULL")
    )

    # A memo's category and a payment's method; the other types keep the defaults.
    category: Mapped[MemoCategory] = mapped_column(
        text_enum(MemoCategory, 20), default=MemoCategory.OTHER
    )
    method: Mapped[PaymentMethod] = mapped_column(
        text_enum(PaymentMethod, 15), default=PaymentMethod.CHECK
    )

    # A card fee memo's payment (R14); billing keeps it, with no foreign key (migration 0008).
    fee_for_id: Mapped[int | None] = mapped_column()

    customer: Mapped[Customer] = relationship(lazy="raise")
    batch: Mapped[InvoiceBatch | None] = relationship(lazy="raise")
