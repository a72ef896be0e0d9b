"""The seven R8 summary fields and the five R17 aging buckets as table columns, named as the
classic forms name them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.billing import Aging, StatementFigures
from app.ui.widgets.display import amount_text
from app.ui.widgets.record_table_model import Column

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
# Short titles, as aging reports head them, so the five fit beside R8's seven; the tooltip
# says what each counts.
AGING_TITLES: tuple[tuple[str, str, str], ...] = (
    ("current", "Current", "Of the invoice amount: not past due at the close date"),
    ("days_1_30", "1–30", "Of the invoice amount: 1 to 30 days past due at the close date"),
    ("days_31_60", "31–60", "Of the invoice amount: 31 to 60 days past due at the close date"),
    ("days_61_90", "61–90", "Of the invoice amount: 61 to 90 days past due at the close date"),
    ("over_90", "Over 90", "Of the invoice amount: over 90 days past due at the close date"),
)


def figure_columns(figures_of: Callable[[R], StatementFigures]) -> list[Column[R]]:
    """One right-aligned column per R8 field, reading the figures of each record."""

    def column(name: str, title: str) -> Column[R]:
        return Column(title, lambda r: amount_text(getattr(figures_of(r), name)), figure=True)

    return [column(name, title) for name, title in FIGURE_TITLES]


def aging_columns(aging_of: Callable[[R], Aging]) -> list[Column[R]]:
    """One right-aligned column per R17 bucket, reading the aging of each record."""

    def column(name: str, title: str, tip: str) -> Column[R]:
        return Column(title, lambda r: amount_text(getattr(aging_of(r), name)), True, tip)

    return [column(name, title, tip) for name, title, tip in AGING_TITLES]
