"""R19 on both engines: run-due walks the close dates after the one it last ran through (the
first time: after the latest batch, or D alone), makes a batch by R1–R4 only where something is
due, remembers D, optionally bills recurring charges first, and writes one audit entry a run."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import billing
from app.billing import ContractDraft, RunDueRequest, RunDueResult
from app.models import AuditEntry, Billing
from app.store import Database
from tests.billing.helpers import day, generate, numbers_in, unbatched
from tests.factories import customer, transaction


def run(db: Database, through: str, bill_recurring: bool = False) -> RunDueResult:
    with db.transaction() as session:
        return billing.run_due(session, RunDueRequest(day(through), bill_recurring))


def made(result: RunDueResult) -> list[tuple[int | None, str, int]]:
    """The batches a run made: number, close date and how many customers."""
    return [(b.number, b.close_date.isoformat(), b.customers) for b in result.batches]


def dates(first: str, last: str) -> tuple[dt.date, ...]:
    start, end = day(first), day(last)
    return tuple(start + dt.timedelta(days=n) for n in range((end - start).days + 1))


def totals(session: Session, number: int) -> tuple[str, str, str, str]:
    """A batch's R8 totals: former amount, invoiced, taxes, invoice amount."""
    figures = billing.batch_row(session, number).totals
    return (
        str(figures.former_amount),
        str(figures.invoiced),
        str(figures.taxes),
        str(figures.invoice_amount),
    )


def run_due_entries(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "run_due").order_by(AuditEntry.id)
        )
    )


def test_the_first_run_with_no_batch_yet_runs_d_alone(db: Database) -> None:
    with db.transaction() as session:
        customer(session, "C10", cutoff_day=10)
        customer(session, "C15", cutoff_day=15)
        transaction(session, "C10", "invoice", "I10", "2026-03-02", "100.00", "10.00")
        transaction(session, "C15", "invoice", "I15", "2026-03-03", "250.00", "25.00")
        transaction(session, "C15", "invoice", "I15-LATE", "2026-03-16", "40.00")
    result = run(db, "2026-03-15")
    assert result.dates == (day("2026-03-15"),)
    assert result.billed is None
    assert made(result) == [(1, "2026-03-15", 1)]
    with db.read() as session:
        assert numbers_in(session, 1) == ["I15"]
        assert totals(session, 1) == ("0.00", "250.00", "25.00", "275.00")
        # 10 Mar was never a date of this run: C10 waits for its next cutoff.
        assert unbatched(session) == ["I10", "I15-LATE"]
        assert billing.last_run_through(session) == day("2026-03-15")


@pytest.fixture
def february(db: Database) -> Database:
    """A batch closed on 31 Jan, then February's invoices for customers with many cutoff days
    (C20 has none; C07's invoice is dated after 7 Feb). The company's tax rate is 10 %."""
    with db.transaction() as session:
        billing.set_setting(session, "tax_rate", "10")
        for cutoff in (5, 7, 14, 20, 28, 29, 30, 31):
            customer(session, f"C{cutoff:02d}", cutoff_day=cutoff)
        transaction(session, "C31", "invoice", "J31", "2026-01-20", "50.00", "5.00")
        assert generate(session, "2026-01-31").number == 1
        for number, owner, dated, amount, tax in (
            ("F05", "C05", "2026-02-03", "105.00", "10.50"),
            ("F07", "C07", "2026-02-10", "7.00", "0.70"),
            ("F14", "C14", "2026-02-14", "14.00", "1.40"),
            ("F28", "C28", "2026-02-27", "28.00", "2.80"),
            ("F29", "C29", "2026-02-01", "29.00", "2.90"),
            ("F30", "C30", "2026-02-28", "30.00", "3.00"),
            ("F31", "C31", "2026-02-15", "31.00", "3.10"),
        ):
            transaction(session, owner, "invoice", number, dated, amount, tax)
        transaction(session, "C31", "credit_memo", "CM31", "2026-02-20", "5.00", "0.50")
    return db


def test_after_a_batch_it_looks_at_every_day_since_and_batches_where_something_is_due(
    february: Database,
) -> None:
    result = run(february, "2026-02-28")
    assert result.dates == dates("2026-02-01", "2026-02-28")
    # Cutoff days 28 to 31 all close on 28 Feb (R1); 7 and 20 Feb have nothing: no batch.
    assert made(result) == [(2, "2026-02-05", 1), (3, "2026-02-14", 1), (4, "2026-02-28", 4)]
    with february.read() as session:
        assert [b.number for b in billing.list_batches(session)] == [4, 3, 2, 1]
        assert numbers_in(session, 2) == ["F05"]
        assert numbers_in(session, 3) == ["F14"]
        assert numbers_in(session, 4) == ["CM31", "F28", "F29", "F30", "F31"]
        assert unbatched(session) == ["F07"]
        assert totals(session, 2) == ("0.00", "105.00", "10.50", "115.50")
        assert totals(session, 3) == ("0.00", "14.00", "1.40", "15.40")
        # C31 carries its January batch over: 55.00, then 31.00 − 5.00 and their taxes.
        assert totals(session, 4) == ("55.00", "113.00", "11.30", "179.30")


