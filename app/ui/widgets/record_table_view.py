"""The one read-only table of the forms: whole rows selected, columns remembered, and a header
click that asks the database to sort when the model's columns name sort keys."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from app.ui import layout_memory
from app.ui.widgets.column_fit import sample_rows
from app.ui.widgets.record_table_model import Column, RecordTableModel

SORT_ARROW = 14  # room the header's sort indicator takes beside a title
# What a column that fills the room left over (a name, a description) keeps, in average
# characters, when the other columns take it all: the table scrolls sideways instead.
STRETCH_FLOOR = 16


class RecordTableView(QTableView):
    """Enter or a double-click on a row emits `sig_chosen`. Columns with samples start at the
    samples' width (long lists); others fit a sample of their rows; the clerk's widths are
    remembered. Rows all have one fixed height, so Qt never measures them one by one."""

    sig_chosen = Signal()

    def __init__(
        self,
        model: RecordTableModel[Any],
        layout_key: str,
        *,
        multi_select: bool = False,
        sort_column: int = 0,
        order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.record_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        self._stretch_column = model.stretch_column
        header.setStretchLastSection(self._stretch_column is None)
        if self._stretch_column is not None:
            header.setSectionResizeMode(self._stretch_column, QHeaderView.ResizeMode.Stretch)
        if model.sorts():
            header.setSectionsClickable(True)
            header.setSortIndicatorShown(True)
            header.setSortIndicator(sort_column, order)
        self._sampled = self._size_to_samples()
        self._fitted = layout_memory.settings().value(f"columns/{layout_key}") is not None
        layout_memory.remember_columns(header, layout_key)
        if model.sorts():
            # Not QTableView's sortingEnabled: it would sort (load) at once, before the page
            # has set its filters; `load_sorted` makes the first load.
            header.sortIndicatorChanged.connect(model.sort)
        self.doubleClicked.connect(lambda _index: self.sig_chosen.emit())
        model.modelReset.connect(self.fit_columns)
        header.sectionResized.connect(self._other_column_resized)

    def load_sorted(self) -> None:
        """The first load of a sorted list, in the order the header shows (as remembered)."""
        header = self.horizontalHeader()
        self.record_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _size_to_samples(self) -> bool:
        """Room for each column's sample value and its title with the sort arrow."""
        metrics = self.fontMetrics()
        columns = self.record_model.columns
        for number, column in enumerate(columns):
            if column.sample:
                title = metrics.horizontalAdvance(column.title) + SORT_ARROW
                width = max(metrics.horizontalAdvance(column.sample), title)
                self.horizontalHeader().resizeSection(number, width + 16)
        return any(column.sample for column in columns)

    def fit_columns(self) -> None:
        """Fit the columns to a sample of the rows the first time; afterwards only widen them,
        so a column the clerk narrowed stays narrow unless new rows need more room to be read.
        A long list keeps its sampled widths: its rows come a page at a time."""
        model = self.record_model
        count = model.rowCount()
        if self._sampled or count == 0:
            return
        header = self.horizontalHeader()
        records = [r for r in map(model.record, sample_rows(count)) if r is not None]
        for number, column in enumerate(model.columns):
            if number == self._stretch_column:
                continue
            needed = max(header.sectionSizeHint(number), self._text_width(column, records))
            if not self._fitted or needed > header.sectionSize(number):
                header.resizeSection(number, needed)
        self._fitted = True
        self._keep_stretch_readable()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_stretch_readable()

    def _other_column_resized(self, section: int, _old: int, _new: int) -> None:
        if section != self._stretch_column:
            self._keep_stretch_readable()

    def _keep_stretch_readable(self) -> None:
        """The column that fills what the others leave keeps STRETCH_FLOOR characters when
        they leave less (a window narrower than the figures' columns squeezed the names of the
        Generate preview to "…"): it stops stretching, and the table scrolls sideways."""
        stretch = self._stretch_column
        if stretch is None:
            return
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(n)
            for n in range(header.count())
            if n != stretch and not header.isSectionHidden(n)
        )
        floor = self.fontMetrics().averageCharWidth() * STRETCH_FLOOR
        squeezed = self.viewport().width() - others < floor
        fixed = header.sectionResizeMode(stretch) == QHeaderView.ResizeMode.Interactive
        if squeezed and not fixed:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(stretch, floor)
        elif not squeezed and fixed:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def _text_width(self, column: Column[Any], records: list[Any]) -> int:
        """Room for the column's widest text among `records` and its `widest` value, measured
        as the cells draw it (bold on an emphasised row, fractional widths rounded up) without
        asking the model for each cell's every role."""
        plain, bold = QFontMetricsF(self.font()), QFontMetricsF(self._bold_font())
        widest = max(
            plain.horizontalAdvance(column.widest),
            *(
                (bold if self.record_model.is_emphasised(r) else plain).horizontalAdvance(
                    column.text(r)
                )
                for r in records
            ),
        )
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
        return math.ceil(widest) + 2 * (margin + 1) + (1 if self.showGrid() else 0)

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.selectionModel().selectedRows())

    def select_row(self, row: int) -> None:
        self.selectRow(row)
        self.scrollTo(self.model().index(row, 0))

    def focus_first_row(self) -> None:
        """Move the keyboard into the list, on its first row."""
        self.setFocus()
        if self.model().rowCount():
            self.select_row(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_rows():
            self.sig_chosen.emit()
            return
        super().keyPressEvent(event)
