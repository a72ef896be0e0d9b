"""What the long lists share: rows fetched page by page from billing, sorted by the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")


class SortedQuery(Protocol):
    """A billing query dataclass that names its sort column and direction."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def sort(self) -> StrEnum: ...

    @property
    def descending(self) -> bool: ...


Query = TypeVar("Query", bound=SortedQuery)
Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the billing record behind a row


class LazyTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses say how to count and fetch rows for their query and how a row looks."""

    HEADERS: Sequence[str] = ()
    RIGHT_ALIGNED: frozenset[int] = frozenset()
    SAMPLES: Sequence[str] = ()  # a typical long value per column, for its first width

    def __init__(self, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.page_size = page_size
        self.rows: list[Row] = []
        self.total = 0

    # What a subclass provides.
    def count_rows(self) -> int:
        raise NotImplementedError

    def fetch_rows(self, offset: int, limit: int) -> list[Row]:
        raise NotImplementedError

    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def row_id(self, row: Row) -> int:
        raise NotImplementedError

    # Qt's model interface.
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.RIGHT_ALIGNED:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.RIGHT_ALIGNED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == RECORD_ROLE:
            return row
        return self.extra_data(row, index.column(), role)

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        """Roles beyond display and alignment (tooltips, colours); none by default."""
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        page = self.fetch_rows(len(self.rows), self.page_size)
        if not page:
            # Rows went away since counting: stop asking rather than loop.
            self.total = len(self.rows)
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    # For the pages.
    def reload(self) -> None:
        """Count again and fetch the first page, inside one model reset."""
        self.beginResetModel()
        self.rows = []
        self.total = self.count_rows()
        self.rows = self.fetch_rows(0, self.page_size) if self.total else []
        self.endResetModel()

    def record(self, row: int) -> Row | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, record_id: int) -> int | None:
        """The row showing the record with this id, among the rows fetched so far."""
        for number, row in enumerate(self.rows):
            if self.row_id(row) == record_id:
                return number
        return None


class QueryTableModel(LazyTableModel[Row], Generic[Row, Query]):
    """A lazy model over one billing query; a header click re-sorts in the database."""

    SORTS: Sequence[StrEnum] = ()  # the query's sort key for each column

    def __init__(self, query: Query, page_size: int = PAGE_SIZE) -> None:
        super().__init__(page_size)
        self.query = query

    def set_query(self, query: Query) -> None:
        """Show what this query finds, from the first page."""
        self.query = query
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORTS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self.query, sort=self.SORTS[column], descending=descending))

    def sort_column(self) -> int:
        return list(self.SORTS).index(self.query.sort)
