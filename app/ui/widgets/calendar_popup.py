"""The calendar a date field opens under itself, and the small calendar icon that opens it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QFrame, QVBoxLayout, QWidget

ICON_SIZE = 16


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def calendar_icon(color: QColor) -> QIcon:
    """A page of a wall calendar: a frame, a filled top band and a grid of days."""
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(color, 1))
    painter.drawRect(QRect(1, 2, ICON_SIZE - 3, ICON_SIZE - 4))
    painter.fillRect(QRect(1, 2, ICON_SIZE - 2, 4), color)
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(4 + column * 3, 8 + row * 3, 2, 2), color)
    painter.end()
    return QIcon(pixmap)


class CalendarPopup(QFrame):
    """A month calendar in a popup; a click or Enter on a day picks it, Esc closes it."""

    sig_picked = Signal(object)  # dt.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)

    def open_under(self, anchor: QWidget, selected: dt.date) -> None:
        """Show the month of `selected` with it selected, below the anchor (above it when the
        screen ends first)."""
        self.calendar.setSelectedDate(to_qdate(selected))
        self.adjustSize()
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = QGuiApplication.screenAt(below) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        x = min(below.x(), room.right() - self.width())
        y = below.y()
        if y + self.height() > room.bottom():
            y = anchor.mapToGlobal(QPoint(0, 0)).y() - self.height()
        self.move(max(x, room.left()), max(y, room.top()))
        self.show()
        self.calendar.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _picked(self, value: QDate) -> None:
        self.close()
        self.sig_picked.emit(from_qdate(value))
