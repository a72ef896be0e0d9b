"""The one Qt table over billing's frozen records, described column by column: given all its
rows at once, or fetching them page by page through callables, sorted by the database."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the record behind a row, for views and tests
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
PAGE_SIZE = 200


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its heading, the text a record shows in it, and whether it holds figures."""

    title: str
    text: Callable[[R], str]
    figure: bool = False
    tip: str = ""  # the header's tooltip, when the title alone is short of saying it all
    sort: StrEnum | None = None  # billing's sort key for this column, when the list sorts
    sample: str = ""  # a typical long value, for the column's first width in a long list
    widest: str = ""  # the widest of a few fixed values, which a sample of rows may not hold


@dataclass(frozen=True)
class Pages(Generic[R]):
    """Where a long list's rows come from: how many there are, and `limit` of them from
    `offset` on, both asked of billing by whoever builds the model."""

    count: Callable[[], int]
    fetch: Callable[[int, int], Sequence[R]]


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records. Without `pages`, `set_rows` replaces them all in one reset; with
    `pages`, `reload` counts and fetches the first page and the view fetches more as it
    scrolls. A header click calls `sort_by` with the column's key (the database sorts)."""

    columns: Sequence[Column[R]] = ()
    stretch_column: int | None = None  # takes the width left over (a description, a name)

    def __init__(
        self,
        parent: QObject | None = None,
        pages: Pages[R] | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self.pages = pages
        self.page_size = page_size
        self._rows: list[R] = []
        self.total = 0  # how many rows there are, fetched or not
        self.query: Any = None  # what a long list's pages ask billing for

    # Filling the model.
    def set_rows(self, rows: Iterable[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.total = len(self._rows)
        self.endResetModel()

    def reload(self) -> None:
        """Count again and fetch the first page, inside one model reset."""
        if self.pages is None:
            return
        self.beginResetModel()
        self._rows = []
        self.total = self.pages.count()
        self._rows = list(self.pages.fetch(0, self.page_size)) if self.total else []
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return self.pages is not None and not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.pages is None or not self.canFetchMore(parent):
            return
        page = list(self.pages.fetch(len(self._rows), self.page_size))
        if not page:
            # Rows went away since counting: stop asking rather than loop.
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # Sorting, by the database.
    def sorts(self) -> bool:
        return any(column.sort is not None for column in self.columns)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort if 0 <= column < len(self.columns) else None
        if key is not None:
            self.sort_by(key, order == Qt.SortOrder.DescendingOrder)

    def set_query(self, query: Any) -> None:
        """Show what billing's query (a frozen dataclass the page callables read, with `sort`
        and `descending`) finds, from the first page."""
        self.query = query
        self.reload()

    def sort_by(self, key: StrEnum, descending: bool) -> None:
        """Reload sorted by billing's `key`: the database sorts."""
        self.set_query(replace(self.query, sort=key, descending=descending))

    # Reading rows.
    def rows(self) -> list[R]:
        """The rows fetched so far."""
        return list(self._rows)

    def record(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_where(self, matches: Callable[[R], bool]) -> int | None:
        """The first row (among those fetched) whose record matches."""
        return next((row for row, record in enumerate(self._rows) if matches(record)), None)

    # Qt's model interface.
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record) or column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.figure else LEFT
        if role == Qt.ItemDataRole.FontRole and self.is_emphasised(record):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(record)
        if role == RECORD_ROLE:
            return record
        return None

    def tooltip(self, record: R) -> str:
        """What hovering a row says beyond its cell's text (why it is read-only); "" for none."""
        return ""

    def is_emphasised(self, record: R) -> bool:
        """Rows shown in bold, such as a totals row."""
        return False

    def foreground(self, record: R) -> Any:
        """A row's text colour when it differs (an inactive customer); None for the usual."""
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].tip:
            return self.columns[section].tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self.columns[section].figure else LEFT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
