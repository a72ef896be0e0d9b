"""The application icon: every drawn size is shipped and loads."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from app.ui.app_icon import ICON_SIZES, application_icon


def test_icon_has_every_drawn_size(qapp: QApplication) -> None:
    icon = application_icon()

    assert sorted(size.width() for size in icon.availableSizes()) == list(ICON_SIZES)
    assert all(size.width() == size.height() for size in icon.availableSizes())
    assert icon.pixmap(QSize(32, 32)).isNull() is False
