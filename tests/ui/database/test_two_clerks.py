"""Two clerks on one shared PostgreSQL database, each with an application session of their own:
each sees the other's new batch after a refresh, and a batch one of them printed is read-only
for the other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from app import billing
from app.billing import BatchPrinted, TransactionDraft, TransactionType
from app.store.opening import OpenedDatabase, open_for_desktop
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from app.ui.printing.report_actions import ReportActions
from tests.factories import transaction
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs, settled

pytestmark = pytest.mark.postgres


@pytest.fixture
def clerks(postgres_db: object, postgres_url: str) -> Iterator[tuple[UiContext, UiContext]]:
    """Two sessions opened as the desktop opens them (postgres_db emptied the tables)."""
    opened: list[OpenedDatabase] = [open_for_desktop(postgres_url) for _ in range(2)]
    yield UiContext(opened[0].db), UiContext(opened[1].db)
    for one in opened:
        one.close()


def batch_numbers(clerk: UiContext) -> list[int]:
    with clerk.transaction() as session:
        return sorted(b.number for b in billing.list_batches(session))


def test_each_clerk_sees_the_others_new_batch(
    qtbot: QtBot, clerks: tuple[UiContext, UiContext], dialogs: Dialogs
) -> None:
    anna, ben = clerks
    anna_page, ben_page = InvoiceBatchesPage(anna), InvoiceBatchesPage(ben)
    qtbot.addWidget(anna_page)
    qtbot.addWidget(ben_page)
    ben_page.refresh()
    settled()
    assert ben_page.model.rowCount() == 0
    generated(anna.db)
    ben_page.refresh()
    settled()
    assert ben_page.model.row_of(1) == 0
    with ben.transaction() as session:
        billing.create_manual_batch(session, dt.date(2026, 11, 30), "Month end")
    anna_page.refresh()
    settled()
    assert batch_numbers(anna) == [1, 2]
    assert anna_page.model.rowCount() == 2
    assert anna_page.model.row_of(2) is not None
    with anna.transaction() as session:
        statement = billing.statement_of(session, 1)
    assert [c.customer.number for c in statement.customers] == ["C001", "C002"]
    assert statement.totals.invoice_amount == Decimal("1215.00")
    assert dialogs.errors == []


def refused(clerk: UiContext, change: Callable[[Session], object]) -> str:
    with pytest.raises(BatchPrinted) as error, clerk.transaction() as session:
        change(session)
    return str(error.value)


def test_a_batch_one_clerk_printed_is_read_only_for_the_other(
    qtbot: QtBot, clerks: tuple[UiContext, UiContext], dialogs: Dialogs, tmp_path: Path
) -> None:
    anna, ben = clerks
    generated(anna.db)
    with ben.transaction() as session:
        transaction(session, "C001", "invoice", "INV-2001", "2026-11-14", "70.00")
        inv_1001 = next(
            t
            for t in billing.statement_of(session, 1).customers[0].transactions
            if t.number == "INV-1001"
        )
    host = QWidget()
    qtbot.addWidget(host)
    anna_prints = ReportActions(host, anna, lambda: 1)
    dialogs.save_file = tmp_path / "batch-1.pdf"
    with qtbot.waitSignal(anna_prints.sig_printed, timeout=30_000):
        anna_prints.save_pdf()
    assert dialogs.errors == []

    edit = TransactionDraft(
        customer_number="C001",
        type=TransactionType.INVOICE,
        number="INV-1001",
        invoice_date=dt.date(2026, 11, 2),
        due_date=dt.date(2026, 11, 2),
        amount=Decimal("999.00"),
        tax=Decimal("100.00"),
    )
    reasons = [
        refused(ben, lambda s: billing.add_transactions(s, 1, ["INV-2001"])),
        refused(ben, lambda s: billing.remove_transactions(s, 1, ["INV-1001"])),
        refused(ben, lambda s: billing.remove_customer(s, 1, "C002")),
        refused(ben, lambda s: billing.delete_batch(s, 1)),
        refused(ben, lambda s: billing.update_transaction(s, inv_1001.id, edit)),
        refused(ben, lambda s: billing.delete_transaction(s, inv_1001.id)),
    ]
    with ben.transaction() as session:
        after = billing.statement_of(session, 1)
        assert billing.get_transaction(session, inv_1001.id).amount == Decimal("1000.00")
    assert after.batch.printed_at is not None
    assert (
        reasons
        == [
            f"Invoice batch 1 was printed on {after.batch.printed_at:%Y-%m-%d} and is read-only. "
            "Enter a credit or debit memo instead; it falls into the next batch."
        ]
        * 6
    )
    assert after.batch.transaction_count == 4
    assert after.totals.invoice_amount == Decimal("1215.00")
