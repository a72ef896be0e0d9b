"""File ▸ Import Customers… and Import Transactions…: a CSV file, read off the GUI thread,
taken whole or not at all (R11)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from app import billing
from app.billing import ImportResult
from app.ui import messages
from app.ui.main_window import MainWindow
from app.ui.operations import Operation, Progress, run_in_background

CSV_FILTER = "CSV files (*.csv);;All files (*)"


class ImportActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.customers_action = self._action("Import &Customers…", "customers")
        self.transactions_action = self._action("Import &Transactions…", "transactions")

    def _action(self, text: str, what: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(f"Add the {what} of a CSV file; a file with any bad row adds nothing.")
        action.triggered.connect(lambda _=False: self.import_file(what))
        return action

    def import_file(self, what: str) -> Operation[ImportResult] | None:
        """Ask for a CSV file of customers or transactions and import it in the background."""
        title = f"Import {what.capitalize()}"
        path = messages.ask_open_file(self.window, title, CSV_FILTER)
        if path is None:
            return None
        importer = billing.IMPORTERS[what]
        context = self.window.context

        def work(progress: Progress) -> ImportResult:
            progress(0, 0, f"Importing {what} from {path.name}…")
            with context.transaction() as session:
                return importer(session, path)

        def imported(result: ImportResult) -> None:
            self.window.statusBar().showMessage(
                f"Imported {result.rows} {what} from {path.name}.", 15_000
            )
            context.sig_data_changed.emit()
            self.window.refresh_current()

        operation = run_in_background(self.window, title, work, imported, key="import")
        if operation is None:
            messages.show_info(self.window, title, "An import is already running.")
        return operation


def install_import_actions(window: MainWindow) -> ImportActions:
    actions = ImportActions(window)
    window.add_file_actions([actions.customers_action, actions.transactions_action, None])
    return actions
