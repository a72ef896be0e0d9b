"""R16 on both engines: what each run bills and credits, to the cent, and why the rest waits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import billing
from app.billing import ContractDraft, RecurringRequest, RecurringRun
from app.models import ARTransaction, AuditEntry, Billing, MemoCategory, TransactionType
from app.store import Database
from tests.billing.helpers import figures_of, generate, mark_printed
from tests.factories import customer


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def contract(
    session: Session,
    number: str,
    customer_number: str,
    name: str,
    amount: str,
    months: int,
    start: str,
    end: str | None = None,
    **options: object,
) -> billing.ContractRecord:
    draft = ContractDraft(
        number=number,
        customer_number=customer_number,
        name=name,
        amount=Decimal(amount),
        period_months=months,
        start_date=d(start),
        end_date=None if end is None else d(end),
        **options,  # type: ignore[arg-type]
    )
    return billing.create_contract(session, draft)


@pytest.fixture
def world(db: Database) -> Database:
    """C1 at the company's 10 % and 30 days; C2 exempt, 15 days."""
    with db.transaction() as session:
        billing.set_setting(session, "tax_rate", "10")
        customer(session, "C1", cutoff_day=31)
        customer(session, "C2", cutoff_day=31, tax_rate=Decimal("0"), terms_days=15)
        contract(session, "K1", "C1", "Pool care", "100.00", 1, "2026-01-31")
        contract(session, "K2", "C1", "Alarm monitoring", "300.00", 3, "2026-01-15")
        contract(
            session, "K3", "C2", "Mowing", "31.00", 1, "2026-03-01", "2026-04-15",
            billing=Billing.ARREARS, taxable=False,
        )  # fmt: skip
        contract(session, "K4", "C2", "Annual service", "1200.00", 12, "2026-07-01")
        contract(session, "K5", "C1", "Old plan", "10.00", 1, "2025-01-01", active=False)
        contract(session, "K6", "C2", "Snow", "50.00", 1, "2026-01-10", billing=Billing.ARREARS)
    return db


def bill(db: Database, through: str, per_contract: bool = False) -> RecurringRun:
    with db.transaction() as session:
        return billing.bill_recurring(session, RecurringRequest(d(through), per_contract))


def invoices_of(run: RecurringRun) -> list[tuple[object, ...]]:
    return [
        (i.number, i.customer_number, str(i.amount), str(i.tax), i.due_date.isoformat(),
         [(line.description, str(line.amount), str(line.tax)) for line in i.lines])
        for i in run.invoices
    ]  # fmt: skip


def reasons(run: RecurringRun) -> dict[str, str]:
    return {n.contract: n.reason for n in run.not_ready}


def test_a_year_of_runs(world: Database) -> None:
    first = bill(world, "2026-03-31")
    assert invoices_of(first) == [
        ("INV-00001", "C1", "600.00", "60.00", "2026-04-30", [
            ("Pool care 2026-01-31–2026-02-27", "100.00", "10.00"),
            ("Pool care 2026-02-28–2026-03-30", "100.00", "10.00"),
            ("Pool care 2026-03-31–2026-04-29", "100.00", "10.00"),
            ("Alarm monitoring 2026-01-15–2026-04-14", "300.00", "30.00"),
        ]),
        ("INV-00002", "C2", "131.00", "0.00", "2026-04-15", [
            ("Mowing 2026-03-01–2026-03-31", "31.00", "0.00"),
            ("Snow 2026-01-10–2026-02-09", "50.00", "0.00"),
            ("Snow 2026-02-10–2026-03-09", "50.00", "0.00"),
        ]),
    ]  # fmt: skip
    assert first.credits == ()
    assert reasons(first) == {"K4": "starts 2026-07-01", "K5": "inactive"}
    with world.transaction() as session:
        billing.end_contract(session, "K2", d("2026-05-20"))
    second = bill(world, "2026-06-30")
    assert invoices_of(second) == [
        ("INV-00003", "C1", "600.00", "60.00", "2026-07-30", [
            ("Pool care 2026-04-30–2026-05-30", "100.00", "10.00"),
            ("Pool care 2026-05-31–2026-06-29", "100.00", "10.00"),
            ("Pool care 2026-06-30–2026-07-30", "100.00", "10.00"),
            ("Alarm monitoring 2026-04-15–2026-07-14", "300.00", "30.00"),
        ]),
        ("INV-00004", "C2", "165.50", "0.00", "2026-07-15", [
            ("Mowing 2026-04-01–2026-04-15", "15.50", "0.00"),
            ("Snow 2026-03-10–2026-04-09", "50.00", "0.00"),
            ("Snow 2026-04-10–2026-05-09", "50.00", "0.00"),
            ("Snow 2026-05-10–2026-06-09", "50.00", "0.00"),
        ]),
    ]  # fmt: skip
    # 55 of the period's 91 days come after 20 May: 300.00 × 55 / 91 = 181.32, tax 18.13.
    assert [(c.number, c.contract, str(c.amount), str(c.tax), c.period_start.isoformat(),
             c.period_end.isoformat()) for c in second.credits] == [
        ("CM-00001", "K2", "181.32", "18.13", "2026-05-21", "2026-07-14"),
    ]  # fmt: skip
    third = bill(world, "2026-06-30")
    assert third.empty
    assert reasons(third) == {
        "K1": "billed through 2026-07-30",
        "K2": "ended 2026-05-20",
        "K3": "ended 2026-04-15",
        "K4": "starts 2026-07-01",
        "K5": "inactive",
        "K6": "period open until 2026-07-09",
    }
    with world.read() as session:
        memo = session.scalars(
            select(ARTransaction).where(ARTransaction.type == TransactionType.CREDIT_MEMO)
        ).one()
        assert (memo.amount, memo.tax, memo.category) == (
            Decimal("181.32"),
            Decimal("18.13"),
            MemoCategory.PART_PERIOD_CREDIT,
        )
        assert (memo.invoice_date, memo.due_date) == (d("2026-06-30"), d("2026-06-30"))
        audited = session.scalars(
            select(AuditEntry.transaction_number)
            .where(AuditEntry.action == "bill_recurring")
            .order_by(AuditEntry.id)
        )
        assert list(audited) == ["INV-00001", "INV-00002", "INV-00003", "INV-00004", "CM-00001"]


