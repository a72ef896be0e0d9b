"""Skip Period…: one of the contract's coming periods, and why; a skipped period is never
billed (R16), as Atera's clerk deselects a period before the run."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from app import billing
from app.billing import ContractRecord, FieldProblem
from app.ui.context import UiContext
from app.ui.contracts.contract_action_dialog import ContractActionDialog
from app.ui.contracts.contract_labels import period_text, upcoming_periods

NOTE = "A skipped period is never billed, by the next run or any later one."
NOTHING_LEFT = "Every period of this contract up to its end is billed: none is left to skip."


class SkipPeriodDialog(ContractActionDialog):
    title = "Skip Period"
    action_text = "&Skip Period"

    def __init__(self, parent: QWidget | None, context: UiContext, contract: ContractRecord):
        super().__init__(parent, context, contract)
        self.period = QComboBox()
        self.period.setObjectName("skip-period")
        for found in upcoming_periods(contract):
            self.period.addItem(period_text(found.start, found.end), found.start)
        self.reason = QLineEdit()
        self.reason.setObjectName("skip-reason")
        self.reason.setPlaceholderText("Goodwill, paused for the winter, …")
        self.add_row("period_start", "&Period", self.period)
        self.add_row("reason", "&Reason", self.reason)
        left = self.period.count() > 0
        self.note.setText(NOTE if left else NOTHING_LEFT)
        for widget in (self.period, self.reason, self.act_button):
            widget.setEnabled(left)

    def chosen_start(self) -> dt.date | None:
        start = self.period.currentData()
        return start if isinstance(start, dt.date) else None

    def question(self) -> str | None:
        if self.chosen_start() is None:
            self.errors.show([FieldProblem("period_start", "is required")])
            return None
        self.errors.clear()
        contract = self.contract
        return (
            f"Skip the period {self.period.currentText()} of contract {contract.number} "
            f"{contract.name}? It is never billed."
        )

    def apply(self, session: Session) -> ContractRecord:
        start = self.chosen_start()
        assert start is not None  # `question` asked for one
        return billing.skip_period(session, self.contract.number, start, self.reason.text())

    def done_text(self) -> str:
        return (
            f"Contract {self.contract.number}: the period {self.period.currentText()} is "
            "skipped and never billed."
        )
