"""Edit a transaction of an unprinted batch (R7): type, number, dates, amounts, description,
lines."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import FieldProblem, InvalidInput, TransactionDraft, TransactionRecord
from app.models import TransactionType
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.field_errors import ERROR_STYLE, FieldErrors
from app.ui.widgets.line_editor import LineEditor
from app.ui.widgets.line_sums import SummedFields
from app.ui.widgets.money_edit import MoneyEdit
from app.ui.widgets.record_form import read_fields

# A payment is never in a batch, so a batched transaction is one of these.
DOCUMENT_TYPES = (TransactionType.INVOICE, TransactionType.CREDIT_MEMO, TransactionType.DEBIT_MEMO)


class TransactionEditDialog(QDialog):
    """Saves through `billing.update_transaction`; refused fields are named beside the field."""

    def __init__(
        self, parent: QWidget | None, context: UiContext, record: TransactionRecord
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.record = record
        self.saved: TransactionRecord | None = None
        self.setWindowTitle(f"Edit {record.type.label} {record.number}")
        self.type_combo = QComboBox()
        for kind in DOCUMENT_TYPES:
            self.type_combo.addItem(kind.label, kind.value)
        self.type_combo.setCurrentIndex(self.type_combo.findData(record.type.value))
        self.number_edit = QLineEdit(record.number)
        self.invoice_date_edit = DateEdit()
        self.invoice_date_edit.set_date(record.invoice_date)
        self.due_date_edit = DateEdit()
        self.due_date_edit.set_date(record.due_date)
        self.amount_edit = MoneyEdit()
        self.amount_edit.set_amount(record.amount)
        self.tax_edit = MoneyEdit(empty_is_zero=True)
        self.tax_edit.set_amount(record.tax)
        self.description_edit = QLineEdit(record.description)
        self.lines = LineEditor()
        self.sums = SummedFields(self.lines, self.amount_edit, self.tax_edit)
        self.errors = FieldErrors()
        self.other_error = QLabel()
        self._load_lines()
        self._lay_out()
        self.lines.sig_changed.connect(self.sums.show)
        self.addActions([self.lines.add_action, self.lines.remove_action])  # from any field

    def _load_lines(self) -> None:
        """The lines as saved (a statement's record may come without them), taxed at the
        customer's rate, with the company's service types to choose from."""
        with self.context.read() as session:
            lines = billing.transaction_lines(session, self.record.id)
            tax_rate = billing.customer_tax_rate(session, self.record.customer_number)
            service_types = billing.list_service_types(session)
        self.lines.set_service_types(service_types)
        self.lines.set_tax_rate(tax_rate)
        self.lines.set_lines(lines)
        self.sums.show()

    def _lay_out(self) -> None:
        customer = f"{self.record.customer_number} — {self.record.customer_name}"
        form = QFormLayout()
        form.addRow("Customer:", QLabel(customer))
        for field, caption, widget in (
            ("type", "&Type:", self.type_combo),
            ("number", "&Number:", self.number_edit),
            ("invoice_date", "&Invoice date:", self.invoice_date_edit),
            ("due_date", "D&ue date:", self.due_date_edit),
            ("amount", "Net &amount:", self.amount_edit),
            ("tax", "Ta&x:", self.tax_edit),
            ("description", "&Description:", self.description_edit),
        ):
            form.addRow(caption, self.errors.attach(field, widget))
        form.addRow(self.errors.attach("lines", self.lines))
        self.other_error.setStyleSheet(ERROR_STYLE)
        self.other_error.setWordWrap(True)
        self.other_error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.other_error)
        layout.addWidget(buttons)

    def draft(self) -> TransactionDraft | list[FieldProblem]:
        """What the fields say, or why a date or an amount cannot be read."""
        values, problems = read_fields(
            {"invoice_date": self.invoice_date_edit.value, "due_date": self.due_date_edit.value}
        )
        money, unreadable = self.sums.read()
        if problems or unreadable:
            return problems + unreadable
        return TransactionDraft(
            customer_number=self.record.customer_number,
            type=TransactionType(self.type_combo.currentData()),
            number=self.number_edit.text(),
            description=self.description_edit.text(),
            **values,
            **money,
        )

    def save(self) -> None:
        """Save and close; on refusal, keep the dialog open with the reasons at the fields."""
        draft = self.draft()
        if isinstance(draft, list):
            self.show_problems(draft)
            return
        refused: list[FieldProblem] = []

        def update() -> TransactionRecord | None:
            try:
                with self.context.transaction() as session:
                    return billing.update_transaction(session, self.record.id, draft)
            except InvalidInput as refusal:
                refused.extend(refusal.problems)
                return None

        saved = attempt(self, self.windowTitle(), update)
        if refused:
            self.show_problems(refused)
        elif saved is None:
            self.reject()  # refused for another reason, already shown (say, printed meanwhile)
        else:
            self.saved = saved
            self.accept()

    def show_problems(self, problems: list[FieldProblem]) -> None:
        elsewhere = self.errors.show(problems)
        self.other_error.setText("\n".join(p.sentence for p in elsewhere))
        self.other_error.setVisible(bool(elsewhere))
