"""The frozen rows that billing hands to windows, reports and the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING

from app.billing.lines import LineRecord
from app.billing.money import ZERO
from app.models import (
    ARTransaction,
    BatchKind,
    Customer,
    Delivery,
    InvoiceBatch,
    MemoCategory,
    PaymentMethod,
    TransactionType,
)

if TYPE_CHECKING:
    from app.billing.batch_states import BatchStatus

# Countries whose post writes "City, Region Postal code"; an address without a country is
# taken as domestic to a US #10 envelope, the default standard.
CITY_REGION_POSTAL = {"", "us", "usa", "united states", "united states of america", "canada"}
POSTCODE_ON_ITS_OWN_LINE = {"uk", "united kingdom", "great britain", "england", "scotland", "wales"}


def city_lines(city: str, region: str, postal_code: str, country: str) -> tuple[str, ...]:
    """The city, region and postal code in the order the country's post reads them."""
    where = country.strip().lower()
    if where in CITY_REGION_POSTAL:
        place = ", ".join(p for p in (city, region) if p)
        return (" ".join(p for p in (place, postal_code) if p),)
    if where in POSTCODE_ON_ITS_OWN_LINE:
        return (", ".join(p for p in (city, region) if p), postal_code)
    place = " ".join(p for p in (postal_code, city) if p)
    return (", ".join(p for p in (place, region) if p),)


@dataclass(frozen=True)
class CustomerRecord:
    id: int
    number: str
    name: str
    address1: str
    address2: str
    city: str
    region: str
    postal_code: str
    country: str
    email: str
    phone: str
    cutoff_day: int | None
    active: bool
    notes: str
    tax_rate: Decimal | None = None
    terms_days: int | None = None
    delivery: Delivery = Delivery.PRINT
    tags: str = ""

    @classmethod
    def of(cls, customer: Customer) -> CustomerRecord:
        return cls(**{f.name: getattr(customer, f.name) for f in fields(cls)})

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The postal address as it is printed in an envelope window."""
        lines = (
            self.name,
            self.address1,
            self.address2,
            *city_lines(self.city, self.region, self.postal_code, self.country),
            self.country,
        )
        return tuple(line for line in lines if line)


@dataclass(frozen=True)
class TransactionRecord:
    id: int
    customer_id: int
    customer_number: str
    customer_name: str
    type: TransactionType
    number: str
    invoice_date: dt.date
    due_date: dt.date
    amount: Decimal
    tax: Decimal
    description: str
    batch_number: int | None
    batch_locked: bool
    # Its lines, where they were asked for: a single transaction (get, create, update) and a
    # statement while the report shows lines. The lists leave them out: () there says nothing.
    lines: tuple[LineRecord, ...] = ()
    # R14: a memo's category, a payment's method, and a card fee memo's payment.
    category: MemoCategory = MemoCategory.OTHER
    method: PaymentMethod = PaymentMethod.CHECK
    fee_for_id: int | None = None

    @classmethod
    def of(
        cls,
        tx: ARTransaction,
        customer: Customer,
        batch: InvoiceBatch | None,
        lines: tuple[LineRecord, ...] = (),
    ) -> TransactionRecord:
        return cls(
            id=tx.id,
            customer_id=tx.customer_id,
            customer_number=customer.number,
            customer_name=customer.name,
            type=TransactionType(tx.type),
            number=tx.number,
            invoice_date=tx.invoice_date,
            due_date=tx.due_date,
            amount=tx.amount,
            tax=tx.tax,
            description=tx.description,
            batch_number=batch.number if batch else None,
            batch_locked=bool(batch and batch.locked),
            lines=lines,
            category=MemoCategory(tx.category or MemoCategory.OTHER),
            method=PaymentMethod(tx.method or PaymentMethod.CHECK),
            fee_for_id=tx.fee_for_id,
        )

    @property
    def signed_amount(self) -> Decimal:
        return self.amount * self.type.sign

    @property
    def signed_tax(self) -> Decimal:
        return self.tax * self.type.sign

    @property
    def total(self) -> Decimal:
        """Net plus tax, signed by the type: what this record adds to the balance."""
        return self.signed_amount + self.signed_tax

    @property
    def read_only_reason(self) -> str | None:
        if self.batch_locked:
            return (
                f"It is in invoice batch {self.batch_number}, which is locked (approved, "
                "printed, sent or exported). "
                "Enter a credit or debit memo instead; it falls into the next batch."
            )
        return None


@dataclass(frozen=True)
class StatementFigures:
    """The summary fields of R8, named as the Invoice Batch Details form names them."""

    former_amount: Decimal = ZERO
    payments: Decimal = ZERO
    invoiced: Decimal = ZERO
    charges: Decimal = ZERO
    taxes: Decimal = ZERO
    # R8's two breakdowns, shown beside the figures and never added to them: the discount
    # credit memos (positive; Invoiced holds them negative) and the card fees (in Charges).
    discounts: Decimal = ZERO
    card_fees: Decimal = ZERO

    @property
    def carry_over(self) -> Decimal:
        return self.former_amount - self.payments

    @property
    def invoice_amount(self) -> Decimal:
        return self.carry_over + self.invoiced + self.charges + self.taxes

    def __add__(self, other: StatementFigures) -> StatementFigures:
        return StatementFigures(
            former_amount=self.former_amount + other.former_amount,
            payments=self.payments + other.payments,
            invoiced=self.invoiced + other.invoiced,
            charges=self.charges + other.charges,
            taxes=self.taxes + other.taxes,
            discounts=self.discounts + other.discounts,
            card_fees=self.card_fees + other.card_fees,
        )

    def as_dict(self) -> dict[str, Decimal]:
        return {
            "former_amount": self.former_amount,
            "payments": self.payments,
            "carry_over": self.carry_over,
            "invoiced": self.invoiced,
            "charges": self.charges,
            "taxes": self.taxes,
            "invoice_amount": self.invoice_amount,
        }


@dataclass(frozen=True)
class Aging:
    """R17: what is owed at the close date, by how many days past its due date it is."""

    current: Decimal = ZERO  # not past due; lowered by credit left over, so it can be negative
    days_1_30: Decimal = ZERO
    days_31_60: Decimal = ZERO
    days_61_90: Decimal = ZERO
    over_90: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        """The five buckets together: always R8's invoice amount."""
        return sum(self.as_dict().values(), ZERO)

    def __add__(self, other: Aging) -> Aging:
        return Aging(
            *(mine + theirs for mine, theirs in zip(self.cells(), other.cells(), strict=True))
        )

    def cells(self) -> tuple[Decimal, ...]:
        """The buckets from current to over 90 days."""
        return (self.current, self.days_1_30, self.days_31_60, self.days_61_90, self.over_90)

    def as_dict(self) -> dict[str, Decimal]:
        return dict(zip(AGING_KEYS, self.cells(), strict=True))


