"""The seven R8 summary fields as table columns, named as the classic forms name them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.billing import StatementFigures
from app.ui.batches.display import amount_text
from app.ui.batches.record_table_model import Column

R = TypeVar("R")

FIGURE_TITLES: tuple[tuple[str, str], ...] = (
    ("former_amount", "Former Amount"),
    ("payments", "Payments"),
    ("carry_over", "Carry Over"),
    ("invoiced", "Invoiced"),
    ("charges", "Charges"),
    ("taxes", "Taxes"),
    ("invoice_amount", "Invoice Amount"),
)


def figure_columns(figures_of: Callable[[R], StatementFigures]) -> list[Column[R]]:
    """One right-aligned column per R8 field, reading the figures of each record."""

    def column(name: str, title: str) -> Column[R]:
        return Column(title, lambda r: amount_text(getattr(figures_of(r), name)), figure=True)

    return [column(name, title) for name, title in FIGURE_TITLES]
