"""A table with its caption above it, as the forms stack them in splitters."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def captioned(caption: QLabel, table: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(caption)
    layout.addWidget(table, 1)
    return box
