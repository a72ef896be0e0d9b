"""The A/R Transactions page, shown and active, with one customer to enter transactions for."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.ui.context import UiContext
from app.ui.transactions.transactions_page import TransactionsPage
from tests import factories
from tests.ui.conftest import Dialogs, settled
from tests.ui.widgets.entering import shown


@pytest.fixture
def transactions_page(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> TransactionsPage:
    with context.transaction() as session:
        factories.customer(session, "C001", name="Acme Tools")
    page = TransactionsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    shown(qtbot, page)
    settled()  # the customers arrive by signal
    return page
