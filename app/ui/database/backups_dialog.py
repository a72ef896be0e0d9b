"""The Backups window: every backup in the backups folder, including those made before an
upgrade, with Back Up Now and Restore."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.store.backups import BackupFile, database_of, list_backups
from app.ui.database.workplace import Workplace
from app.ui.widgets.column_fit import fit_columns_to_sample

COLUMNS = ("Made", "Why", "Database", "Size", "File")


def size_text(size: int) -> str:
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupsDialog(QDialog):
    """Lists the backups; Back Up Now and Restore go through the File menu's actions."""

    def __init__(self, parent: QWidget | None, workplace: Workplace) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.workplace = workplace
        self.backups: list[BackupFile] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.back_up_button = QPushButton("&Back Up Now")
        self.restore_button = QPushButton("&Restore…")
        self.folder_button = QPushButton("Show &Folder")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.back_up_button, self.restore_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.folder_button.clicked.connect(self._show_folder)
        self.table.itemSelectionChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)
        self.reload()

    def reload(self) -> None:
        folder = self.workplace.backups_folder
        self.backups = list_backups(folder)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            cells = (
                f"{backup.made:%Y-%m-%d %H:%M}",
                backup.reason if backup.usable else f"Unusable: {backup.problem}",
                database_of(backup.path),
                size_text(backup.size),
                backup.path.name,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        local = self.workplace.local_path is not None
        where = f"Backups are kept in {folder}."
        if not local:
            where += " The shared server is backed up by whoever runs it, not from here."
        self.folder_label.setText(where)
        self.back_up_button.setEnabled(local)
        fit_columns_to_sample(self.table)
        self._enable()

    def selected(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _enable(self) -> None:
        local = self.workplace.local_path is not None
        chosen = self.selected()
        self.restore_button.setEnabled(local and chosen is not None and chosen.usable)

    def _show_folder(self) -> None:
        folder = self.workplace.backups_folder
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
