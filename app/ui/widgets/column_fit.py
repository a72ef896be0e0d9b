"""Column widths from a sample of rows. Qt's own fitting (ResizeToContents,
resizeColumnsToContents) asks every cell of every row: millions of calls on a long list."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

# The first screenful and the last row: a totals row last carries the widest figures.
SAMPLE_ROWS = 30


def sample_rows(count: int) -> list[int]:
    """The rows of a `count`-row table that a column is fitted to."""
    return [*range(min(count, SAMPLE_ROWS)), *([count - 1] if count > SAMPLE_ROWS else [])]


def fit_columns_to_sample(view: QTableView) -> None:
    """Widen or narrow each column to its title and the sampled rows' cells."""
    model, header = view.model(), view.horizontalHeader()
    rows = sample_rows(model.rowCount())
    grid = 1 if view.showGrid() else 0
    for column in range(model.columnCount()):
        cells = [view.sizeHintForIndex(model.index(row, column)).width() + grid for row in rows]
        header.resizeSection(column, max([header.sectionSizeHint(column), *cells]))
