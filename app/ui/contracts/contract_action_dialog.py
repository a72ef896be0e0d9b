"""The shape of End Contract… and Skip Period…: one contract, a few fields, and a button that
asks first and then has billing act; a refusal shows at its field and the dialog stays open."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.billing import ContractRecord, InvalidInput
from app.ui import messages
from app.ui.context import UiContext
from app.ui.contracts.contract_labels import BILLING_LABELS, every_text
from app.ui.operations import attempt
from app.ui.widgets.display import amount_text, date_text
from app.ui.widgets.field_errors import FieldErrors


def contract_summary(contract: ContractRecord) -> str:
    """One sentence naming the contract and its terms, at the top of its dialogs."""
    ends = f" to {date_text(contract.end_date)}" if contract.end_date else ""
    billed = (
        f"billed through {date_text(contract.billed_through)}"
        if contract.billed_through
        else "nothing billed yet"
    )
    return (
        f"Contract {contract.number} — {contract.name}, of {contract.customer_number} "
        f"{contract.customer_name}: {amount_text(contract.amount)} every "
        f"{every_text(contract.period_months)} from {date_text(contract.start_date)}{ends}, "
        f"{BILLING_LABELS[contract.billing].lower()}; {billed}."
    )


class ContractActionDialog(QDialog):
    """A subclass adds its rows to `form`, says what it asks (`question`), and has billing act
    (`apply`); `changed` is the contract as billing gives it back, once it acted."""

    title = ""
    action_text = ""  # the button's text, with its Alt key

    def __init__(self, parent: QWidget | None, context: UiContext, contract: ContractRecord):
        super().__init__(parent)
        self.context = context
        self.contract = contract
        self.changed: ContractRecord | None = None
        self.setWindowTitle(self.title)
        self.errors = FieldErrors()
        self.summary = QLabel(contract_summary(contract))
        self.summary.setWordWrap(True)
        self.form = QFormLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.act_button: QPushButton = self.buttons.addButton(
            self.action_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        # Enter in a field presses it (its question's default answer is Cancel), also after
        # the keyboard passed by Cancel.
        self.act_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.first_field: QWidget | None = None
        self.buttons.accepted.connect(self.act)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def add_row(self, field: str, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        self.form.addRow(label, self.errors.attach(field, widget))
        self.first_field = self.first_field or widget

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.first_field is not None and self.first_field.isEnabled():
            self.first_field.setFocus()

    # What a subclass provides.
    def question(self) -> str | None:
        """What to ask before acting; None when a field cannot be read (it says why)."""
        raise NotImplementedError

    def apply(self, session: Session) -> ContractRecord:
        raise NotImplementedError

    def done_text(self) -> str:
        """What was done, for the status line."""
        raise NotImplementedError

    # Acting.
    def act(self) -> None:
        question = self.question()
        if question is None:
            return
        if not messages.confirm(self, self.title, question, self.act_button.text()):
            return
        if attempt(self, self.title, self._apply) is not None:
            self.accept()

    def _apply(self) -> ContractRecord | None:
        try:
            with self.context.transaction() as session:
                self.changed = self.apply(session)
        except InvalidInput as error:
            elsewhere = self.errors.show(error.problems)
            if elsewhere:
                text = "\n".join(problem.sentence for problem in elsewhere)
                messages.show_error(self, self.title, text)
            return None
        return self.changed
