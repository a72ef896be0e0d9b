"""No table asks every cell of every row for its size: columns are fitted to a sample of rows
and rows have one fixed height, so showing a long list costs what is visible."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QTreeView
from pytestqt.qtbot import QtBot

from app.ui.batch_details.add_customer_dialog import AddCustomerDialog
from app.ui.batch_details.candidate_picker_dialog import CandidatePickerDialog
from app.ui.batch_details.transaction_edit_dialog import TransactionEditDialog
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.pages import page_specs
from app.ui.widgets.record_table_model import AnyIndex, Column, RecordTableModel
from app.ui.widgets.record_table_view import STRETCH_FLOOR, RecordTableView
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs, settled

ROWS = 5_000


def _headers(view: QAbstractItemView) -> list[QHeaderView]:
    if isinstance(view, QTableView):
        return [view.horizontalHeader(), view.verticalHeader()]
    if isinstance(view, QTreeView):
        return [view.header()]
    return []


def _sized_by_contents(view: QAbstractItemView) -> list[str]:
    """Where the view would ask every row: a header section fitted to its contents."""
    found = []
    for header in _headers(view):
        for section in range(header.count()):
            if header.sectionResizeMode(section) == QHeaderView.ResizeMode.ResizeToContents:
                found.append(f"{type(view).__name__} {view.objectName()!r} section {section}")
    return found


def test_no_table_of_the_application_sizes_itself_by_its_contents(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    for spec in page_specs():
        window.show_page(spec.key)
        settled()
    details = window.pages["details"]
    batch = details.batch()  # type: ignore[attr-defined]
    transaction = details.transactions_model.record(0)  # type: ignore[attr-defined]
    for dialog in (
        AddCustomerDialog(window, batch, []),
        CandidatePickerDialog(window, context, batch),
        TransactionEditDialog(window, context, transaction),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
    views = {
        view
        for top in QApplication.topLevelWidgets()
        for view in top.findChildren(QAbstractItemView)
    }
    tables = [view for view in views if isinstance(view, QTableView | QTreeView)]
    assert len(tables) >= 10  # every page's lists and the dialogs' were reached
    assert [where for view in tables for where in _sized_by_contents(view)] == []
    assert all(
        t.verticalHeader().sectionResizeMode(0) != QHeaderView.ResizeMode.ResizeToContents
        for t in tables
        if isinstance(t, QTableView) and t.verticalHeader().count()
    )


@dataclass(frozen=True)
class Line:
    number: int


def _times(factor: int) -> Callable[[Line], str]:
    return lambda line: f"{line.number * factor:,}"


class CountingModel(RecordTableModel[Line]):
    """Counts what the view asks of it."""

    columns = tuple(
        Column[Line](title, _times(n), figure=n > 0)
        for n, title in enumerate(("Name", "Amount", "Tax", "Paid", "Balance", "Over 90"))
    )
    stretch_column = 0
    asked = 0

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.asked += 1
        return super().data(index, role)


def _shown(qtbot: QtBot, key: str, width: int, height: int) -> RecordTableView:
    view = RecordTableView(CountingModel(), key)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_showing_thousands_of_rows_asks_for_what_is_visible(qtbot: QtBot) -> None:
    view = _shown(qtbot, "counting", 900, 600)
    model = view.record_model
    assert isinstance(model, CountingModel)
    model.set_rows(Line(n) for n in range(ROWS))
    view.select_row(0)
    view.viewport().repaint()
    QApplication.processEvents()
    visible = view.rowAt(view.viewport().height() - 1) + 1
    assert 10 < visible < 100
    # A fit to every row asks each cell ten or so times: over 300,000 calls here.
    assert model.asked < 5_000
    assert model.asked < 40 * len(model.columns) * visible
    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    # The last row (where a totals row stands) was measured too, as Qt itself measures a cell.
    assert view.columnWidth(5) >= view.sizeHintForIndex(model.index(ROWS - 1, 5)).width()


def test_the_stretching_column_keeps_room_to_be_read_in_a_narrow_table(qtbot: QtBot) -> None:
    """Too narrow for the figures' columns, the name column keeps STRETCH_FLOOR characters
    and the table scrolls sideways; wide again, the name fills what the figures leave."""
    view = _shown(qtbot, "narrow", 300, 400)
    model = view.record_model
    model.set_rows(Line(n) for n in (1, 22, 333_333_333))
    QApplication.processEvents()
    header = view.horizontalHeader()
    floor = view.fontMetrics().averageCharWidth() * STRETCH_FLOOR
    figures = sum(view.columnWidth(n) for n in range(1, len(model.columns)))
    assert figures > 300 - floor  # the figures alone leave the name less than its floor
    assert view.columnWidth(0) == floor
    assert view.horizontalScrollBar().maximum() > 0
    view.resize(figures + 3 * floor, 400)
    QApplication.processEvents()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert view.columnWidth(0) >= 2 * floor
