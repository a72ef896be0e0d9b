"""Field errors shown at the field: a red reason under it and the field outlined."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.billing import FieldProblem

ERROR_STYLE = "color: #b3261e;"
INVALID_STYLE = "border: 1px solid #b3261e; background: #fdecea;"


class FieldBox(QWidget):
    """An input with its error label below it. A form label's mnemonic (its buddy is the box)
    gives the box focus, which it hands to the input. Not a focus proxy: Qt's Tab follows a
    box's proxy from wherever the box sits in the chain, so Tab jumped to an earlier field."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        self.field = field
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # never a Tab stop of its own

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.field.setFocus(event.reason())


class FieldErrors:
    """Knows which widget shows which billing field; shows billing's reasons beside them."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def attach(self, field: str, widget: QWidget) -> QWidget:
        """The widget with its (hidden) error label below it, to put in the form's layout."""
        label = QLabel()
        label.setObjectName(f"error-{field}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        box = FieldBox(widget)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(label)
        self._fields[field] = (widget, label)
        return box

    def show(self, problems: Sequence[FieldProblem]) -> list[FieldProblem]:
        """Show each problem at its field; returns those no field of this form shows."""
        self.clear()
        elsewhere = []
        first: QWidget | None = None
        for problem in problems:
            if problem.field not in self._fields:
                elsewhere.append(problem)
                continue
            widget, label = self._fields[problem.field]
            sentence = problem.sentence  # billing's words, whole
            label.setText(f"{label.text()}\n{sentence}" if not label.isHidden() else sentence)
            label.show()
            # A type selector keeps the outline off the widget's popups (calendar, list).
            widget.setStyleSheet(f"{widget.metaObject().className()} {{ {INVALID_STYLE} }}")
            first = first or widget
        if first is not None:
            first.setFocus()
        return elsewhere

    def message(self, field: str) -> str:
        """The reason shown at the field, or "" when it has none."""
        _, label = self._fields[field]
        return label.text() if not label.isHidden() else ""

    def clear(self) -> None:
        for widget, label in self._fields.values():
            widget.setStyleSheet("")
            label.clear()
            label.hide()
