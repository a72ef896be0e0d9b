"""End Contract…: the contract's last day. Billing in advance, the unused part of the period
that day cuts is credited by the next run through it (R16's part periods)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app import billing
from app.billing import Billing, ContractRecord, FieldProblem
from app.ui.context import UiContext
from app.ui.contracts.contract_action_dialog import ContractActionDialog
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.display import date_text

IN_ADVANCE = (
    "Nothing after this day is billed. When the day falls inside a period billed in advance, "
    "the next Bill Recurring Charges run through this day or later makes a part-period credit "
    "memo for the unused part of that period."
)
IN_ARREARS = (
    "Nothing after this day is billed. When the day falls inside a period, the next Bill "
    "Recurring Charges run through this day or later bills that period for the days used."
)


class EndContractDialog(ContractActionDialog):
    title = "End Contract"
    action_text = "&End Contract"

    def __init__(self, parent: QWidget | None, context: UiContext, contract: ContractRecord):
        super().__init__(parent, context, contract)
        self.end_date = DateEdit()
        self.end_date.setObjectName("end-contract-date")
        self.end_date.set_date(contract.end_date or dt.date.today())
        self.add_row("end_date", "&Last day", self.end_date)
        self.note.setText(IN_ADVANCE if contract.billing == Billing.ADVANCE else IN_ARREARS)

    def question(self) -> str | None:
        try:
            last_day = self.end_date.value()
        except ValueError as reason:
            self.errors.show([FieldProblem("end_date", str(reason))])
            return None
        self.errors.clear()
        contract, day = self.contract, date_text(last_day)
        follows = (
            f"A part-period credit may follow on the next run through {day} or later."
            if contract.billing == Billing.ADVANCE
            else f"Its last period is billed for the days used on the next run through {day}."
        )
        return f"End contract {contract.number} {contract.name} on {day}? {follows}"

    def apply(self, session: Session) -> ContractRecord:
        return billing.end_contract(session, self.contract.number, self.end_date.value())

    def done_text(self) -> str:
        return f"Contract {self.contract.number} ends on {date_text(self.end_date.value())}."
