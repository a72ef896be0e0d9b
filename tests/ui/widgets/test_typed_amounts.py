"""An amount is taken exactly as typed, or refused at the field in billing's words: nothing is
quietly changed (a validator once made -5 into 5, 1.234 into 1.23, and ignored "abc")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import TransactionQuery
from app.ui.context import UiContext
from app.ui.transactions.transactions_page import TransactionsPage
from tests.ui.widgets.entering import Entry, type_into

# The amount field of a new transaction is empty: every way in types the same text.
ENTRIES = (Entry.TAB, Entry.CLICK)


@pytest.fixture
def page(transactions_page: TransactionsPage) -> TransactionsPage:
    """A new invoice of C001 waiting for its amounts."""
    QTest.keyClick(transactions_page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    transactions_page.form.customer.setFocus()
    QTest.keyClicks(transactions_page.form.customer.editor, "C001")
    QTest.keyClicks(transactions_page.form.number, "INV-7")
    return transactions_page


def _stored(context: UiContext) -> list[tuple[Decimal, Decimal]]:
    with context.transaction() as session:
        return [(t.amount, t.tax) for t in billing.list_transactions(session, TransactionQuery())]


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("amount", "-5", "Amount must be greater than 0"),
        ("amount", "1.234", "'1.234' has more than two decimals"),
        ("amount", "abc", "'abc' is not an amount (use digits and a dot, like 1250.00)"),
        ("tax", "-5", "Tax must be 0 or more"),
        ("tax", "0.125", "'0.125' has more than two decimals"),
    ],
)
def test_an_amount_that_is_not_one_is_refused_at_the_field(
    qtbot: QtBot,
    page: TransactionsPage,
    context: UiContext,
    entry: Entry,
    field: str,
    typed: str,
    message: str,
) -> None:
    if field == "tax":
        QTest.keyClicks(page.form.amount, "100")
    type_into(qtbot, getattr(page.form, field), entry, typed)
    assert getattr(page.form, field).text().startswith(typed)  # "-5" is shown as "-5.00"
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.form.errors.message(field) == message
    assert _stored(context) == []


@pytest.mark.parametrize("entry", ENTRIES)
def test_an_amount_is_typed_naturally_and_stored_to_the_cent(
    qtbot: QtBot, page: TransactionsPage, context: UiContext, entry: Entry
) -> None:
    type_into(qtbot, page.form.amount, entry, "1250.5")
    type_into(qtbot, page.form.tax, entry, "87.54")
    assert (page.form.amount.text(), page.form.tax.text()) == ("1250.50", "87.54")
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _stored(context) == [(Decimal("1250.50"), Decimal("87.54"))]
