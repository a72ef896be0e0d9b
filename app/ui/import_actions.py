"""File ▸ Import Customers…, Transactions…, Service Types…, Work… and Contracts…: a CSV file,
read off the GUI thread, taken whole or not at all (R11)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from app import billing
from app.billing import ImportResult
from app.ui import messages
from app.ui.main_window import MainWindow
from app.ui.operations import Operation, Progress, run_in_background
from app.ui.widgets.display import counted

CSV_FILTER = "CSV files (*.csv);;All files (*)"


@dataclass(frozen=True)
class ImportKind:
    """One of billing's importers as the File menu names it."""

    key: str  # billing.IMPORTERS' name for it
    menu_text: str
    title: str
    noun: str  # one row of the file
    plural: str


KINDS = {
    kind.key: kind
    for kind in (
        ImportKind("customers", "Import &Customers…", "Import Customers", "customer", "customers"),
        ImportKind(
            "transactions",
            "Import &Transactions…",
            "Import Transactions",
            "transaction",
            "transactions",
        ),
        # Before Work: every work entry names a service type that must exist.
        ImportKind(
            "service-types",
            "Import Service T&ypes…",
            "Import Service Types",
            "service type",
            "service types",
        ),
        ImportKind("work", "Import &Work…", "Import Work", "work entry", "work entries"),
        ImportKind("contracts", "Import C&ontracts…", "Import Contracts", "contract", "contracts"),
    )
}


class ImportActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions = {key: self._action(kind) for key, kind in KINDS.items()}
        self.customers_action = self.actions["customers"]
        self.transactions_action = self.actions["transactions"]
        self.service_types_action = self.actions["service-types"]
        self.work_action = self.actions["work"]
        self.contracts_action = self.actions["contracts"]

    def _action(self, kind: ImportKind) -> QAction:
        action = QAction(kind.menu_text, self.window)
        action.setStatusTip(
            f"Add the {kind.plural} of a CSV file; a file with any bad row adds nothing."
        )
        action.triggered.connect(lambda _=False: self.import_file(kind.key))
        return action

    def import_file(self, what: str) -> Operation[ImportResult] | None:
        """Ask for a CSV file of `what` (a key of billing.IMPORTERS) and import it in the
        background."""
        kind = KINDS[what]
        path = messages.ask_open_file(self.window, kind.title, CSV_FILTER)
        if path is None:
            return None
        importer = billing.IMPORTERS[what]
        context = self.window.context

        def work(progress: Progress) -> ImportResult:
            progress(0, 0, f"Importing {kind.plural} from {path.name}…")
            with context.transaction() as session:
                return importer(session, path)

        def imported(result: ImportResult) -> None:
            rows = counted(result.rows, kind.noun, kind.plural)
            self.window.statusBar().showMessage(f"Imported {rows} from {path.name}.", 15_000)
            context.sig_data_changed.emit()
            self.window.refresh_current()

        operation = run_in_background(self.window, kind.title, work, imported, key="import")
        if operation is None:
            messages.show_info(self.window, kind.title, "An import is already running.")
        return operation


def install_import_actions(window: MainWindow) -> ImportActions:
    actions = ImportActions(window)
    window.add_file_actions([*actions.actions.values(), None])
    return actions
