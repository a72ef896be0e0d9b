"""R16 as a property: over random contracts and random sequences of runs, every period from
start to end is billed exactly once, for what R16 says it comes to, and no credit exceeds what
was billed for its period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import billing
from app.billing import ContractDraft, RecurringRequest
from app.billing.periods import arrears_amount, due_indexes, last_index
from app.models import ARTransaction, Billing, ContractPeriod, InvoiceLine, PeriodState
from app.store import Database
from tests.factories import customer

FIRST = dt.date(2026, 1, 1)
FINAL = dt.date(2031, 12, 31)


@st.composite
def contract_terms(draw: st.DrawFn) -> ContractDraft:
    start = FIRST + dt.timedelta(days=draw(st.integers(0, 730)))
    ends = draw(st.booleans())
    end = start + dt.timedelta(days=draw(st.integers(0, 900))) if ends else None
    return ContractDraft(
        number="",
        customer_number="P",
        name="",
        amount=draw(st.decimals("0.01", "5000.00", places=2)),
        period_months=draw(st.sampled_from([1, 3, 6, 12])),
        start_date=start,
        end_date=end,
        taxable=draw(st.booleans()),
        billing=draw(st.sampled_from(list(Billing))),
    )


CONTRACTS = st.lists(contract_terms(), min_size=1, max_size=4)
RUNS = st.lists(
    st.tuples(st.integers(0, 1800).map(lambda n: FIRST + dt.timedelta(days=n)), st.booleans()),
    max_size=6,
)


def _check(session: Session, contracts: list[billing.ContractRecord]) -> None:
    for contract in contracts:
        terms = contract.terms
        last = last_index(terms)
        expected = range(last + 1) if last is not None else due_indexes(terms, FINAL)
        rows = session.scalars(
            select(ContractPeriod).where(ContractPeriod.contract_id == contract.id)
        ).all()
        assert sorted(r.period_index for r in rows) == list(expected)
        for row in rows:
            if row.state == PeriodState.SKIPPED:
                # Only a period whose days used round to nothing is done without an invoice.
                assert not terms.in_advance
                assert row.reason == "the days used come to 0.00"
                assert arrears_amount(terms, contract.amount, row.period_index)[0] == 0
                continue
            if terms.in_advance:
                assert row.amount == contract.amount
            else:
                assert (row.amount, row.period_end) == arrears_amount(
                    terms, contract.amount, row.period_index
                )
            if row.credit_id is not None:
                credit = session.get_one(ARTransaction, row.credit_id)
                assert terms.in_advance
                assert Decimal("0.01") <= credit.amount <= row.amount
        credited = [r for r in rows if r.credit_id is not None]
        assert len(credited) <= 1
    # Each billed period is one line, and each invoice is the sum of its lines.
    lines = session.scalar(select(func.count()).select_from(InvoiceLine))
    periods = session.scalar(select(func.count()).where(ContractPeriod.state == PeriodState.BILLED))
    assert lines == periods
    for invoice in session.scalars(select(ARTransaction).where(ARTransaction.type == "invoice")):
        sums = session.execute(
            select(func.sum(InvoiceLine.amount), func.sum(InvoiceLine.tax)).where(
                InvoiceLine.transaction_id == invoice.id
            )
        ).one()
        assert (invoice.amount, invoice.tax) == tuple(sums)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drafts=CONTRACTS, runs=RUNS)
def test_every_period_is_billed_once_and_credits_stay_within_it(
    db: Database, drafts: list[ContractDraft], runs: list[tuple[dt.date, bool]]
) -> None:
    with db.transaction() as session:
        example = session.begin_nested()  # every example starts from the same empty database
        try:
            billing.set_setting(session, "tax_rate", "7.5")
            customer(session, "P", None)
            contracts = [
                billing.create_contract(
                    session,
                    ContractDraft(**{**draft.__dict__, "number": f"K{n}", "name": f"Plan {n}"}),
                )
                for n, draft in enumerate(drafts)
            ]
            for through, per_contract in [*runs, (FINAL, False), (FINAL, True)]:
                billing.bill_recurring(session, RecurringRequest(through, per_contract))
            _check(session, contracts)
        finally:
            example.rollback()
