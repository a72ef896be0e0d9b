"""What the database itself enforces, whatever code writes to it, on both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.store import Database

CUSTOMER = (
    "INSERT INTO customers (id, number, name, address1, address2, city, region, postal_code, "
    "country, email, phone, cutoff_day, active, notes) "
    "VALUES (:id, :number, 'N', '', '', '', '', '', '', '', '', :cutoff, true, '')"
)
TRANSACTION = (
    "INSERT INTO ar_transactions (customer_id, type, number, invoice_date, due_date, amount, tax, "
    "description, batch_id) "
    "VALUES (1, :type, :number, '2027-01-01', '2027-01-01', :amount, :tax, '', :batch)"
)
BATCH = (
    "INSERT INTO invoice_batches (id, number, close_date, description, kind, created_at, "
    "print_count) VALUES (:id, :number, '2027-01-15', '', :kind, '2027-01-15 10:00:00', 0)"
)


def _seed(db: Database) -> None:
    with db.engine.begin() as c:
        c.execute(text(CUSTOMER), {"id": 1, "number": "C1", "cutoff": 15})
        c.execute(text(BATCH), {"id": 1, "number": 1, "kind": "generated"})
        c.execute(text(TRANSACTION), _tx("INV-1"))


def _tx(number: str, **values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "type": "invoice",
        "number": number,
        "amount": 100,
        "tax": 0,
        "batch": None,
    }
    row.update(values)
    return row


BREAKING = {
    "invoice number twice": (TRANSACTION, _tx("INV-1", type="credit_memo")),
    "payment in a batch": (TRANSACTION, _tx("P-1", type="payment", batch=1)),
    "zero amount": (TRANSACTION, _tx("INV-2", amount=0)),
    "negative tax": (TRANSACTION, _tx("INV-2", tax=-1)),
    "unknown type": (TRANSACTION, _tx("INV-2", type="refund")),
    "empty number": (TRANSACTION, _tx("")),
    "cutoff day 32": (CUSTOMER, {"id": 2, "number": "C2", "cutoff": 32}),
    "cutoff day 0": (CUSTOMER, {"id": 2, "number": "C2", "cutoff": 0}),
    "customer number twice": (CUSTOMER, {"id": 2, "number": "C1", "cutoff": None}),
    "batch number twice": (BATCH, {"id": 2, "number": 1, "kind": "manual"}),
    "unknown batch kind": (BATCH, {"id": 2, "number": 2, "kind": "weekly"}),
}


@pytest.mark.parametrize("case", list(BREAKING))
def test_database_refuses(db: Database, case: str) -> None:
    _seed(db)
    statement, values = BREAKING[case]
    with pytest.raises(IntegrityError), db.engine.begin() as c:
        c.execute(text(statement), values)


def test_payment_numbers_may_repeat(db: Database) -> None:
    _seed(db)
    with db.engine.begin() as c:
        c.execute(text(TRANSACTION), _tx("CHK-1", type="payment"))
        c.execute(text(TRANSACTION), _tx("CHK-1", type="payment"))
        assert c.execute(text("SELECT count(*) FROM ar_transactions")).scalar_one() == 3


def test_deleting_a_batch_row_unbatches_its_transactions(db: Database) -> None:
    _seed(db)
    with db.engine.begin() as c:
        c.execute(text("UPDATE ar_transactions SET batch_id = 1"))
        c.execute(text("DELETE FROM invoice_batches"))
        assert c.execute(text("SELECT batch_id FROM ar_transactions")).all() == [(None,)]


def test_customer_with_transactions_cannot_be_deleted(db: Database) -> None:
    _seed(db)
    with pytest.raises(IntegrityError), db.engine.begin() as c:
        c.execute(text("DELETE FROM customers"))
