"""The list side of a list-and-form page: the table view, its model, and moving between rows
without losing what the clerk typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.ui import layout_memory
from app.ui.widgets.lazy_table_model import LazyTableModel


def make_table_view(
    model: LazyTableModel[Any],
    settings_key: str,
    sort_column: int,
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
) -> QTableView:
    """A single-row-selecting view whose column layout and sort are remembered; a click on a
    header asks the model to sort, which asks the database. Nothing is loaded yet: call
    `load_sorted` once the model's filters are set."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(sort_column, order)
    size_to_samples(view, model)
    layout_memory.remember_columns(header, settings_key)
    # Not QTableView's sortingEnabled: it would sort (load) at once, before the filters are set.
    header.sortIndicatorChanged.connect(model.sort)
    return view


def size_to_samples(view: QTableView, model: LazyTableModel[Any]) -> None:
    """First column widths: room for the model's sample value and for the header with its
    sort arrow, until the clerk's own widths are remembered."""
    metrics = view.fontMetrics()
    for column, sample in enumerate(model.SAMPLES):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        text = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 14)
        view.horizontalHeader().resizeSection(column, text + 16)


def load_sorted(view: QTableView, model: LazyTableModel[Any]) -> None:
    """The first load, in the order the header shows (as remembered from the last run)."""
    header = view.horizontalHeader()
    model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())


class RowFollower:
    """Loads the record of the current row into the form; when the form has unsaved changes it
    asks first, and stays on the row being edited if the clerk says no."""

    def __init__(
        self,
        view: QTableView,
        model: LazyTableModel[Any],
        current_id: Callable[[], int | None],
        may_leave: Callable[[], bool],
        open_record: Callable[[Any], None],
    ) -> None:
        self.view = view
        self.model = model
        self.current_id = current_id
        self.may_leave = may_leave
        self.open_record = open_record
        self._quiet = False
        view.selectionModel().currentRowChanged.connect(self._moved)
        # A reset (search, sort, refresh) keeps the record being edited highlighted.
        model.modelReset.connect(lambda: self.select(self.current_id()))

    def _moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        record = self.model.record(current.row())
        if record is None or self.model.row_id(record) == self.current_id():
            return
        if not self.may_leave():
            self.select(self.current_id())
            return
        self.open_record(record)

    def select(self, record_id: int | None) -> None:
        """Highlight the row of this record (if fetched) without opening anything."""
        self._quiet = True
        try:
            row = None if record_id is None else self.model.row_of(record_id)
            if row is None:
                self.view.selectionModel().clearSelection()
                self.view.selectionModel().setCurrentIndex(
                    QModelIndex(), self.view.selectionModel().SelectionFlag.NoUpdate
                )
            else:
                self.view.selectRow(row)
        finally:
            self._quiet = False


def focus_first_row(view: QTableView) -> None:
    """Move the keyboard into the list, on its first row (which opens it)."""
    view.setFocus()
    if view.model().rowCount():
        view.selectRow(0)
