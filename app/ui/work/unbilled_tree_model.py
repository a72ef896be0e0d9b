"""Unbilled Work as a tree: one row per customer with its tick box, entry count and total, and
under it the customer's entries, fetched a page at a time when the row is expanded."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from app.billing import ZERO, UnbilledCustomer, WorkRecord
from app.ui.widgets.display import amount_text, counted, date_text
from app.ui.widgets.record_table_model import LEFT, PAGE_SIZE, RECORD_ROLE, RIGHT

AnyIndex = QModelIndex | QPersistentModelIndex
# The entries of one customer, `limit` of them from `offset` on, as billing lists them.
EntryPages = Callable[[UnbilledCustomer, int, int], Sequence[WorkRecord]]
CUSTOMER_ROW = 0  # the internal id of a customer's row; an entry's is its customer's row + 1

TITLES = (
    "Customer / work date",
    "Entries",
    "Service type",
    "Worker",
    "Quantity",
    "Rate",
    "Amount",
    "Description",
)
FIGURES = {1, 4, 5, 6}


def work_span(group: UnbilledCustomer) -> str:
    """The dates of a customer's work, as the invoice's description will name them."""
    if group.first_date == group.last_date:
        return f"Work of {date_text(group.first_date)}"
    return f"Work {date_text(group.first_date)} to {date_text(group.last_date)}"


class UnbilledTreeModel(QAbstractItemModel):
    """`set_groups` shows billing's groups, keeping the ticks of customers still listed;
    `sig_ticks_changed` when the clerk ticks or unticks."""

    COL_CUSTOMER, COL_ENTRIES, COL_SERVICE_TYPE, COL_WORKER = 0, 1, 2, 3
    COL_QUANTITY, COL_RATE, COL_AMOUNT, COL_DESCRIPTION = 4, 5, 6, 7
    sig_ticks_changed = Signal()

    def __init__(self, entries: EntryPages, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.entries = entries
        self.page_size = page_size
        self._groups: list[UnbilledCustomer] = []
        self._loaded: list[list[WorkRecord]] = []
        self._complete: set[int] = set()  # rows whose entries ran out before their count
        self._ticked: set[str] = set()

    # Filling and ticking.
    def set_groups(self, groups: Iterable[UnbilledCustomer]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self._loaded = [[] for _ in self._groups]
        self._complete = set()
        listed = {group.customer_number for group in self._groups}
        changed = bool(self._ticked - listed)
        self._ticked &= listed
        self.endResetModel()
        if changed:
            self.sig_ticks_changed.emit()

    def groups(self) -> list[UnbilledCustomer]:
        return list(self._groups)

    def group(self, row: int) -> UnbilledCustomer | None:
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def row_of(self, customer_number: str) -> int | None:
        rows = (n for n, g in enumerate(self._groups) if g.customer_number == customer_number)
        return next(rows, None)

    def loaded_entries(self, row: int) -> list[WorkRecord]:
        return list(self._loaded[row])

    def ticked_numbers(self) -> tuple[str, ...]:
        """The ticked customers, in the list's order."""
        return tuple(g.customer_number for g in self._groups if g.customer_number in self._ticked)

    def ticked_groups(self) -> list[UnbilledCustomer]:
        return [g for g in self._groups if g.customer_number in self._ticked]

    def ticked_total(self) -> tuple[int, Decimal]:
        """How many entries the ticked customers have, and their amount before tax."""
        ticked = self.ticked_groups()
        return sum(g.entries for g in ticked), sum((g.amount for g in ticked), ZERO)

    def set_ticked(self, customer_number: str, ticked: bool) -> None:
        row = self.row_of(customer_number)
        if row is None or (customer_number in self._ticked) == ticked:
            return
        if ticked:
            self._ticked.add(customer_number)
        else:
            self._ticked.discard(customer_number)
        index = self.index(row, self.COL_CUSTOMER)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.sig_ticks_changed.emit()

    def set_all_ticked(self, ticked: bool) -> None:
        wanted = {g.customer_number for g in self._groups} if ticked else set()
        if wanted == self._ticked:
            return
        self._ticked = wanted
        if self._groups:
            first = self.index(0, self.COL_CUSTOMER)
            last = self.index(len(self._groups) - 1, self.COL_CUSTOMER)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.CheckStateRole])
        self.sig_ticks_changed.emit()

    # The tree's shape.
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's signature
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, CUSTOMER_ROW)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == CUSTOMER_ROW:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, CUSTOMER_ROW)

    def _customer_row(self, parent: AnyIndex) -> int | None:
        """The row of the customer whose entries sit under `parent`, if it is one."""
        if parent.isValid() and parent.internalId() == CUSTOMER_ROW and parent.column() == 0:
            return parent.row()
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if not parent.isValid():
            return len(self._groups)
        row = self._customer_row(parent)
        return len(self._loaded[row]) if row is not None else 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return len(TITLES)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        if not parent.isValid():
            return bool(self._groups)
        row = self._customer_row(parent)
        if row is None:
            return False
        return bool(self._loaded[row]) or self.canFetchMore(parent)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        row = self._customer_row(parent)
        if row is None or row in self._complete:
            return False
        return len(self._loaded[row]) < self._groups[row].entries

    def fetchMore(self, parent: AnyIndex) -> None:
        row = self._customer_row(parent)
        if row is None or not self.canFetchMore(parent):
            return
        loaded = self._loaded[row]
        page = list(self.entries(self._groups[row], len(loaded), self.page_size))
        if not page:
            # Invoiced or deleted since the groups were counted: stop asking rather than loop.
            self._complete.add(row)
            return
        first = len(loaded)
        self.beginInsertRows(self.index(row, 0), first, first + len(page) - 1)
        loaded.extend(page)
        self.endInsertRows()

    # What the cells show.
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == CUSTOMER_ROW:
            return self._customer_data(self._groups[index.row()], index.column(), role)
        entry = self._loaded[index.internalId() - 1][index.row()]
        return self._entry_data(entry, index.column(), role)

    def _customer_data(self, group: UnbilledCustomer, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            texts = {
                self.COL_CUSTOMER: f"{group.customer_number} — {group.customer_name}",
                self.COL_ENTRIES: f"{group.entries:,}",
                self.COL_AMOUNT: amount_text(group.amount),
                self.COL_DESCRIPTION: work_span(group),
            }
            return texts.get(column, "")
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_CUSTOMER:
            ticked = group.customer_number in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{group.customer_number} — {group.customer_name}: "
                f"{counted(group.entries, 'unbilled entry', 'unbilled entries')}, "
                f"{amount_text(group.amount)} before tax. Tick to invoice."
            )
        if role == Qt.ItemDataRole.FontRole and column in (self.COL_CUSTOMER, self.COL_AMOUNT):
            font = QFont()
            font.setBold(True)
            return font
        return self._shared_data(group, column, role)

    def _entry_data(self, entry: WorkRecord, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            texts = {
                self.COL_CUSTOMER: date_text(entry.work_date),
                self.COL_SERVICE_TYPE: entry.service_type,
                self.COL_WORKER: entry.worker,
                self.COL_QUANTITY: f"{entry.quantity:,.2f}",
                self.COL_RATE: amount_text(entry.rate),
                self.COL_AMOUNT: amount_text(entry.amount),
                self.COL_DESCRIPTION: entry.description,
            }
            return texts.get(column, "")
        return self._shared_data(entry, column, role)

    @staticmethod
    def _shared_data(record: object, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in FIGURES else LEFT
        if role == RECORD_ROLE:
            return record
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or self._customer_row(index) is None:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.set_ticked(self._groups[index.row()].customer_number, checked)
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._customer_row(index) is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TITLES):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return TITLES[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if section in FIGURES else LEFT
        return None
