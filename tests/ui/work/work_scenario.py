"""The work the Unbilled Work tests invoice, entered through billing.

Unbilled and billable, by customer (before tax):
- C001 Acme Tools (tax 10 %, 14 days, tag north): 170.00 LABOR Ana 3 Nov, 45.00 TRIP Ana 10 Nov,
  127.50 LABOR Ben 20 Nov: 3 entries, 342.50 (tax 29.75: TRIP is not taxed);
- C002 Bergström Supplies (tax 8.25 %, the company's 30 days, tags north and vip): 360.00
  CONSULT Ben 5 Nov, 360.00 LABOR Ana 25 Nov at a rate of its own: 2 entries, 720.00;
- C003 Castellano Tiles (the company's tax, 0 %, tag south): 45.00 TRIP Ana 28 Oct, 85.00
  LABOR Ben 7 Nov: 2 entries, 130.00; and 170.00 LABOR on 12 Nov that is not billable.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import ServiceTypeDraft, WorkDraft
from app.store import Database
from tests.factories import customer


def service_types(session: Session) -> None:
    for code, name, rate, taxable in (
        ("CONSULT", "Consulting, per hour", "120.00", True),
        ("LABOR", "Labor, per hour", "85.00", True),
        ("TRIP", "Trip charge", "45.00", False),
    ):
        billing.create_service_type(session, ServiceTypeDraft(code, name, Decimal(rate), taxable))


def work(
    session: Session,
    number: str,
    day: str,
    code: str,
    quantity: str,
    worker: str = "",
    rate: str | None = None,
    billable: bool = True,
    description: str = "",
) -> billing.WorkRecord:
    return billing.create_work(
        session,
        WorkDraft(
            customer_number=number,
            work_date=dt.date.fromisoformat(day),
            service_type=code,
            quantity=Decimal(quantity),
            rate=None if rate is None else Decimal(rate),
            description=description,
            worker=worker,
            billable=billable,
        ),
    )


def november_work(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "C001", name="Acme Tools", tax_rate=Decimal("10"), terms_days=14, tags="north")
        customer(s, "C002", name="Bergström Supplies", tax_rate=Decimal("8.25"), tags="north;VIP")
        customer(s, "C003", name="Castellano Tiles", tags="south")
        service_types(s)
        work(s, "C001", "2026-11-03", "LABOR", "2", "Ana", description="Replace pump seal")
        work(s, "C001", "2026-11-10", "TRIP", "1", "Ana")
        work(s, "C001", "2026-11-20", "LABOR", "1.5", "Ben")
        work(s, "C002", "2026-11-05", "CONSULT", "3", "Ben")
        work(s, "C002", "2026-11-25", "LABOR", "4", "Ana", rate="90.00")
        work(s, "C003", "2026-10-28", "TRIP", "1", "Ana")
        work(s, "C003", "2026-11-07", "LABOR", "1", "Ben")
        work(s, "C003", "2026-11-12", "LABOR", "2", "Ben", billable=False)
