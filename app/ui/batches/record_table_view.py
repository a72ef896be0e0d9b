"""The read-only table every batch form uses: whole rows selected, columns remembered."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui import layout_memory


class RecordTableView(QTableView):
    """Enter or a double-click emits `sig_chosen`; widths fit the first rows unless remembered."""

    sig_chosen = Signal()

    def __init__(
        self,
        model: QAbstractItemModel,
        layout_key: str,
        *,
        multi_select: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self._fitted = layout_memory.settings().value(f"columns/{layout_key}") is not None
        layout_memory.remember_columns(self.horizontalHeader(), layout_key)
        self.doubleClicked.connect(lambda _index: self.sig_chosen.emit())
        model.modelReset.connect(self._fit_once)

    def _fit_once(self) -> None:
        if not self._fitted and self.model().rowCount() > 0:
            self._fitted = True
            self.resizeColumnsToContents()

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.selectionModel().selectedRows())

    def select_row(self, row: int) -> None:
        self.selectRow(row)
        self.scrollTo(self.model().index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_rows():
            self.sig_chosen.emit()
            return
        super().keyPressEvent(event)
