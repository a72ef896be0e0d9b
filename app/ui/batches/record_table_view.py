"""The read-only table every batch form uses: whole rows selected, columns remembered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui import layout_memory
from app.ui.batches.record_table_model import RecordTableModel


class RecordTableView(QTableView):
    """Enter or a double-click emits `sig_chosen`; columns fit their rows unless remembered."""

    sig_chosen = Signal()

    def __init__(
        self,
        model: RecordTableModel[Any],
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
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        self._stretch_column = model.stretch_column
        header.setStretchLastSection(self._stretch_column is None)
        if self._stretch_column is not None:
            header.setSectionResizeMode(self._stretch_column, QHeaderView.ResizeMode.Stretch)
        self._fitted = layout_memory.settings().value(f"columns/{layout_key}") is not None
        layout_memory.remember_columns(self.horizontalHeader(), layout_key)
        self.doubleClicked.connect(lambda _index: self.sig_chosen.emit())
        model.modelReset.connect(self._fit_columns)

    def _fit_columns(self) -> None:
        """Fit the columns to the rows the first time; afterwards only widen them, so a
        column the clerk narrowed stays narrow unless new rows need more room to be read."""
        if self.model().rowCount() == 0:
            return
        header = self.horizontalHeader()
        for column in range(self.model().columnCount()):
            if column == self._stretch_column:
                continue
            needed = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            if not self._fitted or needed > header.sectionSize(column):
                header.resizeSection(column, needed)
        self._fitted = True

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
