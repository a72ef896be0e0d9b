"""The declarative base with every table declared on its metadata, as `from app.models import
Base` gives it: what the migrations' environment compares and what the tests empty; with the
partial indexes of the tables, which only this declares."""

from sqlalchemy import Index, text
from sqlalchemy.orm import InstrumentedAttribute

# Declaring a table's class is what puts the table on Base.metadata: every module of tables.
from app.models import (  # noqa: F401
    audit,
    batch,
    contract,
    customer,
    delivery,
    kept,
    line,
    setting,
    transaction,
    work,
)
from app.models.base import Base

__all__ = ["Base"]


# A partial index is said in each dialect's words (sqlite_where, postgresql_where), and naming
# a dialect's option imports that dialect's SQLAlchemy modules: declared beside their tables,
# these made every desktop start on SQLite load PostgreSQL's as well (0.03-0.05 s) and one on
# PostgreSQL SQLite's. A start declares only the tables it reads, and no query names an index;
# the migrations make them (revisions 0001, 0006, 0010; 0012 drops one on PostgreSQL), and
# whatever compares the schema with the migrated one takes Base from here.
def _partial(
    name: str, *columns: InstrumentedAttribute[object], where: str, unique: bool = False
) -> Index:
    rows = text(where)
    return Index(name, *columns, unique=unique, sqlite_where=rows, postgresql_where=rows)


_transaction = transaction.ARTransaction
# Invoice and memo numbers are unique; a payment's number is the customer's reference.
_partial(
    "uq_ar_transactions_document_number",
    _transaction.number,
    unique=True,
    where="type <> 'payment'",
)
# Only card fee memos have a payment to look up by (revision 0010).
_partial("ix_ar_transactions_fee_for_id", _transaction.fee_for_id, where="fee_for_id IS NOT NULL")
# On SQLite only, as ix_ar_transactions_batch_id (transaction.py): its WHERE names batch_id.
_partial(
    "ix_ar_transactions_unbatched",
    _transaction.customer_id,
    _transaction.invoice_date,
    where="batch_id IS NULL AND type <> 'payment'",
).ddl_if(dialect="sqlite")
# What Unbilled Work reads: a customer's unbilled billable entries by date.
_partial(
    "ix_work_entries_unbilled",
    work.WorkEntry.customer_id,
    work.WorkEntry.work_date,
    where="invoice_id IS NULL AND billable",
)
