"""The indexes of ar_transactions after the migrations are the models' (0010: the ones a claim
has to write are few; 0012: on PostgreSQL none, as a claim updates its rows in place), and R7
still refuses a change to a locked batch's transactions when one statement changes many
rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Index, inspect, text

from app import billing
from app.billing import GenerationRequest
from app.billing.errors import BatchPrinted
from app.models import Base
from app.store import Database
from tests import factories


def _shape(
    name: str | None, columns: Any, unique: bool, where: object
) -> tuple[str, str, bool, bool]:
    return str(name), ",".join(str(c) for c in columns), bool(unique), where is not None


def _made_on(index: Index, dialect: str) -> bool:
    """Whether the schema has the index on this dialect (`Index.ddl_if`)."""
    condition = index._ddl_if
    return condition is None or condition.dialect in (None, dialect)


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
        if _made_on(index, dialect)
    }
    assert migrated == modelled
    assert "customer_id" not in {columns for _n, columns, _u, _w in migrated}
    by_batch = {name for name, columns, _u, _w in migrated if "batch_id" in columns}
    if dialect == "sqlite":
        assert by_batch == {"ix_ar_transactions_batch_id"}
    else:
        assert by_batch == set()
        assert "ix_ar_transactions_unbatched" not in {name for name, *_ in migrated}


@pytest.mark.postgres
def test_a_claim_on_postgresql_updates_its_rows_in_place(postgres_db: Database) -> None:
    """No index entry is written for a claimed row (a HOT update), so a claim of a million rows
    costs the rows, not the table's ten indexes (revision 0012)."""
    with postgres_db.transaction() as session:
        factories.customer(session, "C1")
        for day in range(1, 29):
            factories.transaction(
                session, "C1", "invoice", f"I-{day}", f"2026-11-{day:02}", f"{day}.00"
            )
    with postgres_db.transaction() as session:
        record = billing.generate_batch(
            session, GenerationRequest(dt.date(2026, 11, 30), override=True)
        )
        updated, in_place = session.execute(
            text(
                "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables "
                "WHERE relname = 'ar_transactions'"
            )
        ).one()
    assert record.transaction_count == 28
    assert (updated, in_place) == (28, 28)
    with postgres_db.engine.connect() as connection:
        options = connection.execute(
            text("SELECT reloptions FROM pg_class WHERE relname = 'ar_transactions'")
        ).scalar_one()
    assert options == ["fillfactor=50"]


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
