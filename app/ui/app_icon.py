"""The application's icon for its windows, task bar and Dock, from resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from app.resources import resource_path

# The sizes packaging/make_icon.py draws; Qt picks the nearest for each place it shows the icon.
ICON_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def application_icon() -> QIcon:
    """The Invoice Batches icon with every drawn size, so no size is scaled from another."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"invoice-batches-{size}.png")))
    return icon
