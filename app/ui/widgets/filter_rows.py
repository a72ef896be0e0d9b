"""A filter bar's labelled fields laid out in rows: one row of every filter is wider than the
page a 1024 px screen leaves, so the bars break into rows that each fit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

Row = Sequence[tuple[str, QWidget]]


def lay_out_filter_rows(bar: QWidget, rows: Sequence[Row], last: QWidget) -> None:
    """Each row's (label text, field) pairs, the label its field's buddy; `last` (the bar's
    problem line) ends the last row."""
    layout = QVBoxLayout(bar)
    layout.setContentsMargins(0, 0, 0, 0)
    for number, pairs in enumerate(rows, 1):
        row = QHBoxLayout()
        for text, field in pairs:
            label = QLabel(text)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field)
        if number == len(rows):
            row.addWidget(last)
        row.addStretch(1)
        layout.addLayout(row)
