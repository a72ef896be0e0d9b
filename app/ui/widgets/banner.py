"""A coloured strip above a form saying why it is read-only or what to notice."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class BannerKind(StrEnum):
    INFO = "info"
    WARNING = "warning"


STYLES = {
    BannerKind.INFO: "background: #e8f0fe; color: #1a3d7c; border: 1px solid #a8c1f0;",
    BannerKind.WARNING: "background: #fff4e0; color: #6b4100; border: 1px solid #f0c27a;",
}


class Banner(QLabel):
    """Hidden while it has nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str, kind: BannerKind = BannerKind.WARNING) -> None:
        self.setStyleSheet(f"QLabel {{ {STYLES[kind]} padding: 6px; border-radius: 3px; }}")
        self.setText(text)
        self.show()
        self._keep_lines()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_lines()

    def _keep_lines(self) -> None:
        """Layouts and splitters size a wrapped label by its one-line hint, so on a narrow
        page the second line of a long message was cut off: ask for the lines at this width."""
        # -1 is Qt's "no height for this width" (before the first layout): no minimum then.
        self.setMinimumHeight(max(0, self.heightForWidth(self.width())))

    def clear_message(self) -> None:
        self.clear()
        self.hide()
