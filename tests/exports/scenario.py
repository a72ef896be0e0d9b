"""A small batch for the export tests: two customers, an invoice with lines, a credit memo and
a debit memo without, names that are not ASCII and texts that begin like a formula."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import GenerationRequest, LineDraft, TransactionDraft
from app.models import MemoCategory, TransactionType
from tests.factories import customer, transaction

CLOSE = dt.date(2026, 11, 15)
POLISH = "Łódź Müller & Søn"
FORMULA = '=HYPERLINK("http://x","y")'


def _memo(
    session: Session, who: str, kind: TransactionType, number: str, day: str, amount: str,
    tax: str, description: str, category: MemoCategory,
) -> None:  # fmt: skip
    billing.create_transaction(
        session,
        TransactionDraft(
            customer_number=who,
            type=kind,
            number=number,
            invoice_date=dt.date.fromisoformat(day),
            due_date=dt.date.fromisoformat(day) + dt.timedelta(days=30),
            amount=Decimal(amount),
            tax=Decimal(tax),
            description=description,
            category=category,
        ),
    )


def small_batch(session: Session) -> int:
    """Generate the batch of 15 Nov 2026 over the documents below; its number.

    C001 (10 % tax): INV-1001 with 2 × 50.00 taxed and 1 × 25.00 untaxed (125.00 + 10.00 tax),
    CM-17 return 20.00 + 2.00 tax. C002 (8 % tax): INV-1002 with 3 × 12.50 taxed (37.50 + 3.00
    tax), DM-5 freight 15.00. Invoiced 142.50, charges 15.00, taxes 11.00.
    """
    customer(session, "C001", name=POLISH, tax_rate=Decimal("10"))
    customer(session, "C002", name=FORMULA, tax_rate=Decimal("8"))
    day = dt.date(2026, 11, 2)
    transaction(
        session, "C001", "invoice", "INV-1001", "2026-11-03", due_date="2026-12-03",
        description="November work",
        lines=[
            LineDraft("Consulting, Łódź office", Decimal("2"), Decimal("50.00"), True, day),
            LineDraft("-Parts", Decimal("1"), Decimal("25.00"), False, day),
        ],
    )  # fmt: skip
    _memo(session, "C001", TransactionType.CREDIT_MEMO, "CM-17", "2026-11-10", "20.00", "2.00",
          "@Returned parts", MemoCategory.RETURN)  # fmt: skip
    transaction(
        session, "C002", "invoice", "INV-1002", "2026-11-04", due_date="2026-12-04",
        lines=[LineDraft("+Cables\tblue", Decimal("3"), Decimal("12.50"), True, None)],
    )  # fmt: skip
    _memo(session, "C002", TransactionType.DEBIT_MEMO, "DM-5", "2026-11-12", "15.00", "0.00",
          "Freight", MemoCategory.FREIGHT)  # fmt: skip
    return billing.generate_batch(session, GenerationRequest(CLOSE)).number
