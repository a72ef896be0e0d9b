"""The lines of an invoice or memo, typed in a table: description, service date, service
type, quantity, rate and taxable; each line's amount and tax are billing's sums beside them.

Add line (Ctrl+L) puts a new line at the end with the keyboard in its description; Remove
line (Ctrl+Shift+L) removes the line the keyboard is (or last was) in. A form that adds the
editor's actions to itself gives the shortcuts to all its fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.billing import (
    ZERO,
    FieldProblem,
    LineDraft,
    LineRecord,
    ServiceTypeRecord,
    line_totals,
)
from app.ui.widgets.date_edit import OptionalDateEdit
from app.ui.widgets.display import amount_text
from app.ui.widgets.line_row import LineRow

TITLES = ("Description", "Service date", "Service type", "Quantity", "Rate", "Taxable")
COL_AMOUNT, COL_TAX = len(TITLES), len(TITLES) + 1
# The widest text each fixed column shows, for its width.
SAMPLES = ("", "", "SVC-CALL  ", "Quantity", "00,000.00", "Taxable", "000,000.00")
VISIBLE_ROWS = 5  # past this the table scrolls
ADD_KEYS = "Ctrl+L"
REMOVE_KEYS = "Ctrl+Shift+L"
EMPTY_HINT = "No lines: the amount and tax are typed. Add a line to make them its sums."
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class LineEditor(QWidget):
    """`sig_changed` when a line is added, removed or edited (not while lines are loaded)."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LineRow] = []
        self.service_types: list[ServiceTypeRecord] = []
        self.tax_rate: Decimal | None = None  # None: not known (no customer chosen)
        self._current: LineRow | None = None
        self._read_only = False
        self._adding_allowed = True
        self._loading = False
        self.table = QTableWidget(0, len(TITLES) + 2)
        self.add_button = QPushButton("Add &line")
        self.remove_button = QPushButton("Remove line")  # its letters are taken: Ctrl+Shift+L
        self.hint = QLabel(EMPTY_HINT)
        self.hint.setWordWrap(True)
        self.add_action = self._action("Add line", ADD_KEYS, self.add_line)
        self.remove_action = self._action("Remove line", REMOVE_KEYS, self.remove_line)
        self.add_button.setToolTip(f"Add a line at the end ({ADD_KEYS})")
        self.remove_button.setToolTip(f"Remove the line being typed in ({REMOVE_KEYS})")
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        self._set_up_table()
        self._lay_out()
        self._show_state()

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _set_up_table(self) -> None:
        table = self.table
        table.setHorizontalHeaderLabels(list(TITLES))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the inputs in it take the keyboard
        table.setTabKeyNavigation(False)  # Tab goes from input to input, not cell to cell
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for column, title in ((COL_AMOUNT, "Amount"), (COL_TAX, "Tax")):
            item = QTableWidgetItem(title)
            item.setTextAlignment(RIGHT)
            table.setHorizontalHeaderItem(column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        metrics = self.fontMetrics()
        widths = {**dict(enumerate(SAMPLES)), COL_TAX: SAMPLES[COL_AMOUNT]}
        for column, sample in widths.items():
            if sample:
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 20)
        header.resizeSection(1, OptionalDateEdit("none").minimumSizeHint().width() + 4)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("Lines")
        caption.setStyleSheet("font-weight: bold;")
        bar.addWidget(caption)
        bar.addWidget(self.hint, 1)
        bar.addStretch(0)  # holds the buttons right while the hint is hidden
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    # Filling the editor.
    def set_service_types(self, service_types: Sequence[ServiceTypeRecord]) -> None:
        self.service_types = list(service_types)
        for row in self.rows:
            row.service_types = {kind.code: kind for kind in service_types}
            row.service_type.set_service_types(service_types)

    def set_lines(self, lines: Sequence[LineRecord]) -> None:
        """Show these lines as saved (no change is signalled)."""
        self._loading = True
        try:
            self.table.setRowCount(0)
            for row in self.rows:
                row.deleteLater()
            self.rows = []
            self._current = None
            for line in lines:
                self._append().show_line(line)
            self._show_figures()
        finally:
            self._loading = False
        self._show_state()

    def set_tax_rate(self, tax_rate: Decimal | None) -> None:
        """The customer's rate the lines are taxed at; None while there is no customer."""
        if tax_rate != self.tax_rate:
            self.tax_rate = tax_rate
            self._show_figures()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._show_state()

    def set_adding_allowed(self, allowed: bool, why_not: str = "") -> None:
        """A payment takes no new lines; those it has can still be removed."""
        self._adding_allowed = allowed
        self.add_button.setToolTip(why_not or f"Add a line at the end ({ADD_KEYS})")
        self._show_state()

    # Reading it.
    def has_lines(self) -> bool:
        return bool(self.rows)

    def read(self) -> tuple[tuple[LineDraft, ...], list[FieldProblem]]:
        """The lines as billing's drafts (those that can be read), and why the others cannot."""
        drafts: list[LineDraft] = []
        problems: list[FieldProblem] = []
        for position, row in enumerate(self.rows, start=1):
            draft, unreadable = row.read(position)
            if draft is not None:
                drafts.append(draft)
            problems += unreadable
        return tuple(drafts), problems

    def sums(self) -> tuple[Decimal, Decimal | None]:
        """What the lines that can be read add up to (billing's sums); the tax is None while
        the tax rate is not known."""
        drafts, _ = self.read()
        amount, tax = line_totals(drafts, self.tax_rate or ZERO)
        return amount, None if self.tax_rate is None else tax

    # Adding and removing.
    def add_line(self) -> None:
        if self._read_only or not self._adding_allowed:
            return
        row = self._append()
        self._show_state()
        self.table.scrollToBottom()
        row.description.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._changed()

    def remove_line(self) -> None:
        if self._read_only or not self.rows:
            return
        row = self._current if self._current in self.rows else self.rows[-1]
        index = self.rows.index(row)
        self.rows.pop(index)
        self._current = None
        self.table.removeRow(index)  # deletes the row's inputs
        row.deleteLater()
        self._show_state()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].description.setFocus()
        elif self.add_button.isEnabled():
            self.add_button.setFocus()
        self._changed()

    def _append(self) -> LineRow:
        row = LineRow(self.service_types, self)
        index = len(self.rows)
        self.table.insertRow(index)
        for column, widget in enumerate(row.cells()):
            self.table.setCellWidget(index, column, widget)
        self.table.setItem(index, COL_AMOUNT, row.amount_cell)
        self.table.setItem(index, COL_TAX, row.tax_cell)
        self.table.setRowHeight(index, row.service_date.sizeHint().height() + 4)
        # In the Tab order after the line before it (or the buttons, for the first line).
        before: QWidget = self.rows[-1].inputs()[-1] if self.rows else self.remove_button
        for widget in row.inputs():
            QWidget.setTabOrder(before, widget)
            before = widget
            widget.installEventFilter(self)
        self.rows.append(row)
        row.set_enabled(not self._read_only)
        row.sig_changed.connect(lambda: self._row_changed(row))
        return row

    # Keeping what is shown up to date.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for index, row in enumerate(self.rows):
                if watched in row.inputs():
                    self._current = row
                    self.table.scrollTo(self.table.model().index(index, 0))
        return super().eventFilter(watched, event)

    def _row_changed(self, row: LineRow) -> None:
        if row in self.rows:
            self._show_figures(row)
        self._changed()

    def _changed(self) -> None:
        if not self._loading:
            self.sig_changed.emit()

    def _show_figures(self, only: LineRow | None = None) -> None:
        """Each line's amount and tax, as billing works them out; empty while unreadable."""
        for index, row in enumerate(self.rows):
            if only is not None and row is not only:
                continue
            draft, _ = row.read(index + 1)
            amount = "" if draft is None else amount_text(draft.amount)
            tax = ""
            if draft is not None and self.tax_rate is not None:
                tax = amount_text(draft.tax(self.tax_rate))
            row.amount_cell.setText(amount)
            row.tax_cell.setText(tax)

    def _show_state(self) -> None:
        editable = not self._read_only
        self.add_button.setEnabled(editable and self._adding_allowed)
        self.add_action.setEnabled(editable and self._adding_allowed)
        self.remove_button.setEnabled(editable and bool(self.rows))
        self.remove_action.setEnabled(editable and bool(self.rows))
        for row in self.rows:
            row.set_enabled(editable)
        self.hint.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
        self._fit_height()

    def _fit_height(self) -> None:
        """Room for the lines up to VISIBLE_ROWS, then the table scrolls; and for a
        horizontal scroll bar only when the columns are wider than the table."""
        table = self.table
        shown = min(max(len(self.rows), 1), VISIBLE_ROWS)
        rows = sum(table.rowHeight(i) for i in range(shown)) if self.rows else 28
        header = table.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in range(1, table.columnCount()))
        wide = fixed + header.minimumSectionSize() > table.viewport().width()
        scroll_bar = table.horizontalScrollBar().sizeHint().height() if wide else 0
        height = header.sizeHint().height() + rows + 2 * table.frameWidth() + scroll_bar
        table.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()
