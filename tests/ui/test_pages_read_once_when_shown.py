"""A form that reads its list as it is built is read once when first shown, not again at once;
left and shown again, it is read again (another page or clerk may have changed it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app import billing
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.operations import Loader
from app.ui.pages import CONTRACTS_PAGE, DETAILS_PAGE, WORK_PAGE
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs, settled

# Each form with `reads_when_built`, the billing call that reads its list, and a form to leave
# it for that makes no such call.
READS = [
    ("customers", "count_customers", "generate"),
    ("transactions", "count_transactions", "customers"),
    (WORK_PAGE, "unbilled_by_customer", "customers"),
    (CONTRACTS_PAGE, "list_contracts", "customers"),
]


def counted_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[None]:
    """One item per call of billing's `name` from now on (pages call it as `billing.<name>`)."""
    calls: list[None] = []
    read: Callable[..., Any] = getattr(billing, name)

    def counting(*arguments: Any, **keywords: Any) -> Any:
        calls.append(None)
        return read(*arguments, **keywords)

    monkeypatch.setattr(billing, name, counting)
    return calls


@pytest.mark.parametrize(("key", "call", "elsewhere"), READS)
def test_a_form_read_when_built_is_read_once_when_first_shown_and_again_when_shown_again(
    qtbot: QtBot,
    context: UiContext,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    call: str,
    elsewhere: str,
) -> None:
    calls = counted_calls(monkeypatch, call)
    window = MainWindow(context)  # shows Customers, the first form
    qtbot.addWidget(window)
    window.show()
    window.show_page(key)
    settled()
    assert len(calls) == 1
    window.show_page(elsewhere)
    settled()
    assert len(calls) == 1
    window.show_page(key)
    settled()
    assert len(calls) == 2
    assert dialogs.errors == []


def test_a_batch_opened_from_invoice_batches_is_read_once(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A double click in Invoice Batches (`sig_open_batch`): Details reads the batch and comes
    forward, and the window does not read it a second time as it shows it."""
    generated(context.db)
    calls = counted_calls(monkeypatch, "statement_of")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("batches")
    settled()
    for opened in (1, 2):  # the page built by the first open, then already there
        context.sig_open_batch.emit(1)
        qtbot.waitUntil(lambda: not Loader.any_running(), timeout=10_000)
        settled()
        assert window.stack.currentWidget() is window.pages[DETAILS_PAGE]
        assert len(calls) == opened
    assert dialogs.errors == []
