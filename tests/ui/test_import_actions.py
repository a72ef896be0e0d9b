"""File ▸ Import: a CSV file is taken whole in the background, or refused with every bad row."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app import billing
from app.ui.context import UiContext
from app.ui.import_actions import install_import_actions
from app.ui.main_window import MainWindow
from tests.ui.conftest import Dialogs

CUSTOMERS = (
    "number,name,address1,address2,city,region,postal_code,country,email,phone,cutoff_day\n"
    "C001,Łódź Müller & Søn,ul. Piotrkowska 1,,Łódź,,90-001,Poland,,,15\n"
    "C002,Acme,1 Main St,,Springfield,IL,62701,USA,,,30\n"
)
TRANSACTIONS = (
    "customer,type,number,invoice_date,due_date,amount,tax,description\n"
    "C001,invoice,INV-1,2026-11-02,2026-12-02,100.00,,Widgets\n"
    "C009,invoice,INV-2,2026-11-02,2026-12-02,100.00,,Unknown customer\n"
    "C001,payment,CHK-1,2026-11-05,2026-11-05,0.00,,Nothing paid\n"
)


def _window(qtbot: QtBot, context: UiContext) -> MainWindow:
    window = MainWindow(context, [])
    qtbot.addWidget(window)
    return window


def _counts(context: UiContext) -> tuple[int, int]:
    with context.transaction() as session:
        return billing.count_customers(session), billing.count_transactions(session)


def test_import_customers_from_the_file_menu(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    window = _window(qtbot, context)
    actions = install_import_actions(window)
    assert actions.customers_action in window.file_menu.actions()
    assert window.file_menu.actions()[-1] is window.quit_action
    dialogs.open_file = tmp_path / "customers.csv"
    dialogs.open_file.write_text(CUSTOMERS, encoding="utf-8")
    with qtbot.waitSignal(context.sig_data_changed, timeout=10_000):
        assert actions.import_file("customers") is not None
    assert _counts(context) == (2, 0)
    assert window.statusBar().currentMessage() == "Imported 2 customers from customers.csv."
    assert dialogs.errors == []


def test_a_bad_file_names_every_bad_row_and_saves_nothing(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    with context.transaction() as session:
        billing.import_customers(session, _write(tmp_path / "c.csv", CUSTOMERS))
    window = _window(qtbot, context)
    actions = install_import_actions(window)
    dialogs.open_file = _write(tmp_path / "transactions.csv", TRANSACTIONS)
    operation = actions.import_file("transactions")
    assert operation is not None
    with qtbot.waitSignal(operation.sig_finished, timeout=10_000):
        pass
    assert dialogs.errors == [
        "Nothing was saved:\n"
        "line 3, customer: there is no customer C009\n"
        "line 4, amount: must be greater than 0"
    ]
    assert _counts(context) == (2, 0)


def test_cancelling_the_file_dialog_imports_nothing(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    actions = install_import_actions(_window(qtbot, context))
    dialogs.open_file = None
    assert actions.import_file("customers") is None
    assert _counts(context) == (0, 0)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
