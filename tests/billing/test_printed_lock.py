"""R7: a printed batch and its transactions are read-only, in billing and in the model itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchPrinted, TransactionDraft
from app.models import ARTransaction, InvoiceBatch, TransactionType
from app.store import Database
from tests.billing.helpers import day, generate, mark_printed, numbers_in
from tests.factories import customer, transaction


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
    "edit description": lambda s, n: billing.set_description(s, n, "Changed"),
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


# The before_flush guard: code that writes through the ORM directly is refused as well.


def _orm_edit_transaction(s: Session, _: int) -> None:
    s.scalars(select(ARTransaction).where(ARTransaction.number == "INV-A1")).one().amount = Decimal(
        "1.00"
    )


def _orm_move_into_printed(s: Session, number: int) -> None:
    batch_id = s.scalars(select(InvoiceBatch.id).where(InvoiceBatch.number == number)).one()
    s.scalars(
        select(ARTransaction).where(ARTransaction.number == "INV-B1")
    ).one().batch_id = batch_id


def _orm_release(s: Session, _: int) -> None:
    s.scalars(select(ARTransaction).where(ARTransaction.number == "INV-A1")).one().batch_id = None


def _orm_delete_transaction(s: Session, _: int) -> None:
    s.delete(s.scalars(select(ARTransaction).where(ARTransaction.number == "INV-A1")).one())


def _orm_insert_into_printed(s: Session, number: int) -> None:
    batch = s.scalars(select(InvoiceBatch).where(InvoiceBatch.number == number)).one()
    a = billing.customer_by_number(s, "A")
    s.add(
        ARTransaction(
            customer_id=a.id,
            type=TransactionType.DEBIT_MEMO,
            number="DM-LATE",
            invoice_date=dt.date(2027, 3, 1),
            due_date=dt.date(2027, 3, 1),
            amount=Decimal("5.00"),
            tax=Decimal("0.00"),
            description="",
            batch_id=batch.id,
        )
    )


def _orm_edit_batch(s: Session, number: int) -> None:
    s.scalars(select(InvoiceBatch).where(InvoiceBatch.number == number)).one().close_date = dt.date(
        2027, 3, 31
    )


def _orm_unprint_batch(s: Session, number: int) -> None:
    s.scalars(select(InvoiceBatch).where(InvoiceBatch.number == number)).one().printed_at = None


def _orm_delete_batch(s: Session, number: int) -> None:
    s.delete(s.scalars(select(InvoiceBatch).where(InvoiceBatch.number == number)).one())


ORM_EDITS: list[Callable[[Session, int], None]] = [
    _orm_edit_transaction,
    _orm_move_into_printed,
    _orm_release,
    _orm_delete_transaction,
    _orm_insert_into_printed,
    _orm_edit_batch,
    _orm_unprint_batch,
    _orm_delete_batch,
]


def _flushed(db: Database, edit: Callable[[Session, int], None], number: int) -> None:
    with db.transaction() as s:
        edit(s, number)
        s.flush()


@pytest.mark.parametrize("edit", ORM_EDITS, ids=lambda f: f.__name__.removeprefix("_orm_"))
def test_guard_refuses_direct_orm_changes(
    db: Database, edit: Callable[[Session, int], None]
) -> None:
    number = _printed_batch(db)
    with pytest.raises(BatchPrinted, match=f"Invoice batch {number} has been printed"):
        _flushed(db, edit, number)
    with db.transaction() as s:
        row = billing.batch_row(s, number)
        assert numbers_in(s, number) == ["INV-A1"]
        assert billing.count_transactions(s) == 3
    assert row.printed
    assert row.close_date == day("2027-03-15")
    assert row.totals.invoice_amount == Decimal("100.00")


def test_guard_lets_unbatched_and_unprinted_changes_through(db: Database) -> None:
    number = _printed_batch(db)
    with db.transaction() as s:
        tx = s.scalars(select(ARTransaction).where(ARTransaction.number == "INV-B1")).one()
        tx.amount = Decimal("51.00")
        other = billing.create_manual_batch(s, day("2027-03-15"), "").number
        tx.batch_id = s.scalars(select(InvoiceBatch.id).where(InvoiceBatch.number == other)).one()
        s.flush()
        assert numbers_in(s, other) == ["INV-B1"]
        assert numbers_in(s, number) == ["INV-A1"]
