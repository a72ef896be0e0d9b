"""A typed field that cannot be read says so where the clerk looks: outlined, with the reason."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.widgets.field_errors import INVALID_STYLE


def mark_unreadable(widget: QWidget, reason: str) -> None:
    """Outline the field as the forms outline a refused field; the reason is its tooltip."""
    # A type selector keeps the outline off the field's popups (the calendar).
    widget.setStyleSheet(f"{widget.metaObject().className()} {{ {INVALID_STYLE} }}")
    widget.setToolTip(reason)


def clear_unreadable(widget: QWidget) -> None:
    widget.setStyleSheet("")
    widget.setToolTip("")
