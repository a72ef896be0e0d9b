"""R15: unbilled work becomes one invoice per customer, with a line per entry, taxed at the
customer's rate and due by the customer's terms; all or nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import billing
from app.billing import WorkInvoiceRequest, WorkQuery
from app.billing.lines import load_lines
from app.models import ARTransaction, AuditEntry, Counter, InvoiceLine, TransactionType, WorkEntry
from app.store import Database
from tests.billing.helpers import figures_of, generate, mark_printed
from tests.billing.work_world import INVOICE_DATE, build, work
from tests.factories import transaction


@pytest.fixture
def world(db: Database) -> Database:
    with db.transaction() as session:
        build(session)
    return db


def invoice(session: Session, **filters: object) -> list[billing.WorkInvoice]:
    query = WorkQuery(**filters)  # type: ignore[arg-type]
    return billing.invoice_work(session, WorkInvoiceRequest(INVOICE_DATE, query))


def preview(session: Session, **filters: object) -> dict[str, tuple[str, str, int]]:
    """customer: (amount, tax, lines) of each invoice the run would make."""
    query = WorkQuery(**filters)  # type: ignore[arg-type]
    planned = billing.preview_work_invoices(session, WorkInvoiceRequest(INVOICE_DATE, query))
    return {i.customer_number: (str(i.amount), str(i.tax), len(i.lines)) for i in planned}


def stored(session: Session) -> dict[str, tuple[str, str, str, dt.date]]:
    """number: (customer id as text, amount, tax, due date) of every invoice in the database."""
    rows = session.execute(
        select(ARTransaction).where(ARTransaction.type == TransactionType.INVOICE)
    ).scalars()
    return {t.number: (str(t.customer_id), str(t.amount), str(t.tax), t.due_date) for t in rows}


def test_line_arithmetic_rounds_half_up() -> None:
    assert billing.line_amount(Decimal("0.5"), Decimal("12.75")) == Decimal("6.38")
    assert billing.line_amount(Decimal("1.25"), Decimal("12.75")) == Decimal("15.94")
    assert billing.line_amount(Decimal("3"), Decimal("0.333")) == Decimal("1.00")
    assert billing.line_tax(Decimal("6.38"), True, Decimal("8.25")) == Decimal("0.53")
    assert billing.line_tax(Decimal("0.05"), True, Decimal("10")) == Decimal("0.01")
    assert billing.line_tax(Decimal("0.04"), True, Decimal("10")) == Decimal("0.00")
    assert billing.line_tax(Decimal("100.00"), False, Decimal("10")) == Decimal("0.00")


def test_one_invoice_per_customer_a_line_per_entry(world: Database) -> None:
    with world.transaction() as session:
        made = invoice(session)
    assert [(i.number, i.customer_number) for i in made] == [
        ("INV-00001", "C001"),
        ("INV-00002", "C002"),
        ("INV-00003", "C003"),
    ]
    with world.read() as session:
        invoices = {
            t.number: t
            for t in session.scalars(select(ARTransaction).order_by(ARTransaction.number))
        }
        # C001 at 8.25 %: 85.00 (7.01) + 0.5 × 12.75 = 6.38 (0.53) + chemicals 6.20 (not
        # taxable) + 85.00 (7.01); the non-billable hour stays out.
        first = invoices["INV-00001"]
        assert (first.amount, first.tax) == (Decimal("182.58"), Decimal("14.55"))
        assert (first.invoice_date, first.due_date) == (INVOICE_DATE, dt.date(2026, 12, 30))
        assert first.description == "Work 2026-10-28 to 2026-11-20"
        # C002 is exempt and pays in 10 days: 2 × 12.75 + 90.00 (its own rate).
        second = invoices["INV-00002"]
        assert (second.amount, second.tax) == (Decimal("115.50"), Decimal("0.00"))
        assert second.due_date == dt.date(2026, 12, 10)
        # C003 at 10 %: 1.25 × 12.75 = 15.9375 → 15.94, tax 1.594 → 1.59.
        third = invoices["INV-00003"]
        assert (third.amount, third.tax) == (Decimal("15.94"), Decimal("1.59"))
        lines = load_lines(session, [first.id, second.id, third.id])
        assert [(line.description, str(line.quantity), str(line.rate), str(line.amount),
                 line.taxable, str(line.tax), line.service_date)
                for line in lines[first.id]] == [
            ("Service visit", "1.00", "85.00", "85.00", True, "7.01", dt.date(2026, 10, 28)),
            ("Pump check", "0.50", "12.75", "6.38", True, "0.53", dt.date(2026, 11, 3)),
            ("Chemicals", "2.00", "3.10", "6.20", False, "0.00", dt.date(2026, 11, 10)),
            ("Service visit", "1.00", "85.00", "85.00", True, "7.01", dt.date(2026, 11, 20)),
        ]  # fmt: skip
        for tx in invoices.values():
            assert tx.amount == sum((line.amount for line in lines[tx.id]), Decimal(0))
            assert tx.tax == sum((line.tax for line in lines[tx.id]), Decimal(0))
        left = billing.list_work(session, WorkQuery(unbilled_only=True))
        assert left == []
        not_billable = billing.list_work(
            session, WorkQuery(worker="Ben", customer_numbers=("C001",))
        )
        assert [(w.work_date.isoformat(), w.invoice_number) for w in not_billable] == [
            ("2026-11-10", "INV-00001"),
            ("2026-11-12", None),
        ]
        entries = session.scalar(select(func.count()).where(WorkEntry.invoice_id.is_not(None)))
        assert entries == 7
        actions = session.scalars(
            select(AuditEntry.transaction_number).where(AuditEntry.action == "invoice_work")
        )
        assert sorted(a or "" for a in actions) == ["INV-00001", "INV-00002", "INV-00003"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"date_from": dt.date(2026, 11, 1), "date_to": dt.date(2026, 11, 30)},
            {"C001": ("97.58", "7.54", 3), "C002": ("115.50", "0.00", 2),
             "C003": ("15.94", "1.59", 1)},
        ),
        ({"service_type": "LAB"}, {"C001": ("6.38", "0.53", 1), "C002": ("25.50", "0.00", 1),
                                   "C003": ("15.94", "1.59", 1)}),
        ({"worker": "ANA"}, {"C001": ("176.38", "14.55", 3), "C002": ("90.00", "0.00", 1)}),
        ({"tag": "north"}, {"C002": ("115.50", "0.00", 2), "C003": ("15.94", "1.59", 1)}),
        ({"tag": "pools"}, {"C001": ("182.58", "14.55", 4), "C002": ("115.50", "0.00", 2)}),
        ({"customer_numbers": ("C003", "C002")},
         {"C002": ("115.50", "0.00", 2), "C003": ("15.94", "1.59", 1)}),
        ({"customer_numbers": ("C001",), "date_to": dt.date(2026, 11, 5)},
         {"C001": ("91.38", "7.54", 2)}),
    ],
)  # fmt: skip
def test_each_filter_narrows_the_run(
    world: Database, filters: dict[str, object], expected: dict[str, tuple[str, str, int]]
) -> None:
    with world.read() as session:
        assert preview(session, **filters) == expected
    with world.transaction() as session:
        made = invoice(session, **filters)
    assert {i.customer_number: (str(i.amount), str(i.tax), len(i.lines)) for i in made} == expected


def test_one_customer_first_then_the_rest(world: Database) -> None:
    with world.transaction() as session:
        assert [i.number for i in invoice(session, customer_numbers=("C002",))] == ["INV-00001"]
    with world.read() as session:
        groups = billing.unbilled_by_customer(session, WorkQuery())
        assert [(g.customer_number, g.entries, str(g.amount)) for g in groups] == [
            ("C001", 4, "182.58"),
            ("C003", 1, "15.94"),
        ]
    with world.transaction() as session:
        made = invoice(session)
    assert [(i.number, i.customer_number, str(i.amount)) for i in made] == [
        ("INV-00002", "C001", "182.58"),
        ("INV-00003", "C003", "15.94"),
    ]


def _counts(session: Session) -> tuple[int, ...]:
    """Transactions, lines, audit entries, invoiced work entries, and the invoice counter."""
    rows = [
        session.scalar(select(func.count()).select_from(model))
        for model in (ARTransaction, InvoiceLine, AuditEntry)
    ]
    rows.append(session.scalar(select(func.count()).where(WorkEntry.invoice_id.is_not(None))))
    rows.append(session.scalar(select(Counter.value).where(Counter.name == "invoice_number")))
    return tuple(row or 0 for row in rows)


def test_nothing_to_invoice_is_refused_and_changes_nothing(world: Database) -> None:
    with world.read() as session:
        before = _counts(session)
        assert preview(session, worker="Nobody") == {}
    with pytest.raises(billing.NothingToInclude) as refused, world.transaction() as session:
        invoice(session, worker="Nobody", customer_numbers=("C004",))
    assert str(refused.value) == (
        "There is no unbilled billable work for customer C004; worker Nobody. No invoice was made."
    )
    with world.read() as session:
        assert _counts(session) == before
    with world.transaction() as session:
        invoice(session)
    nothing = "no unbilled billable work\\. No invoice"
    with pytest.raises(billing.NothingToInclude, match=nothing), world.transaction() as session:
        invoice(session)
    with world.read() as session:
        after = _counts(session)
    assert after == (before[0] + 3, 7, before[2] + 3, 7, 3)


def test_numbers_skip_those_already_taken_and_follow_the_prefix(world: Database) -> None:
    with world.transaction() as session:
        transaction(session, "C004", "invoice", "INV-00002", "2026-11-01", "10.00")
    with world.transaction() as session:
        made = invoice(session, customer_numbers=("C001", "C002"))
    assert [i.number for i in made] == ["INV-00001", "INV-00003"]
    with world.transaction() as session:
        billing.set_setting(session, "invoice_prefix", "W-")
        assert [i.number for i in invoice(session)] == ["W-00004"]


def test_deleting_an_unbatched_work_invoice_returns_its_work(world: Database) -> None:
    with world.transaction() as session:
        invoice(session)
    with world.transaction() as session:
        tx_id = session.scalars(
            select(ARTransaction.id).where(ARTransaction.number == "INV-00002")
        ).one()
        billing.delete_transaction(session, tx_id)
    with world.read() as session:
        groups = billing.unbilled_by_customer(session, WorkQuery())
        assert [(g.customer_number, g.entries, str(g.amount)) for g in groups] == [
            ("C002", 2, "115.50")
        ]
        assert session.scalar(select(func.count()).select_from(InvoiceLine)) == 5
    with world.transaction() as session:
        assert [i.number for i in invoice(session)] == ["INV-00004"]


def test_a_work_invoice_falls_into_its_customers_batch(world: Database) -> None:
    with world.transaction() as session:
        transaction(session, "C001", "payment", "CHK-9", "2026-11-25", "50.00")
        invoice(session, customer_numbers=("C001",))
        batch = generate(session, "2026-11-30")
    with world.read() as session:
        figures = figures_of(session, batch.number, "C001")
    assert figures.as_dict() == {
        "former_amount": Decimal("0.00"),
        "payments": Decimal("50.00"),
        "carry_over": Decimal("-50.00"),
        "invoiced": Decimal("182.58"),
        "charges": Decimal("0.00"),
        "taxes": Decimal("14.55"),
        "invoice_amount": Decimal("147.13"),
    }


def test_printed_work_stays_invoiced(world: Database) -> None:
    with world.transaction() as session:
        invoice(session, customer_numbers=("C003",))
        batch = generate(session, "2026-11-30")
        mark_printed(session, batch.number)
    with world.transaction() as session:
        tx_id = session.scalars(select(ARTransaction.id)).one()
        with pytest.raises(billing.BatchPrinted):
            billing.delete_transaction(session, tx_id)
    with world.transaction() as session:
        entry = session.scalars(select(WorkEntry).where(WorkEntry.invoice_id.is_not(None))).one()
        entry.invoice_id = None
        with pytest.raises(billing.BatchPrinted, match="the work it billed stays invoiced"):
            session.flush()
    with world.read() as session:
        assert [
            w.invoice_number
            for w in billing.list_work(session, WorkQuery(customer_numbers=("C003",)))
        ] == ["INV-00001"]


def test_billed_and_non_billable_work(world: Database) -> None:
    with world.transaction() as session:
        invoice(session, customer_numbers=("C003",))
    with world.transaction() as session:
        billed = billing.list_work(session, WorkQuery(customer_numbers=("C003",)))[0]
        with pytest.raises(billing.InvalidInput, match="billed on invoice INV-00001"):
            billing.delete_work(session, billed.id)
        fresh = work(session, "C004", "2026-11-02", "LAB", "1", billable=False)
        assert fresh.amount == Decimal("12.75")
    with pytest.raises(billing.NothingToInclude), world.transaction() as session:
        invoice(session, customer_numbers=("C004",))


def test_work_changed_while_the_run_was_writing_is_not_billed_at_old_figures(
    world: Database,
) -> None:
    """What a second clerk's edit between the run's read and its claim looks like: the claim
    finds the entry no longer as it was read, and the whole run is undone."""

    def meanwhile(done: int, total: int, step: str) -> None:
        if step == "Marking the work invoiced":
            session.execute(
                update(WorkEntry)
                .where(WorkEntry.worker == "Cy")
                .values(quantity=Decimal("4"), amount=Decimal("51.00"))
            )

    request = WorkInvoiceRequest(INVOICE_DATE, WorkQuery())
    with pytest.raises(billing.WorkClaimedMeanwhile), world.transaction() as session:
        billing.invoice_work(session, request, meanwhile)
    with world.read() as session:
        assert session.scalar(select(func.count()).select_from(InvoiceLine)) == 0
