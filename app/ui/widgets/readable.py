"""Disabled inputs that still read clearly: a read-only record's values are what the clerk
came to see, so only the background says they cannot be changed."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

TEXT_ROLES = (
    QPalette.ColorRole.Text,
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.ButtonText,
)


def readable_when_disabled(widget: QWidget) -> None:
    palette = widget.palette()
    for role in TEXT_ROLES:
        palette.setColor(
            QPalette.ColorGroup.Disabled, role, palette.color(QPalette.ColorGroup.Active, role)
        )
    widget.setPalette(palette)
