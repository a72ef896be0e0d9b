"""Work entries and service types: what the form and the imports accept, on both engines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import billing
from app.billing import ServiceTypeDraft, WorkDraft, WorkQuery
from app.models import ServiceType, WorkEntry
from app.store import Database
from tests.billing.work_world import INVOICE_DATE, build
from tests.store.outside import run_outside


@pytest.fixture
def world(db: Database) -> Database:
    with db.transaction() as session:
        build(session)
    return db


def refusal(db: Database, draft: WorkDraft) -> list[str]:
    with pytest.raises(billing.InvalidInput) as refused, db.transaction() as session:
        billing.create_work(session, draft)
    return [str(p) for p in refused.value.problems]


def draft(**changes: object) -> WorkDraft:
    values: dict[str, object] = {
        "customer_number": "C001",
        "work_date": dt.date(2026, 11, 2),
        "service_type": "LAB",
        "quantity": Decimal("1.5"),
    }
    values.update(changes)
    return WorkDraft(**values)  # type: ignore[arg-type]


def test_an_entry_takes_its_service_types_rate_unless_given(world: Database) -> None:
    with world.transaction() as session:
        typed = billing.create_work(session, draft())
        own = billing.create_work(session, draft(rate=Decimal("20.00"), worker="  Dee "))
    assert (typed.rate, typed.amount) == (Decimal("12.75"), Decimal("19.13"))
    assert (own.rate, own.amount, own.worker) == (Decimal("20.00"), Decimal("30.00"), "Dee")


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"quantity": Decimal("0")}, ["quantity: must be from 0.01 to 9999999.99"]),
        ({"quantity": Decimal("1.005")}, ["quantity: has more than two decimals"]),
        ({"rate": Decimal("-1.00")}, ["rate: must be from 0 to 999999999.99"]),
        ({"customer_number": "C999"}, ["customer: there is no customer C999"]),
        ({"service_type": "NOPE"}, ["service_type: there is no service type NOPE"]),
        ({"customer_number": " ", "service_type": ""},
         ["customer: is required", "service_type: is required"]),
    ],
)  # fmt: skip
def test_bad_entries_are_refused_field_by_field(
    world: Database, changes: dict[str, object], problems: list[str]
) -> None:
    assert refusal(world, draft(**changes)) == problems


def test_service_types_are_checked_and_kept_while_used(world: Database) -> None:
    with pytest.raises(billing.InvalidInput) as refused, world.transaction() as session:
        billing.create_service_type(session, ServiceTypeDraft(" LAB ", "Again", Decimal("1.00")))
    assert [str(p) for p in refused.value.problems] == ["code: service type LAB already exists"]
    with world.transaction() as session:
        lab = next(s for s in billing.list_service_types(session) if s.code == "LAB")
        with pytest.raises(billing.InUse):
            billing.delete_service_type(session, lab.id)
        spare = billing.create_service_type(session, ServiceTypeDraft("X", "Spare", Decimal("1")))
        billing.delete_service_type(session, spare.id)
        assert [s.code for s in billing.list_service_types(session)] == ["CHEM", "LAB", "VISIT"]


def test_the_database_keeps_printed_work_invoiced(world: Database) -> None:
    """Raw SQL from another program cannot return printed work to unbilled (R7)."""
    with world.transaction() as session:
        billing.invoice_work(session, billing.WorkInvoiceRequest(INVOICE_DATE))
        batch = billing.generate_batch(session, billing.GenerationRequest(INVOICE_DATE))
        job = billing.begin_print(session, batch.number)
        billing.record_print(session, job, b"%PDF-1.4 test")
    for sql in (
        "UPDATE work_entries SET invoice_id = NULL",
        "DELETE FROM work_entries WHERE invoice_id IS NOT NULL",
        "DELETE FROM invoice_lines",
        "UPDATE invoice_lines SET amount = amount + 1",
    ):
        refused = run_outside(world, sql)
        assert refused is not None, sql
        assert "R7: invoice batch" in refused, sql
    assert run_outside(world, "UPDATE work_entries SET worker = 'Zed' WHERE billable") is None


WORK_HEADER = "customer,date,service_type,description,worker,quantity,rate,billable\n"


def test_import_work_and_service_types(world: Database, tmp_path: Path) -> None:
    types = tmp_path / "types.csv"
    types.write_text("code,name,rate,taxable\nFILT,Filter clean,45.50,no\n", encoding="utf-8")
    entries = tmp_path / "work.csv"
    entries.write_text(
        WORK_HEADER
        + "C004,2026-11-03,FILT,Sand filter,Ana,1,,\n"
        + 'C004,2026-11-04,LAB,"Leak, found",Ben,2.5,14.00,yes\n'
        + "C004,2026-11-05,LAB,Travel,Ben,1,,no\n",
        encoding="utf-8",
    )
    with world.transaction() as session:
        assert billing.IMPORTERS["service-types"](session, types).rows == 1
        assert billing.IMPORTERS["work"](session, entries).rows == 3
    with world.read() as session:
        rows = billing.list_work(session, WorkQuery(customer_numbers=("C004",)))
        assert [(r.service_type, r.description, str(r.rate), str(r.amount), r.billable)
                for r in rows] == [
            ("FILT", "Sand filter", "45.50", "45.50", True),
            ("LAB", "Leak, found", "14.00", "35.00", True),
            ("LAB", "Travel", "12.75", "12.75", False),
        ]  # fmt: skip
        filt = session.scalars(select(ServiceType).where(ServiceType.code == "FILT")).one()
        assert (filt.name, filt.rate, filt.taxable) == ("Filter clean", Decimal("45.50"), False)


def test_a_work_file_with_bad_rows_adds_nothing(world: Database, tmp_path: Path) -> None:
    entries = tmp_path / "work.csv"
    entries.write_text(
        WORK_HEADER
        + "C004,2026-11-03,LAB,Fine,Ana,1,,\n"
        + "C004,2026-11-31,LAB,Bad day,Ana,1,,\n"
        + "C004,2026-11-04,LAB,Bad quantity,Ana,1.234,,\n"
        + "C999,2026-11-04,NONE,Unknown both,Ana,1,,maybe\n"
        + "C004,2026-11-04,LAB,Fine too,Ana,1,,\n",
        encoding="utf-8",
    )
    with world.read() as session:
        before = session.scalar(select(func.count()).select_from(WorkEntry))
    with pytest.raises(billing.InvalidInput) as refused, world.transaction() as session:
        billing.IMPORTERS["work"](session, entries)
    assert [str(p) for p in refused.value.problems] == [
        "line 3, date: '2026-11-31' is not a date (there is no such day)",
        "line 4, quantity: '1.234' has more than two decimals",
        "line 5, billable: 'maybe' is not yes or no",
    ]
    entries.write_text(
        WORK_HEADER + "C004,2026-11-03,LAB,Fine,Ana,1,,\nC999,2026-11-04,NONE,x,Ana,1,,\n",
        encoding="utf-8",
    )
    with pytest.raises(billing.InvalidInput) as refused, world.transaction() as session:
        billing.IMPORTERS["work"](session, entries)
    assert [str(p) for p in refused.value.problems] == [
        "line 3, customer: there is no customer C999",
        "line 3, service_type: there is no service type NONE",
    ]
    with world.read() as session:
        assert session.scalar(select(func.count()).select_from(WorkEntry)) == before


def test_a_service_type_file_with_a_bad_row_adds_nothing(world: Database, tmp_path: Path) -> None:
    types = tmp_path / "types.csv"
    types.write_text(
        "code,name,rate,taxable\nA,Alpha,1.00,yes\nLAB,Again,2.00,no\nB,,1.5x,\nA,Alpha 2,1,\n",
        encoding="utf-8",
    )
    with pytest.raises(billing.InvalidInput) as refused, world.transaction() as session:
        billing.IMPORTERS["service-types"](session, types)
    assert [str(p) for p in refused.value.problems] == [
        "line 3, code: service type LAB already exists",
        "line 4, rate: '1.5x' is not an amount (use digits and a dot, like 1250.00)",
        "line 5, code: A is also on line 2",
    ]
    with world.read() as session:
        assert [s.code for s in billing.list_service_types(session)] == ["CHEM", "LAB", "VISIT"]