def test_one_invoice_per_contract(world: Database) -> None:
    run = bill(world, "2026-03-31", per_contract=True)
    made = [(i.number, i.customer_number, str(i.amount), i.lines[0].contract) for i in run.invoices]
    assert made == [
        ("INV-00001", "C1", "300.00", "K1"),
        ("INV-00002", "C1", "300.00", "K2"),
        ("INV-00003", "C2", "31.00", "K3"),
        ("INV-00004", "C2", "100.00", "K6"),
    ]  # fmt: skip
    assert run.invoices[0].description == "Pool care, contract K1"


def test_a_skipped_period_is_never_billed(world: Database) -> None:
    bill(world, "2026-03-31")
    with world.transaction() as session:
        billing.skip_period(session, "K1", d("2026-04-30"), "Pool closed for repairs")
    for start, why in (
        ("2026-03-31", "that period is already billed"),
        ("2026-04-30", "that period is already skipped"),
        ("2026-05-01", "no period of contract K1 starts on 2026-05-01"),
    ):
        with pytest.raises(billing.InvalidInput, match=why), world.transaction() as session:
            billing.skip_period(session, "K1", d(start), "again")
    with pytest.raises(billing.InvalidInput, match="reason"), world.transaction() as session:
        billing.skip_period(session, "K1", d("2026-05-31"), " ")
    run = bill(world, "2026-05-30")
    lines = [line.description for i in run.invoices for line in i.lines if line.contract == "K1"]
    assert lines == []
    assert reasons(run)["K1"] == "skipped: Pool closed for repairs"
    run = bill(world, "2026-05-31")
    lines = [line.description for i in run.invoices for line in i.lines if line.contract == "K1"]
    assert lines == ["Pool care 2026-05-31–2026-06-29"]


@pytest.mark.parametrize(
    ("method", "credit"),
    [("daily", ("181.32", "18.13")), ("monthly", ("100.00", "10.00")), ("none", None)],
)
def test_the_credit_follows_the_companys_method(
    world: Database, method: str, credit: tuple[str, str] | None
) -> None:
    with world.transaction() as session:
        billing.set_setting(session, "part_period_credit", method)
        billing.end_contract(session, "K2", d("2026-05-20"))
    bill(world, "2026-04-30")
    early = bill(world, "2026-05-19")
    assert early.credits == ()
    run = bill(world, "2026-05-20")
    assert [(str(c.amount), str(c.tax)) for c in run.credits] == ([credit] if credit else [])
    assert bill(world, "2026-12-31").credits == ()


def test_a_monthly_contract_under_the_monthly_method_is_not_credited(world: Database) -> None:
    with world.transaction() as session:
        billing.set_setting(session, "part_period_credit", "monthly")
        billing.end_contract(session, "K1", d("2026-03-15"))
    run = bill(world, "2026-03-31")
    assert run.credits == ()
    with world.transaction() as session:
        billing.set_setting(session, "part_period_credit", "daily")
    # Period 2026-02-28–2026-03-30 has 31 days, 15 after 15 March: 48.39, tax 4.84.
    credit = bill(world, "2026-03-31").credits
    assert [(c.contract, str(c.amount), str(c.tax)) for c in credit] == [("K1", "48.39", "4.84")]


