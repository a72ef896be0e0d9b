"""The one place that shows message boxes and file dialogs; tests patch these functions."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QFileInfo, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QFileIconProvider,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.store.paths import data_dir


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def _question(
    parent: QWidget | None, title: str, text: str, action: str, decline: str, *, enter_acts: bool
) -> bool:
    """True when the clerk chose `action`; Enter takes it only when `enter_acts`."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(decline, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes if enter_acts else no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def confirm(parent: QWidget | None, title: str, text: str, action: str = "OK") -> bool:
    """Ask before a change that cannot be undone; the safe answer is the default."""
    return _question(parent, title, text, action, "Cancel", enter_acts=False)


def offer(parent: QWidget | None, title: str, text: str, action: str, decline: str) -> bool:
    """Offer something that changes nothing the clerk made (the sample company on an empty
    database): the offer is the default answer, so Enter takes it."""
    return _question(parent, title, text, action, decline, enter_acts=True)


class NamesOnlyIcons(QFileIconProvider):
    """Icons and types from a file's name alone.

    Qt's own provider asks the MIME database, which opens a file it cannot name by its
    extension (the database's -wal and -shm) to read its first bytes; closing that handle drops
    every POSIX lock SQLite holds on the file in this process (sqlite.org, "How To Corrupt An
    SQLite Database File", section 2.2).
    """

    def icon(self, what: QFileIconProvider.IconType | QFileInfo) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (
                QFileIconProvider.IconType.Folder
                if what.isDir()
                else QFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        return f"{info.suffix().upper()} File" if info.suffix() else "File"


class FileDialog(QFileDialog):
    """Qt's own file dialog, which lists files by name without opening them."""

    def __init__(self, parent: QWidget | None, title: str, filters: str, start: str) -> None:
        super().__init__(parent, title, start, filters)
        # A native dialog cannot be told how to find icons, and the GTK one sniffs contents
        # too; on Windows closing a handle leaves other handles' locks alone.
        self.setOption(QFileDialog.Option.DontUseNativeDialog, sys.platform != "win32")
        self.icons = NamesOnlyIcons()  # the dialog does not own its provider
        self.setIconProvider(self.icons)


def _documents_folder() -> Path:
    # A dialog asked for a folder that does not exist opens in the working folder instead.
    location = QStandardPaths.StandardLocation.DocumentsLocation
    documents = Path(QStandardPaths.writableLocation(location))
    return documents if documents.is_dir() else Path.home()


def starting_place(suggested: str) -> str:
    """Where a file dialog opens: the clerk's documents folder, never the data folder."""
    documents = _documents_folder()
    if not suggested:
        return str(documents)
    path = Path(suggested)
    if not path.is_absolute():
        return str(documents / path)
    data = data_dir().resolve()
    if path.resolve() == data:
        return str(documents)
    if not path.is_dir() and path.parent.resolve() == data:
        return str(documents / path.name)
    return suggested


def ask_open_file(
    parent: QWidget | None, title: str, filters: str, folder: str = ""
) -> Path | None:
    dialog = FileDialog(parent, title, filters, starting_place(folder))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _chosen(dialog)


def ask_save_file(
    parent: QWidget | None, title: str, filters: str, suggested: str = ""
) -> Path | None:
    dialog = FileDialog(parent, title, filters, starting_place(suggested))
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return _chosen(dialog)


def _chosen(dialog: FileDialog) -> Path | None:
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def ask_print(parent: QWidget | None, printer: QPrinter) -> bool:
    """The system print dialog, which sets up `printer`; False when the clerk cancels.

    The whole report is always printed: a batch is marked printed for all its pages.
    """
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def ask_password(parent: QWidget | None, title: str, text: str) -> str | None:
    """A masked password prompt; None when the clerk cancels."""
    password, accepted = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Password)
    return password if accepted else None
