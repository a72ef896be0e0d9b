"""A batch's statement (Batch Details, `batch show`, the report, sending) reads its figures
from the kept rows: after every kind of change, read with the change still marked and after the
kept rows are brought up to date, every customer's R8 figures, S and R17 aging are those of the
same statement with nothing kept (worked out from the transactions), the batch's row is its
own (statements.batch_record, from the history), and the command line's summary says the same.
On SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import billing
from app.billing.keeping import keep_figures
from app.billing.records import BatchStatement, BatchSummary
from app.models import InvoiceBatch
from app.store import Database
from tests.billing.test_batch_totals import _history
from tests.billing.test_kept_figures import CHANGES, nothing_kept

Statements = dict[int, BatchStatement]


def _statements(session: Session) -> Statements:
    numbers = session.scalars(select(InvoiceBatch.number).order_by(InvoiceBatch.number))
    return {number: billing.statement_of(session, number) for number in numbers}


def _from_nothing(db: Database) -> Statements:
    """The statements with nothing kept and every customer marked from the beginning."""
    with nothing_kept(db) as session:
        return _statements(session)


def _summarised(statement: BatchStatement) -> BatchSummary:
    return BatchSummary(statement.batch, tuple(c.summary() for c in statement.customers))


def assert_statements_follow(db: Database) -> Statements:
    with db.read() as s:
        marked = _statements(s)
        own = {number: billing.batch_row(s, number) for number in marked}
        # What the command line prints: the same figures, and the numbers in the same order.
        summaries = {number: billing.summary_of(s, number) for number in marked}
    assert {number: statement.batch for number, statement in marked.items()} == own
    assert summaries == {number: _summarised(statement) for number, statement in marked.items()}
    with db.transaction() as s:
        keep_figures(s)
    with db.read() as s:
        kept = _statements(s)
    assert kept == marked == _from_nothing(db)
    return kept


def _payments(statements: Statements, number: int, customer: str) -> Decimal:
    return next(
        c.figures.payments for c in statements[number].customers if c.customer.number == customer
    )


def test_a_statement_follows_every_kind_of_change(db: Database) -> None:
    _history(db)
    before = assert_statements_follow(db)
    for name, change in CHANGES.items():
        change(db)
        try:
            after = assert_statements_follow(db)
        except AssertionError as error:
            raise AssertionError(f"after: {name}") from error
        if name == "payment's paid date moved (raw SQL)":
            # P-2 (500.00) moved from 20 Sep to 10 Sep: printed batch 2 (15 Sep) reprints it.
            assert _payments(after, 2, "C001") == _payments(before, 2, "C001") + 500
        before = after
