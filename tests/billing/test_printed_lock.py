"""R7: a printed batch and its transactions are read-only, in billing and in the database itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchPrinted, TransactionDraft
from app.billing.batches import claim, release
from app.models import ARTransaction, InvoiceBatch, OriginalPrint, TransactionType
from app.store import Database, sqlite_path
from tests.billing.helpers import day, generate, mark_printed, numbers_in
from tests.factories import customer, transaction
from tests.store.test_batch_locks import BATCH_KEPT, ORIGINAL_KEPT, TRANSACTIONS_KEPT


def _printed_batch(db: Database) -> int:
    with db.transaction() as s:
        customer(s, "A", 15)
        customer(s, "B", 15)
        transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "100.00")
        transaction(s, "B", "invoice", "INV-B1", "2027-03-02", "50.00")
        transaction(s, "A", "invoice", "INV-A2", "2027-03-20", "7.00")
        number = billing.create_manual_batch(s, day("2027-03-15"), "Manual").number
        billing.add_customer(s, number, "A")
        mark_printed(s, number)
    return number


def _tx_id(s: Session, number: str) -> int:
    return s.scalars(select(ARTransaction.id).where(ARTransaction.number == number)).one()


def _edit_amount(s: Session, number: str, amount: str) -> None:
    record = billing.get_transaction(s, _tx_id(s, number))
    draft = TransactionDraft(
        customer_number=record.customer_number,
        type=record.type,
        number=record.number,
        invoice_date=record.invoice_date,
        due_date=record.due_date,
        amount=Decimal(amount),
    )
    billing.update_transaction(s, record.id, draft)


REFUSED_ACTIONS: dict[str, Callable[[Session, int], object]] = {
    "add customer": lambda s, n: billing.add_customer(s, n, "B", override=True),
    "add transactions": lambda s, n: billing.add_transactions(s, n, ["INV-A2"]),
    "remove customer": lambda s, n: billing.remove_customer(s, n, "A"),
    "remove transactions": lambda s, n: billing.remove_transactions(s, n, ["INV-A1"]),
    "delete": billing.delete_batch,
    "edit transaction": lambda s, _: _edit_amount(s, "INV-A1", "1.00"),
    "delete transaction": lambda s, _: billing.delete_transaction(s, _tx_id(s, "INV-A1")),
}


@pytest.mark.parametrize("action", list(REFUSED_ACTIONS))
def test_printed_batch_refuses_every_change(db: Database, action: str) -> None:
    number = _printed_batch(db)
    with pytest.raises(BatchPrinted) as refused, db.transaction() as s:
        REFUSED_ACTIONS[action](s, number)
    assert f"Invoice batch {number} was printed on " in str(refused.value)
    assert str(refused.value).endswith(
        "is read-only. Enter a credit or debit memo instead; it falls into the next batch."
    )
    with db.transaction() as s:
        row = billing.batch_row(s, number)
        assert numbers_in(s, number) == ["INV-A1"]
        assert billing.get_transaction(s, _tx_id(s, "INV-A1")).amount == Decimal("100.00")
    assert row.description == "Manual"
    assert row.print_count == 1


def test_unprinted_batch_transactions_can_be_edited(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "A", 15)
        transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "100.00")
        number = generate(s, "2027-03-15").number
        _edit_amount(s, "INV-A1", "123.45")
        billing.set_description(s, number, " New words ")
        row = billing.batch_row(s, number)
    assert row.totals.invoice_amount == Decimal("123.45")
    assert row.description == "New words"


def test_a_reprint_only_counts(db: Database) -> None:
    number = _printed_batch(db)
    with db.transaction() as s:
        job = billing.begin_print(s, number)
        billing.record_print(s, job, b"second")
        row = billing.batch_row(s, number)
        assert billing.original_print(s, number) == b"%PDF-1.4 test"
    assert job.reprint
    assert row.print_count == 2


# Whatever a code path forgot to check, the database refuses, and billing says why.


def _batch(s: Session, number: int) -> InvoiceBatch:
    return s.scalars(select(InvoiceBatch).where(InvoiceBatch.number == number)).one()


def _tx(s: Session, number: str) -> ARTransaction:
    return s.scalars(select(ARTransaction).where(ARTransaction.number == number)).one()


def _late_memo(s: Session, **batch: object) -> ARTransaction:
    a = billing.customer_by_number(s, "A")
    return ARTransaction(
        customer_id=a.id,
        type=TransactionType.DEBIT_MEMO,
        number="DM-LATE",
        invoice_date=dt.date(2027, 3, 1),
        due_date=dt.date(2027, 3, 1),
        amount=Decimal("5.00"),
        tax=Decimal("0.00"),
        description="",
        **batch,
    )


def _set(obj: object, **values: object) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


Route = Callable[[Session, int], object]

TRANSACTION_ROUTES: dict[str, Route] = {
    "release": lambda s, n: release(s, _batch(s, n), ARTransaction.batch_id.is_not(None)),
    "claim": lambda s, n: claim(s, _batch(s, n), ARTransaction.number == "INV-B1"),
    "set batch": lambda s, n: _set(_tx(s, "INV-B1"), batch=_batch(s, n)),
    "set batch_id": lambda s, n: _set(_tx(s, "INV-B1"), batch_id=_batch(s, n).id),
    "unset batch_id": lambda s, _: _set(_tx(s, "INV-A1"), batch_id=None),
    "new with batch": lambda s, n: s.add(_late_memo(s, batch=_batch(s, n))),
    "new with batch_id": lambda s, n: s.add(_late_memo(s, batch_id=_batch(s, n).id)),
    "edit amount": lambda s, _: _set(_tx(s, "INV-A1"), amount=Decimal("1.00")),
    "delete": lambda s, _: s.delete(_tx(s, "INV-A1")),
    "execute update": lambda s, _: s.execute(
        update(ARTransaction).where(ARTransaction.number == "INV-A1").values(description="x")
    ),
    "execute delete": lambda s, _: s.execute(delete(ARTransaction)),
}
BATCH_ROUTES: dict[str, Route] = {
    "edit close date": lambda s, n: _set(_batch(s, n), close_date=dt.date(2027, 3, 31)),
    "unprint": lambda s, n: _set(_batch(s, n), printed_at=None),
    "reset print count": lambda s, n: _set(_batch(s, n), print_count=0),
    "delete": lambda s, n: s.delete(_batch(s, n)),
    "execute update": lambda s, _: s.execute(
        update(InvoiceBatch).values(close_date=dt.date(2027, 3, 31))
    ),
    "execute delete": lambda s, _: s.execute(delete(InvoiceBatch)),
}
ORIGINAL_ROUTES: dict[str, Route] = {
    "replace pdf": lambda s, n: _set(s.get_one(OriginalPrint, _batch(s, n).id), pdf=b"forged"),
    "delete": lambda s, n: s.delete(s.get_one(OriginalPrint, _batch(s, n).id)),
}
ROUTES = {
    **{
        f"transaction: {name}": (route, TRANSACTIONS_KEPT)
        for name, route in TRANSACTION_ROUTES.items()
    },
    **{f"batch: {name}": (route, BATCH_KEPT) for name, route in BATCH_ROUTES.items()},
    **{f"original: {name}": (route, ORIGINAL_KEPT) for name, route in ORIGINAL_ROUTES.items()},
}


def _flushed(db: Database, change: Route, number: int) -> None:
    with db.transaction() as s:
        change(s, number)
        s.flush()


def _refused(db: Database, number: int, what: str) -> str:
    batch = "This invoice batch" if sqlite_path(db.url) is not None else f"Invoice batch {number}"
    return (
        f"{batch} is locked (approved, printed, sent or exported): {what}. "
        "Enter a credit or debit memo instead; it falls into the next batch."
    )


@pytest.mark.parametrize("route", list(ROUTES))
def test_every_orm_route_is_refused_by_the_database(db: Database, route: str) -> None:
    number = _printed_batch(db)
    change, what = ROUTES[route]
    with pytest.raises(BatchPrinted) as refused:
        _flushed(db, change, number)
    assert str(refused.value) == _refused(db, number, what)
    with db.transaction() as s:
        row = billing.batch_row(s, number)
        assert numbers_in(s, number) == ["INV-A1"]
        assert billing.count_transactions(s) == 3
        assert _tx(s, "INV-A1").description == ""
        assert billing.original_print(s, number) == b"%PDF-1.4 test"
    assert (row.printed, row.print_count) == (True, 1)
    assert row.close_date == day("2027-03-15")
    assert row.totals.invoice_amount == Decimal("100.00")


def test_a_printed_batch_keeps_its_description_editable(db: Database) -> None:
    number = _printed_batch(db)
    with db.transaction() as s:
        billing.not_audited(s, "the database's allowance, tested without billing")
        _batch(s, number).description = "Mailed on Monday"
    with db.transaction() as s:
        assert billing.batch_row(s, number).description == "Mailed on Monday"


def test_the_first_print_marks_the_batch_and_keeps_its_bytes(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "A", 15)
        transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "100.00")
        number = generate(s, "2027-03-15").number
        billing.record_print(s, billing.begin_print(s, number), b"first")
    with db.transaction() as s:
        row = billing.batch_row(s, number)
        assert billing.original_print(s, number) == b"first"
    assert (row.printed, row.print_count) == (True, 1)


def test_unbatched_and_unprinted_changes_go_through(db: Database) -> None:
    number = _printed_batch(db)
    with db.transaction() as s:
        tx = _tx(s, "INV-B1")
        tx.amount = Decimal("51.00")
        other = billing.create_manual_batch(s, day("2027-03-15"), "").number
        tx.batch = _batch(s, other)
        s.flush()
        assert numbers_in(s, other) == ["INV-B1"]
        assert billing.delete_batch(s, other) == 1
        assert numbers_in(s, number) == ["INV-A1"]
        assert billing.get_transaction(s, tx.id).amount == Decimal("51.00")
