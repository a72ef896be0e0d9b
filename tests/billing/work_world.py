"""A small company with billable work, made through billing itself: three customers with
different tax rates and terms, three service types, and November's work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import ServiceTypeDraft, WorkDraft
from tests.factories import customer

INVOICE_DATE = dt.date(2026, 11, 30)


def work(
    session: Session,
    customer_number: str,
    day: str,
    service_type: str,
    quantity: str,
    rate: str | None = None,
    worker: str = "",
    billable: bool = True,
    description: str = "",
) -> billing.WorkRecord:
    return billing.create_work(
        session,
        WorkDraft(
            customer_number=customer_number,
            work_date=dt.date.fromisoformat(day),
            service_type=service_type,
            quantity=Decimal(quantity),
            rate=None if rate is None else Decimal(rate),
            worker=worker,
            billable=billable,
            description=description,
        ),
    )


def build(session: Session) -> None:
    """C001 at the company's 8.25 % and 30 days; C002 exempt with 10 days' terms; C003 at
    10 %; C004 without work."""
    billing.set_setting(session, "tax_rate", "8.25")
    billing.set_setting(session, "terms_days", "30")
    customer(session, "C001", cutoff_day=30, tags="pools")
    customer(
        session, "C002", cutoff_day=30, tax_rate=Decimal("0"), terms_days=10, tags="pools;North"
    )
    customer(session, "C003", cutoff_day=30, tax_rate=Decimal("10"), tags="north")
    customer(session, "C004", cutoff_day=30)
    for code, name, rate, taxable in (
        ("LAB", "Labour", "12.75", True),
        ("CHEM", "Chemicals", "3.10", False),
        ("VISIT", "Service visit", "85.00", True),
    ):
        billing.create_service_type(session, ServiceTypeDraft(code, name, Decimal(rate), taxable))
    work(session, "C001", "2026-10-28", "VISIT", "1", worker="Ana")
    work(session, "C001", "2026-11-03", "LAB", "0.5", worker="Ana", description="Pump check")
    work(session, "C001", "2026-11-10", "CHEM", "2", worker="Ben")
    work(session, "C001", "2026-11-12", "LAB", "1", worker="Ben", billable=False)
    work(session, "C001", "2026-11-20", "VISIT", "1", worker="Ana")
    work(session, "C002", "2026-11-05", "LAB", "2", worker="Ben")
    work(session, "C002", "2026-11-06", "VISIT", "1", rate="90.00", worker="ana")
    work(session, "C003", "2026-11-15", "LAB", "1.25", worker="Cy")
