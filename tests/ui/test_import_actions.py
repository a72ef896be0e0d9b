"""File ▸ Import: a CSV file is taken whole in the background, or refused with every bad row."""

from __future__ import annotations

from decimal import Decimal
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


SERVICE_TYPES = (
    "code,name,rate,taxable\nLABOR,Labor per hour,85.00,yes\nTRIP,Trip charge,45.00,no\n"
)
WORK = (
    "customer,date,service_type,description,worker,quantity,rate,billable\n"
    "C001,2026-11-03,LABOR,Pump seal,Ana,2,,\n"
    "C002,2026-11-04,TRIP,,Ben,1,50.00,yes\n"
    "C002,2026-11-05,LABOR,Advice,Ben,0.5,,no\n"
)
BAD_WORK = (
    "customer,date,service_type,description,worker,quantity,rate,billable\n"
    "C001,2026-11-03,LABOR,Pump seal,Ana,2,,\n"
    "C001,2026-11-31,LABOR,,Ana,two,,\n"
    "C002,2026-11-04,PAINT,,Ben,1,,\n"
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


def _imported(qtbot: QtBot, actions: object, what: str) -> None:
    import_file = actions.import_file  # type: ignore[attr-defined]
    operation = import_file(what)
    assert operation is not None
    with qtbot.waitSignal(operation.sig_finished, timeout=10_000):
        pass


def test_import_service_types_then_work_from_the_file_menu(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    with context.transaction() as session:
        billing.import_customers(session, _write(tmp_path / "c.csv", CUSTOMERS))
    window = _window(qtbot, context)
    actions = install_import_actions(window)
    texts = [action.text() for action in window.file_menu.actions()]
    assert texts[:4] == [
        "Import &Customers…",
        "Import &Transactions…",
        "Import Service T&ypes…",
        "Import &Work…",
    ]
    dialogs.open_file = _write(tmp_path / "service-types.csv", SERVICE_TYPES)
    _imported(qtbot, actions, "service-types")
    assert window.statusBar().currentMessage() == (
        "Imported 2 service types from service-types.csv."
    )
    dialogs.open_file = _write(tmp_path / "work.csv", WORK)
    actions.work_action.trigger()
    qtbot.waitUntil(lambda: "work.csv" in window.statusBar().currentMessage(), timeout=10_000)
    assert window.statusBar().currentMessage() == "Imported 3 work entries from work.csv."
    with context.read() as session:
        work = billing.list_work(session)
        unbilled = billing.unbilled_by_customer(session, billing.WorkQuery())
    assert [(w.customer_number, w.amount, w.billable) for w in work] == [
        ("C001", Decimal("170.00"), True),
        ("C002", Decimal("50.00"), True),
        ("C002", Decimal("42.50"), False),
    ]
    assert [(u.customer_number, u.amount) for u in unbilled] == [
        ("C001", Decimal("170.00")),
        ("C002", Decimal("50.00")),
    ]
    assert dialogs.errors == []


def test_a_bad_work_file_names_every_bad_row_and_adds_no_work(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    with context.transaction() as session:
        billing.import_customers(session, _write(tmp_path / "c.csv", CUSTOMERS))
        billing.IMPORTERS["service-types"](session, _write(tmp_path / "s.csv", SERVICE_TYPES))
    actions = install_import_actions(_window(qtbot, context))
    dialogs.open_file = _write(tmp_path / "work.csv", BAD_WORK)
    _imported(qtbot, actions, "work")
    assert dialogs.errors == [
        "Nothing was saved:\n"
        "line 3, date: '2026-11-31' is not a date (there is no such day)\n"
        "line 3, quantity: 'two' is not a quantity (use digits and a dot, like 1.50)\n"
        "line 4, service_type: there is no service type PAINT"
    ]
    with context.read() as session:
        assert billing.count_work(session) == 0


CONTRACTS = (
    "number,customer,name,amount,period_months,start_date,end_date,taxable,billing\n"
    "K-1,C001,Managed support,100.00,1,2026-01-31,,yes,\n"
    "K-2,C002,Offsite backup,300.00,3,2026-02-01,2026-12-31,no,arrears\n"
)
BAD_CONTRACTS = (
    "number,customer,name,amount,period_months,start_date,end_date,taxable,billing\n"
    "K-1,C001,Managed support,100.00,1,2026-01-31,,yes,\n"
    "K-2,C002,Offsite backup,300.00,3,2026-02-01,,,monthly\n"
    "K-3,C009,Printer care,40.00,2,2026-03-01,,,\n"
)

BAD_CONTRACT_LINES = [
    "line 3, billing: 'monthly' is not advance or arrears",
    "line 4, period_months: must be 1, 3, 6 or 12 months",
    "line 4, customer: there is no customer C009",
]


def test_import_contracts_from_the_file_menu(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    with context.transaction() as session:
        billing.import_customers(session, _write(tmp_path / "c.csv", CUSTOMERS))
    window = _window(qtbot, context)
    actions = install_import_actions(window)
    assert window.file_menu.actions()[4] is actions.contracts_action
    assert actions.contracts_action.text() == "Import C&ontracts…"
    dialogs.open_file = _write(tmp_path / "contracts.csv", CONTRACTS)
    actions.contracts_action.trigger()
    qtbot.waitUntil(lambda: "contracts.csv" in window.statusBar().currentMessage(), timeout=10_000)
    assert window.statusBar().currentMessage() == "Imported 2 contracts from contracts.csv."
    with context.read() as session:
        found = billing.list_contracts(session)
    assert [(c.number, c.customer_number, c.amount, c.taxable, c.billing.value) for c in found] == [
        ("K-1", "C001", Decimal("100.00"), True, "advance"),
        ("K-2", "C002", Decimal("300.00"), False, "arrears"),
    ]
    assert dialogs.errors == []


def test_a_bad_contracts_file_names_every_bad_row_and_adds_no_contract(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, tmp_path: Path
) -> None:
    with context.transaction() as session:
        billing.import_customers(session, _write(tmp_path / "c.csv", CUSTOMERS))
    actions = install_import_actions(_window(qtbot, context))
    dialogs.open_file = _write(tmp_path / "contracts.csv", BAD_CONTRACTS)
    _imported(qtbot, actions, "contracts")
    assert dialogs.errors == ["Nothing was saved:\n" + "\n".join(BAD_CONTRACT_LINES)]
    with context.read() as session:
        assert billing.list_contracts(session) == []
