"""The contracts the Contracts tests bill, entered through billing.

C001 Acme Tools (tax 10 %) and C002 Bergström Supplies (the company's tax, 0 %). A first run
through 2026-01-15 bills K-6, K-7 and K-8 (invoices INV-00001 for C001, INV-00002 for C002);
then K-8 is ended on 2026-03-31 and K-5's first period is skipped. Through 2026-03-31:
- K-1 (C001) bills three periods: 2026-01-31 – 2026-02-27, 2026-02-28 – 2026-03-30 and
  2026-03-31 – 2026-04-29, 100.00 + 10.00 tax each: one invoice of 300.00 + 30.00 tax;
- K-8 (C001) is credited 275 of its 365 days: 275.00 + 27.50 tax;
- the others are not ready: K-2 starts 2026-05-01, K-3 is inactive, K-4 (in arrears) has its
  period open until 2026-04-30, K-5 is skipped, K-6 is billed through 2026-12-31 and K-7
  ended on 2025-06-30.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app import billing
from app.billing import Billing, ContractDraft, RecurringRequest
from app.store import Database
from tests.factories import customer

THROUGH = dt.date(2026, 3, 31)
ARREARS = Billing.ARREARS
ENDED = dt.date(2025, 6, 30)
NOT_READY = {
    "K-2": "starts 2026-05-01",
    "K-3": "inactive",
    "K-4": "period open until 2026-04-30",
    "K-5": "skipped: Free first month",
    "K-6": "billed through 2026-12-31",
    "K-7": "ended 2025-06-30",
}


def contract(
    number: str,
    customer_number: str,
    name: str,
    amount: str,
    months: int,
    start: str,
    **fields: object,
) -> ContractDraft:
    return ContractDraft(
        number=number,
        customer_number=customer_number,
        name=name,
        amount=Decimal(amount),
        period_months=months,
        start_date=dt.date.fromisoformat(start),
        **fields,  # type: ignore[arg-type]
    )


def customers(db: Database) -> None:
    with db.transaction() as session:
        customer(session, "C001", name="Acme Tools", tax_rate=Decimal("10"))
        customer(session, "C002", name="Bergström Supplies")


def contracts(db: Database) -> None:
    """Every contract of the docstring, billed, ended and skipped as it says."""
    customers(db)
    with db.transaction() as session:
        for draft in (
            contract("K-1", "C001", "Managed support", "100.00", 1, "2026-01-31"),
            contract("K-2", "C002", "Hosting", "80.00", 1, "2026-05-01"),
            contract("K-3", "C002", "Old phone line", "25.00", 1, "2025-01-01", active=False),
            contract("K-4", "C002", "Offsite backup", "300.00", 3, "2026-02-01", billing=ARREARS),
            contract("K-5", "C002", "Printer care", "40.00", 1, "2026-03-01"),
            contract("K-6", "C002", "Yearly licence", "1200.00", 12, "2026-01-01"),
            contract("K-7", "C002", "Old maintenance", "60.00", 1, "2025-01-01", end_date=ENDED),
            contract("K-8", "C001", "Domain and mail", "365.00", 12, "2026-01-01"),
        ):
            billing.create_contract(session, draft)
    with db.transaction() as session:
        billing.bill_recurring(session, RecurringRequest(dt.date(2026, 1, 15)))
    with db.transaction() as session:
        billing.end_contract(session, "K-8", dt.date(2026, 3, 31))
        billing.skip_period(session, "K-5", dt.date(2026, 3, 1), "Free first month")