AGING_KEYS = ("current", "days_1_30", "days_31_60", "days_61_90", "over_90")


@dataclass(frozen=True)
class BatchRecord:
    id: int
    number: int
    close_date: dt.date
    description: str
    kind: BatchKind
    created_at: dt.datetime
    printed_at: dt.datetime | None
    print_count: int
    customer_count: int
    transaction_count: int
    totals: StatementFigures
    # R17 summed over the customers; None where it was not asked for: the Invoice Batches
    # list leaves it out to keep all its totals in two queries.
    aging: Aging | None = None
    # R12: the lock, the approval, and the clerk's notes.
    locked_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None
    approved_by: str | None = None
    notes: str = ""
    # R12's derived states (delivery, payment, ...); None where not asked for: see
    # billing.with_states.
    status: BatchStatus | None = None

    @classmethod
    def of(
        cls,
        batch: InvoiceBatch,
        customer_count: int,
        transaction_count: int,
        totals: StatementFigures,
        aging: Aging | None = None,
    ) -> BatchRecord:
        return cls(
            id=batch.id,
            number=batch.number,
            close_date=batch.close_date,
            description=batch.description,
            kind=batch.kind,
            created_at=batch.created_at,
            printed_at=batch.printed_at,
            print_count=batch.print_count,
            customer_count=customer_count,
            transaction_count=transaction_count,
            totals=totals,
            aging=aging,
            locked_at=batch.locked_at,
            approved_at=batch.approved_at,
            approved_by=batch.approved_by,
            notes=batch.notes,
        )

    @property
    def printed(self) -> bool:
        return self.printed_at is not None

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


@dataclass(frozen=True)
class CustomerStatement:
    """One customer's part of a batch: the figures, their aging, what is in the batch, and the
    payments."""

    customer: CustomerRecord
    figures: StatementFigures
    aging: Aging
    previous_close_date: dt.date | None
    transactions: tuple[TransactionRecord, ...]
    payments: tuple[TransactionRecord, ...]

    def summary(self) -> CustomerSummary:
        return CustomerSummary(
            self.customer, self.figures, self.aging, tuple(t.number for t in self.transactions)
        )


@dataclass(frozen=True)
class CustomerSummary:
    """One customer's part of a batch as the command line shows it: the figures, their aging
    and the numbers of its transactions in the batch, without the rows a statement lists."""

    customer: CustomerRecord
    figures: StatementFigures
    aging: Aging
    transactions: tuple[str, ...]


@dataclass(frozen=True)
class BatchSummary:
    """A whole batch as the command line shows it: its row, and one summary per customer."""

    batch: BatchRecord
    customers: tuple[CustomerSummary, ...]


@dataclass(frozen=True)
class BatchStatement:
    """A whole batch as the report prints it: its row, and one statement per customer."""

    batch: BatchRecord
    customers: tuple[CustomerStatement, ...]

    @property
    def totals(self) -> StatementFigures:
        return self.batch.totals

    @property
    def aging(self) -> Aging:
        """The batch's R17 totals (of the whole batch, as `totals`, when only some customers
        are here); the sum of these customers' buckets when the record came without them."""
        if self.batch.aging is not None:
            return self.batch.aging
        return sum((c.aging for c in self.customers), Aging())