def test_end_dates_inside_and_outside_billed_periods(world: Database) -> None:
    bill(world, "2026-03-31")
    before = "is before the period 2026-03-31"
    with pytest.raises(billing.InvalidInput, match=before), world.transaction() as session:
        billing.end_contract(session, "K1", d("2026-03-01"))
    with world.transaction() as session:
        billing.end_contract(session, "K1", d("2026-04-29"))  # the billed period's last day
        billing.end_contract(session, "K2", d("2026-12-31"))  # beyond every billed period
    run = bill(world, "2027-06-30")
    assert reasons(run)["K1"] == "ended 2026-04-29"
    k2 = [(line.period_start.isoformat(), line.period_end.isoformat())
          for i in run.invoices for line in i.lines if line.contract == "K2"]  # fmt: skip
    assert k2 == [
        ("2026-04-15", "2026-07-14"),
        ("2026-07-15", "2026-10-14"),
        ("2026-10-15", "2027-01-14"),
    ]
    # 31 Dec cuts the last of them, billed in this same run: 14 of its 92 days are unused,
    # 300.00 × 14 / 92 = 45.65, tax 4.57. Ending on a billed period's last day cuts nothing.
    assert [(c.contract, str(c.amount), str(c.tax), c.period_start.isoformat())
            for c in run.credits] == [("K2", "45.65", "4.57", "2027-01-01")]  # fmt: skip


def test_deleting_an_unbatched_recurring_invoice_makes_its_periods_due_again(
    world: Database,
) -> None:
    first = bill(world, "2026-03-31")
    with world.transaction() as session:
        tx_id = session.scalars(
            select(ARTransaction.id).where(ARTransaction.number == first.invoices[1].number)
        ).one()
        billing.delete_transaction(session, tx_id)
    again = bill(world, "2026-03-31")
    assert [(i.number, i.customer_number, str(i.amount)) for i in again.invoices] == [
        ("INV-00003", "C2", "131.00")
    ]


def test_a_recurring_invoice_in_its_batch_and_printed(world: Database) -> None:
    bill(world, "2026-03-31")
    with world.transaction() as session:
        batch = generate(session, "2026-03-31")
        assert figures_of(session, batch.number, "C1").as_dict() == {
            "former_amount": Decimal("0.00"),
            "payments": Decimal("0.00"),
            "carry_over": Decimal("0.00"),
            "invoiced": Decimal("600.00"),
            "charges": Decimal("0.00"),
            "taxes": Decimal("60.00"),
            "invoice_amount": Decimal("660.00"),
        }
        mark_printed(session, batch.number)
    with world.transaction() as session:
        tx_id = session.scalars(
            select(ARTransaction.id).where(ARTransaction.number == "INV-00001")
        ).one()
        with pytest.raises(billing.BatchPrinted):
            billing.delete_transaction(session, tx_id)
    assert bill(world, "2026-03-31").empty


def test_a_run_with_nothing_due_is_no_error(db: Database) -> None:
    with db.transaction() as session:
        customer(session, "C9")
        contract(session, "K9", "C9", "Later", "10.00", 1, "2030-01-01")
    run = bill(db, "2026-01-01")
    assert (run.empty, reasons(run)) == (True, {"K9": "starts 2030-01-01"})
    with db.read() as session:
        assert session.scalars(select(ARTransaction)).all() == []


def test_contracts_are_checked(world: Database) -> None:
    with pytest.raises(billing.InvalidInput) as refused, world.transaction() as session:
        contract(session, "K1", "C404", "", "0", 2, "2026-01-01", "2025-12-31")
    assert [str(p) for p in refused.value.problems] == [
        "name: is required",
        "amount: must be from 0.01 to 999999999.99",
        "period_months: must be 1, 3, 6 or 12 months",
        "end_date: is before the start date",
        "customer: there is no customer C404",
        "number: contract K1 already exists",
    ]
    bill(world, "2026-03-31")
    with world.transaction() as session:
        k1 = billing.get_contract(session, "K1")
        assert k1.billed_through == d("2026-04-29")
        with pytest.raises(billing.InvalidInput, match="cannot change once a period is billed"):
            billing.update_contract(session, k1.id, replace(k1.draft(), amount=Decimal("120")))
        with pytest.raises(billing.InUse):
            billing.delete_contract(session, k1.id)


def test_an_arrears_contract_cannot_end_inside_what_it_billed(world: Database) -> None:
    bill(world, "2026-03-31")  # Snow, in arrears from 10 Jan: billed to 9 Mar
    refused = "end it on or after 2026-03-09"
    with pytest.raises(billing.InvalidInput, match=refused), world.transaction() as session:
        billing.end_contract(session, "K6", d("2026-03-01"))
    with world.transaction() as session:
        billing.end_contract(session, "K6", d("2026-03-09"))


def test_a_credited_invoice_stays_while_its_credit_does(world: Database) -> None:
    with world.transaction() as session:
        billing.end_contract(session, "K2", d("2026-05-20"))
    run = bill(world, "2026-06-30")
    with world.transaction() as session:
        invoice_id, credit_id = (
            session.scalars(select(ARTransaction.id).where(ARTransaction.number == number)).one()
            for number in (run.invoices[0].number, run.credits[0].number)
        )
        with pytest.raises(billing.InUse, match="credit memo CM-00001 credits"):
            billing.delete_transaction(session, invoice_id)
        billing.delete_transaction(session, credit_id)
        billing.delete_transaction(session, invoice_id)
    again = bill(world, "2026-06-30")
    assert [(c.number, str(c.amount)) for c in again.credits] == [("CM-00002", "181.32")]
    assert bill(world, "2026-06-30").empty
