"""A form's Amount and Tax beside its line editor: while there are lines they show what the
lines add up to (billing's sums, at the customer's tax rate) and cannot be typed in; without
lines they are typed as they always were."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPalette

from app.billing import ZERO, FieldProblem, line_totals
from app.ui.widgets.line_editor import LineEditor
from app.ui.widgets.money_edit import MoneyEdit
from app.ui.widgets.record_form import read_fields

SUMMED = "The sum of the lines; remove every line to type it instead."


class SummedFields:
    def __init__(self, lines: LineEditor, amount: MoneyEdit, tax: MoneyEdit) -> None:
        self.lines = lines
        self.fields = (amount, tax)
        self._palettes = {edit: QPalette(edit.palette()) for edit in self.fields}

    def show(self) -> None:
        """Show the sums in the fields while there are lines; hand them back when there are
        none (what they showed stays, to type over)."""
        summed = self.lines.has_lines()
        for edit in self.fields:
            edit.setReadOnly(summed)
            palette = QPalette(self._palettes[edit])
            if summed:  # read-only looks read-only
                palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            edit.setPalette(palette)
            if summed or edit.toolTip() == SUMMED:
                edit.setToolTip(SUMMED if summed else "")
        if summed:
            amount, tax = self.lines.sums()
            self.fields[0].set_amount(amount)
            self.fields[1].set_amount(tax)

    def read(self) -> tuple[dict[str, Any], list[FieldProblem]]:
        """Amount, tax and lines for billing's draft: the lines' sums with the lines, or the
        typed amount and tax; or why the typed values cannot be read."""
        amount, tax = self.fields
        if not self.lines.has_lines():
            values, problems = read_fields({"amount": amount.amount, "tax": tax.amount})
            return {**values, "lines": ()}, problems
        drafts, problems = self.lines.read()
        # An unknown rate (no such customer) is billing's to refuse, by the customer's name.
        added, taxed = line_totals(drafts, self.lines.tax_rate or ZERO)
        return {"amount": added, "tax": taxed, "lines": drafts}, problems
