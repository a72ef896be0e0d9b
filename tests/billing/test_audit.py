"""R20: every change writes one audit entry in its own transaction; a refusal writes none; the
trail cannot be changed or deleted, whatever the code path."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import billing
from app.billing import AuditMissing, AuditQuery, AuditRecord, BillingError
from app.models import AuditEntry, Customer
from app.store import Database, sqlite_path
from tests.billing.helpers import count, day, generate, mark_printed
from tests.factories import customer, transaction
from tests.store.outside import run_outside

REFUSAL = "R20: the audit log is append-only: an entry is never changed or deleted"


def _trail(db: Database, query: AuditQuery | None = None) -> list[AuditRecord]:
    with db.read() as s:
        return billing.list_audit(s, query)


Entry = tuple[str, int | None, str | None, str | None, str]


def _entries(db: Database) -> list[Entry]:
    return [
        (e.action, e.batch_number, e.customer_number, e.transaction_number, e.detail)
        for e in _trail(db)
    ]


def _books(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "A", 15)
        customer(s, "B", 15)
        transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "100.00", tax="8.00")
        transaction(s, "A", "invoice", "INV-A2", "2027-03-02", "20.00")
        transaction(s, "B", "invoice", "INV-B1", "2027-03-03", "50.00")


def _new_entries(db: Database, action: Callable[[Session], object]) -> list[Entry]:
    """The entries `action` writes, run in one transaction of its own."""
    before = len(_trail(db))
    with db.transaction() as s:
        action(s)
    return _entries(db)[before:]


def test_records_name_who_made_them(db: Database) -> None:
    _books(db)
    entries = _trail(db)
    assert [e.action for e in entries] == ["customer_create"] * 2 + ["transaction_create"] * 3
    os_user = getpass.getuser()
    expected = os_user if sqlite_path(db.url) is not None else f"{os_user} (postgres)"
    assert {e.user for e in entries} == {expected}


def test_each_change_to_a_batch_writes_one_entry(db: Database) -> None:
    _books(db)
    assert _new_entries(db, lambda s: generate(s, "2027-03-15")) == [
        ("generate", 1, None, None, "3 transactions, close date 2027-03-15")
    ]
    assert _new_entries(db, lambda s: billing.remove_customer(s, 1, "B")) == [
        ("remove", 1, "B", None, "1 transactions")
    ]
    assert _new_entries(db, lambda s: billing.remove_transactions(s, 1, ["INV-A2"])) == [
        ("remove", 1, "A", "INV-A2", "INV-A2")
    ]
    assert _new_entries(db, lambda s: billing.add_customer(s, 1, "B")) == [
        ("add", 1, "B", None, "1 transactions")
    ]
    assert _new_entries(db, lambda s: billing.add_transactions(s, 1, ["INV-A2"])) == [
        ("add", 1, "A", "INV-A2", "INV-A2")
    ]
    assert _new_entries(db, lambda s: billing.set_description(s, 1, "March")) == [
        ("notes", 1, None, None, "description: March")
    ]
    assert _new_entries(db, lambda s: mark_printed(s, 1)) == [
        ("print", 1, None, None, "first print, kept as mailed")
    ]
    assert _new_entries(db, lambda s: mark_printed(s, 1)) == [("print", 1, None, None, "reprint 2")]
    assert _new_entries(
        db, lambda s: billing.create_manual_batch(s, day("2027-04-15"), "April")
    ) == [("batch_new", 2, None, None, "close date 2027-04-15")]
    assert _new_entries(db, lambda s: billing.delete_batch(s, 2)) == [
        ("delete", 2, None, None, "0 transactions released")
    ]


def test_an_opening_batch_writes_one_entry(db: Database) -> None:
    _books(db)
    assert _new_entries(db, lambda s: billing.create_opening_batch(s, day("2027-03-31"))) == [
        ("opening_batch", 1, None, None, "3 transactions up to 2027-03-31, marked printed")
    ]


def test_customers_transactions_and_settings_write_their_entries(db: Database) -> None:
    _books(db)
    with db.read() as s:
        a = billing.customer_by_number(s, "A")
        invoice = next(t for t in billing.list_transactions(s) if t.number == "INV-A2")
    draft = billing.CustomerDraft(
        number="A", name="Alpha Ltd", address1="A Main Street", city="Springfield", cutoff_day=15
    )
    assert _new_entries(db, lambda s: billing.update_customer(s, a.id, draft)) == [
        ("customer_update", None, "A", None, "name")
    ]
    changed = billing.TransactionDraft(
        "A", invoice.type, "INV-A2", invoice.invoice_date, invoice.due_date, invoice.amount
    )
    changed = billing.TransactionDraft(**{**changed.__dict__, "description": "Bolts"})
    assert _new_entries(db, lambda s: billing.update_transaction(s, invoice.id, changed)) == [
        ("transaction_update", None, "A", "INV-A2", "invoice 20.00 + tax 0.00, dated 2027-03-02")
    ]
    assert _new_entries(db, lambda s: billing.delete_transaction(s, invoice.id)) == [
        ("transaction_delete", None, "A", "INV-A2", "invoice 20.00 + tax 0.00, dated 2027-03-02")
    ]
    with db.transaction() as s:
        c = customer(s, "C", None)
    assert _new_entries(db, lambda s: billing.delete_customer(s, c.id)) == [
        ("customer_delete", None, "C", None, "Customer C")
    ]
    assert _new_entries(db, lambda s: billing.set_setting(s, "company_name", "Acme")) == [
        ("setting", None, None, None, "company_name = Acme")
    ]
    settings = billing.CompanySettings(company_name="Acme", phone="555-0100", footer="Thanks")
    assert _new_entries(db, lambda s: billing.save_settings(s, settings)) == [
        ("setting", None, None, None, "phone, footer")
    ]


def test_an_import_writes_one_entry(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    header = "number,name,address1,address2,city,region,postal_code,country,email,phone,cutoff_day"
    path.write_text(
        f"{header}\nC1,One,1 Main St,,Oslo,,,,,,1\nC2,Two,2 Main St,,Oslo,,,,,,2\n",
        encoding="utf-8",
    )
    assert _new_entries(db, lambda s: billing.import_customers(s, path)) == [
        ("import", None, None, None, "2 customers from customers.csv")
    ]


REFUSED: dict[str, Callable[[Session], object]] = {
    "nothing to generate": lambda s: generate(s, "2027-03-14"),
    "a printed batch": lambda s: billing.add_customer(s, 1, "B", override=True),
    "no such customer": lambda s: billing.remove_customer(s, 1, "Z"),
    "a bad setting": lambda s: billing.set_setting(s, "company_name", "  "),
}


@pytest.mark.parametrize("refusal", list(REFUSED))
def test_a_refused_action_writes_nothing(db: Database, refusal: str) -> None:
    _books(db)
    with db.transaction() as s:
        generate(s, "2027-03-15")
        mark_printed(s, 1)
    before = _entries(db)
    with pytest.raises(BillingError), db.transaction() as s:
        REFUSED[refusal](s)
    assert _entries(db) == before


def test_a_preview_writes_nothing(db: Database) -> None:
    _books(db)
    before = _entries(db)
    with db.transaction() as s:
        billing.preview_generation(s, billing.GenerationRequest(day("2027-03-15")))
    assert _entries(db) == before


def test_a_change_without_an_entry_is_refused(db: Database) -> None:
    with pytest.raises(AuditMissing), db.transaction() as s:
        s.add(Customer(number="X", name="Written past billing"))
    with db.read() as s:
        assert count(s, Customer) == 0


@pytest.mark.parametrize("sql", ["UPDATE audit_log SET detail = 'forged'", "DELETE FROM audit_log"])
def test_plain_sql_cannot_change_the_trail(db: Database, sql: str) -> None:
    _books(db)
    before = _entries(db)
    assert run_outside(db, sql) == REFUSAL
    assert _entries(db) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.execute(update(AuditEntry).values(detail="forged")),
        lambda s: s.execute(delete(AuditEntry)),
        lambda s: s.delete(s.get(AuditEntry, 1)),
        lambda s: setattr(s.get(AuditEntry, 1), "action", "forged"),
        lambda s: s.execute(text("DELETE FROM audit_log")),
    ],
    ids=["bulk update", "bulk delete", "orm delete", "orm change", "text"],
)
def test_no_route_through_the_application_changes_the_trail(
    db: Database, change: Callable[[Session], object]
) -> None:
    _books(db)
    before = _entries(db)
    with db.transaction() as s:
        billing.not_audited(s, "an attempt to forge the trail")
        with pytest.raises(IntegrityError, match="R20: the audit log is append-only"):
            _flushed(s, change)
    assert _entries(db) == before


def _flushed(session: Session, change: Callable[[Session], object]) -> None:
    change(session)
    session.flush()


def test_the_trail_is_filtered_in_the_database(db: Database) -> None:
    _books(db)
    with db.transaction() as s:
        generate(s, "2027-03-15")
    assert [e.action for e in _trail(db, AuditQuery(batch_number=1))] == ["generate"]
    customer_a = _trail(db, AuditQuery(customer_number="A"))
    assert [(e.action, e.transaction_number) for e in customer_a] == [
        ("customer_create", None),
        ("transaction_create", "INV-A1"),
        ("transaction_create", "INV-A2"),
    ]
    assert len(_trail(db, AuditQuery(action="transaction_create"))) == 3
    assert _trail(db, AuditQuery(user="nobody-here")) == []
    newest = _trail(db, AuditQuery(descending=True))[0]
    assert newest.action == "generate"
    with db.read() as s:
        assert billing.count_audit(s, AuditQuery(action="customer_create")) == 2
        assert billing.audit_users(s) == [getpass.getuser()]