def test_a_second_run_with_the_same_date_does_nothing(february: Database) -> None:
    first = run(february, "2026-02-28")
    second = run(february, "2026-02-28")
    assert len(first.batches) == 3
    assert second.dates == ()
    assert second.batches == ()
    with february.read() as session:
        assert len(billing.list_batches(session)) == 4
        assert unbatched(session) == ["F07"]
        assert run_due_entries(session) == [
            "through 2026-02-28: 28 dates, batches 2, 3, 4",
            "through 2026-02-28: 0 dates, batches none",
        ]


def test_a_later_date_continues_from_the_day_after(february: Database) -> None:
    run(february, "2026-02-28")
    with february.transaction() as session:
        transaction(session, "C05", "invoice", "M05", "2026-03-02", "5.55", "0.56")
        transaction(session, "C20", "invoice", "M20", "2026-03-04", "20.00", "2.00")
    result = run(february, "2026-03-07")
    assert result.dates == dates("2026-03-01", "2026-03-07")
    # C07's February invoice waited for 7 Mar; C20's waits for 20 Mar.
    assert made(result) == [(5, "2026-03-05", 1), (6, "2026-03-07", 1)]
    with february.read() as session:
        assert numbers_in(session, 5) == ["M05"]
        assert numbers_in(session, 6) == ["F07"]
        assert totals(session, 5) == ("115.50", "5.55", "0.56", "121.61")
        assert totals(session, 6) == ("0.00", "7.00", "0.70", "7.70")
        assert unbatched(session) == ["M20"]
        assert billing.last_run_through(session) == day("2026-03-07")
        assert len(run_due_entries(session)) == 2


def test_month_ends_take_the_cutoff_days_past_them(db: Database) -> None:
    with db.transaction() as session:
        for cutoff in (29, 30, 31):
            customer(session, f"C{cutoff}", cutoff_day=cutoff)
            transaction(session, f"C{cutoff}", "invoice", f"A{cutoff}", "2026-04-10", "10.00")
            transaction(session, f"C{cutoff}", "invoice", f"M{cutoff}", "2026-05-10", "20.00")
    assert made(run(db, "2026-04-29")) == [(1, "2026-04-29", 1)]
    # 30 Apr is April's last day: it takes cutoff 30 and 31.
    assert made(run(db, "2026-04-30")) == [(2, "2026-04-30", 2)]
    # May has a 31st: the 29th, 30th and 31st close on their own days.
    result = run(db, "2026-05-31")
    assert result.dates == dates("2026-05-01", "2026-05-31")
    assert made(result) == [(3, "2026-05-29", 1), (4, "2026-05-30", 1), (5, "2026-05-31", 1)]
    with db.read() as session:
        assert numbers_in(session, 1) == ["A29"]
        assert numbers_in(session, 2) == ["A30", "A31"]
        assert [numbers_in(session, n) for n in (3, 4, 5)] == [["M29"], ["M30"], ["M31"]]
        assert totals(session, 2) == ("0.00", "20.00", "0.00", "20.00")


def test_a_leap_february_closes_the_29th_for_the_days_past_it(db: Database) -> None:
    with db.transaction() as session:
        for cutoff in (28, 29, 31):
            customer(session, f"C{cutoff}", cutoff_day=cutoff)
            transaction(session, f"C{cutoff}", "invoice", f"L{cutoff}", "2028-02-01", "1.00")
    assert made(run(db, "2028-02-28")) == [(1, "2028-02-28", 1)]
    assert made(run(db, "2028-02-29")) == [(2, "2028-02-29", 2)]
    with db.read() as session:
        assert numbers_in(session, 1) == ["L28"]
        assert numbers_in(session, 2) == ["L29", "L31"]


def test_billing_first_puts_a_recurring_invoice_dated_d_into_ds_batch(db: Database) -> None:
    with db.transaction() as session:
        billing.set_setting(session, "tax_rate", "10")
        customer(session, "C10", cutoff_day=10)
        customer(session, "C15", cutoff_day=15)
        for number, owner, amount in (("K10", "C10", "80.00"), ("K15", "C15", "100.00")):
            billing.create_contract(
                session,
                ContractDraft(
                    number=number,
                    customer_number=owner,
                    name="Support",
                    amount=Decimal(amount),
                    period_months=1,
                    start_date=day("2026-03-01"),
                ),
            )
    assert run(db, "2026-03-10").batches == ()  # nothing billed yet, nothing due
    result = run(db, "2026-03-15", bill_recurring=True)
    assert result.dates == dates("2026-03-11", "2026-03-15")
    assert result.billed is not None
    assert [
        (i.customer_number, i.number, str(i.amount), str(i.tax)) for i in result.billed.invoices
    ] == [
        ("C10", "INV-00001", "80.00", "8.00"),
        ("C15", "INV-00002", "100.00", "10.00"),
    ]
    assert made(result) == [(1, "2026-03-15", 1)]
    with db.read() as session:
        assert numbers_in(session, 1) == ["INV-00002"]
        assert totals(session, 1) == ("0.00", "100.00", "10.00", "110.00")
        # C10's invoice is dated 15 Mar, after its cutoff: it waits for 10 Apr.
        assert unbatched(session) == ["INV-00001"]
        assert run_due_entries(session) == [
            "through 2026-03-10: 1 dates, batches none",
            "through 2026-03-15: 5 dates, batches 1; billed 2 invoices, 0 credits",
        ]
    again = run(db, "2026-03-15", bill_recurring=True)
    assert again.billed is not None
    assert again.billed.empty
    assert again.batches == ()


