"""The indexes of ar_transactions after the migrations are the models' (0010: the ones a claim
has to write are few), and R7 still refuses a change to a locked batch's transactions when one
statement changes many rows."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect, text

from app.billing.errors import BatchPrinted
from app.models import Base
from app.store import Database
from tests import factories


def _shape(
    name: str | None, columns: Any, unique: bool, where: object
) -> tuple[str, str, bool, bool]:
    return str(name), ",".join(str(c) for c in columns), bool(unique), where is not None


def test_the_migrated_indexes_are_the_models(db: Database) -> None:
    dialect = db.engine.dialect.name
    migrated = {
        _shape(
            index["name"],
            index["column_names"],
            index["unique"],
            index.get("dialect_options", {}).get(f"{dialect}_where"),
        )
        for index in inspect(db.engine).get_indexes("ar_transactions")
    }
    modelled = {
        _shape(
            index.name,
            [c.name for c in index.columns],
            index.unique,
            index.dialect_options[dialect]["where"],
        )
        for index in Base.metadata.tables["ar_transactions"].indexes
    }
    assert migrated == modelled
    assert "customer_id" not in {columns for _n, columns, _u, _w in migrated}


def _locked_batch_with_two_invoices(db: Database) -> None:
    with db.transaction() as session:
        factories.customer(session, "C1")
        factories.transaction(session, "C1", "invoice", "I-1", "2026-11-01", "10.00")
        factories.transaction(session, "C1", "invoice", "I-2", "2026-11-02", "20.00")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO invoice_batches (number, close_date, description, kind, created_at, "
                "print_count) VALUES (7, '2026-11-30', '', 'manual', '2026-12-01', 0)"
            )
        )
        connection.execute(
            text(
                "UPDATE ar_transactions SET batch_id = "
                "(SELECT id FROM invoice_batches WHERE number = 7)"
            )
        )
        connection.execute(
            text("UPDATE invoice_batches SET locked_at = '2026-12-01' WHERE number = 7")
        )


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE ar_transactions SET batch_id = NULL",  # released, all at once
        "UPDATE ar_transactions SET description = 'changed'",  # edited in place
    ],
)
def test_one_statement_over_a_locked_batch_is_refused_whole(db: Database, change: str) -> None:
    _locked_batch_with_two_invoices(db)
    with pytest.raises(BatchPrinted), db.engine.begin() as connection:
        connection.execute(text(change))
    with db.engine.connect() as connection:
        kept = connection.execute(
            text("SELECT count(*) FROM ar_transactions WHERE batch_id IS NOT NULL")
        )
        assert kept.scalar_one() == 2
        edited = connection.execute(
            text("SELECT count(*) FROM ar_transactions WHERE description = 'changed'")
        )
        assert edited.scalar_one() == 0