def test_a_run_that_fails_part_way_leaves_no_trace(
    february: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R5: the batches already made, the billing and the date it ran through all go."""
    with february.transaction() as session:
        contract = ContractDraft(
            number="K05",
            customer_number="C05",
            name="Support",
            amount=Decimal("60.00"),
            period_months=1,
            start_date=day("2026-02-01"),
        )
        billing.create_contract(session, contract)
    made_so_far: list[dt.date] = []

    def second_fails(session: Session, request: billing.GenerationRequest) -> billing.BatchRecord:
        if made_so_far:
            raise RuntimeError("the power went out")
        record = billing.generate_batch(session, request)
        made_so_far.append(record.close_date)
        return record

    # The module, not the function of the same name that app.billing exports.
    monkeypatch.setattr(
        importlib.import_module("app.billing.run_due"), "generate_batch", second_fails
    )
    with pytest.raises(RuntimeError, match="power"):
        run(february, "2026-02-28", bill_recurring=True)
    assert made_so_far == [day("2026-02-05")]
    with february.read() as session:
        assert [b.number for b in billing.list_batches(session)] == [1]
        assert "INV-00001" not in unbatched(session)
        assert len(unbatched(session)) == 8
        assert billing.last_run_through(session) is None
        assert run_due_entries(session) == []
    monkeypatch.undo()
    result = run(february, "2026-02-28", bill_recurring=True)
    assert made(result) == [(2, "2026-02-05", 1), (3, "2026-02-14", 1), (4, "2026-02-28", 4)]
    with february.read() as session:
        assert numbers_in(session, 2) == ["F05"]
        # Billed through 28 Feb and dated so: after C05's cutoff, it waits for 5 Mar.
        assert unbatched(session) == ["F07", "INV-00001"]


def test_a_period_prorated_to_nothing_does_not_stop_the_scheduled_run(db: Database) -> None:
    with db.transaction() as session:
        customer(session, "C15", cutoff_day=15)
        customer(session, "C20", cutoff_day=20)
        for number, owner, amount, end in (
            ("K15", "C15", "100.00", None),
            ("K20", "C20", "0.01", "2026-03-01"),
        ):
            billing.create_contract(
                session,
                ContractDraft(
                    number=number,
                    customer_number=owner,
                    name="Support",
                    amount=Decimal(amount),
                    period_months=1,
                    start_date=day("2026-03-01"),
                    end_date=None if end is None else day(end),
                    billing=Billing.ARREARS,
                ),
            )
    result = run(db, "2026-04-15", bill_recurring=True)
    assert result.billed is not None
    assert [i.customer_number for i in result.billed.invoices] == ["C15"]
    assert [(line.contract, str(line.amount)) for line in result.billed.nothing_to_bill] == [
        ("K20", "0.00")
    ]
    assert made(result) == [(1, "2026-04-15", 1)]


def preview(db: Database, through: str) -> RunDueResult:
    # As the command line's dry run: its batch previews write and roll back a savepoint.
    with db.transaction() as session:
        return billing.preview_run_due(session, RunDueRequest(day(through)))


def test_the_preview_shows_the_run_and_changes_nothing(february: Database) -> None:
    shown = preview(february, "2026-02-28")
    assert shown.dates == dates("2026-02-01", "2026-02-28")
    assert made(shown) == [
        (None, "2026-02-05", 1),
        (None, "2026-02-14", 1),
        (None, "2026-02-28", 4),
    ]
    with february.read() as session:
        assert [b.number for b in billing.list_batches(session)] == [1]
        assert billing.last_run_through(session) is None
        assert run_due_entries(session) == []
    done = run(february, "2026-02-28")
    assert [(b.close_date, b.customers) for b in done.batches] == [
        (b.close_date, b.customers) for b in shown.batches
    ]


def test_the_preview_over_two_months_shows_only_the_batches_the_run_makes(
    february: Database,
) -> None:
    shown = preview(february, "2026-03-07")
    done = run(february, "2026-03-07")
    assert made(done) == [
        (2, "2026-02-05", 1),
        (3, "2026-02-14", 1),
        (4, "2026-02-28", 4),
        (5, "2026-03-07", 1),
    ]
    assert [(b.close_date, b.customers) for b in shown.batches] == [
        (b.close_date, b.customers) for b in done.batches
    ]
