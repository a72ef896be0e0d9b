"""Company settings: what the report prints about the company, with a live preview, and the
defaults of invoicing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import billing
from app.billing import CompanySettings, Envelope, FieldProblem, InvalidInput, setting_text
from app.billing.errors import FOLLOWS_THE_NAME
from app.billing.settings import LARGEST_TERMS, CreditMethod, parse_percent
from app.billing.typed_values import parse_whole_number
from app.ui import messages
from app.ui.company_settings.header_preview import HeaderPreview
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.sending.mail_settings_dialog import MailSettingsDialog
from app.ui.widgets.field_errors import FieldErrors

# Field, label, placeholder: in the order the header prints them.
TEXT_FIELDS = (
    ("company_name", "Company &name", "Required"),
    ("address1", "&Address", "Street and number"),
    ("address2", "", "Second address line"),
    ("city_line", "&City line", "Postal code, city, region"),
    ("country", "C&ountry", ""),
    ("phone", "&Phone", ""),
    ("email", "&Email", ""),
    ("footer", "&Footer", "Printed under each statement"),
)
# Field, label, tooltip: the defaults of invoicing, none of which the preview shows.
DEFAULT_FIELDS = (
    ("tax_rate", "&Tax rate %", "A percentage, like 8.25; 0 for no tax."),
    (
        "terms_days",
        "Ter&ms in days",
        "Days from the invoice date to its due date; 0 for due on receipt.",
    ),
)
PREFIX_FIELDS = (
    ("invoice_prefix", "&Invoice prefix", "INV- numbers invoices INV-00001, INV-00002, …"),
    ("credit_memo_prefix", "C&redit memo prefix", "CM- numbers credit memos CM-00001, …"),
    ("debit_memo_prefix", "&Debit memo prefix", "DM- numbers debit memos DM-00001, …"),
)
# Field, label, tooltip: the accounts an export (R18) posts to, by name or code.
ACCOUNT_FIELDS = (
    (
        "ar_account",
        "A/R acco&unt",
        "The accounts receivable account each invoice and memo is posted to.",
    ),
    ("income_account", "Income account", "The income account the lines are posted to."),
    ("tax_account", "Ta&x account", "The liability account the tax is posted to."),
)
# How a part period is credited when a contract ends inside a period billed in advance (R16).
CREDIT_METHODS = (
    (CreditMethod.DAILY, "Daily: the days left of the period"),
    (CreditMethod.MONTHLY, "Monthly: the whole months left"),
    (CreditMethod.NONE, "None: no credit"),
)
# Billing names these fields by their keys ("Ar account"); the form by its labels.
FIELD_LABELS = {
    "card_fee_percent": "Card fee %",
    "ar_account": "A/R account",
    "income_account": "Income account",
    "tax_account": "Tax account",
}
FIELD_WIDTH = 320
SHORT_FIELD = 120
PREVIEW_DELAY_MS = 250  # typing is not slowed down by a render per key
RATE_REASON = "must be a percentage from 0 to 100 (0 for no tax)"
TERMS_REASON = f"must be a number of days from 0 to {LARGEST_TERMS}"
CARD_FEE_REASON = "must be a percentage from 0 to 100 (0 for no card fee)"
T = TypeVar("T")


def _days(text: str) -> int:
    return parse_whole_number(text, "a number of days")


def _as_labelled(problems: Sequence[FieldProblem]) -> list[FieldProblem]:
    """The problems with the reasons of the fields in FIELD_LABELS made whole sentences that
    name the field as its label does ("A/R account is required")."""
    return [
        FieldProblem(p.field, f"{FIELD_LABELS[p.field]} {p.reason}", p.line)
        if p.field in FIELD_LABELS and p.reason.startswith(FOLLOWS_THE_NAME)
        else p
        for p in problems
    ]


class CompanySettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: UiContext) -> None:
        super().__init__(parent)
        self.setWindowTitle("Company Settings")
        self.context = context
        self.edits: dict[str, QLineEdit] = {}
        self.errors = FieldErrors()
        self.shown = CompanySettings()
        self.envelope = QComboBox()
        for envelope in Envelope:
            self.envelope.addItem(envelope.label, envelope)
        self.show_invoice_lines = QCheckBox("Show invoice &lines on statements")
        self.show_invoice_lines.setObjectName("show_invoice_lines")
        self.show_invoice_lines.setToolTip(
            "Print each invoice's and memo's lines indented under it on the statement."
        )
        self.require_approval = QCheckBox(
            "&Batches need approval before they are printed, sent or exported"
        )
        self.require_approval.setObjectName("require_approval")
        self.require_approval.setToolTip(
            "An approved batch is locked; it can be unapproved while nothing was printed, "
            "sent or exported."
        )
        self.part_period_credit = QComboBox()
        self.part_period_credit.setObjectName("part_period_credit")
        for method, label in CREDIT_METHODS:
            self.part_period_credit.addItem(label, method)
        self.part_period_credit.setToolTip(
            "When a contract ends inside a period billed in advance, the unused part is "
            "credited by the days left, by the whole months left (periods of 3 months or "
            "more), or not at all."
        )
        self.preview = HeaderPreview()
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.groups = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.forms = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.side = QBoxLayout(QBoxLayout.Direction.TopToBottom)  # the preview, then the rest
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        mail = self.buttons.addButton("Email Settings…", QDialogButtonBox.ButtonRole.ActionRole)
        mail.setObjectName("email-settings")
        mail.setToolTip("The SMTP server, sender and message that statements are emailed with")
        mail.clicked.connect(lambda: MailSettingsDialog(self, context).exec())
        self._lay_out()
        loaded = attempt(parent, "Company Settings", self._load)
        self.show_settings(loaded or CompanySettings())
        for name, _label, _placeholder in TEXT_FIELDS:
            self.edits[name].textChanged.connect(self.preview_timer.start)
        self.envelope.currentIndexChanged.connect(self.update_preview)
        # Measured with the preview shown, which sets its size.
        self.arrange_for(self.screen().availableGeometry().width())

    def _lay_out(self) -> None:
        self.forms.addWidget(self._report_group())
        self.forms.addWidget(self._invoicing_group())
        preview = QGroupBox("Preview: the top of a statement")
        preview_layout = QVBoxLayout(preview)
        # Centred when the preview is under the forms, which are wider than it.
        preview_layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        note = QLabel("Saved settings are used by the next report printed or previewed.")
        note.setWordWrap(True)
        preview_layout.addWidget(note)
        preview_layout.addStretch(1)
        self.groups.addLayout(self.forms, 1)
        self.side.addWidget(preview)
        self.side.addWidget(self._contracts_group())
        self.groups.addLayout(self.side)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addLayout(self.groups)
        self.main_layout.addWidget(self.buttons)

    def _report_group(self) -> QGroupBox:
        form = QFormLayout()
        for name, label, placeholder in TEXT_FIELDS:
            edit = self._edit(name, placeholder)
            edit.setMinimumWidth(FIELD_WIDTH)
            form.addRow(label, self.errors.attach(name, edit))
        form.addRow("En&velope", self.envelope)
        group = QGroupBox("What the report prints")
        group.setLayout(form)
        return group

    def _invoicing_group(self) -> QGroupBox:
        form = QFormLayout()
        note = QLabel("A customer's own tax rate and terms, where set, come before these.")
        note.setWordWrap(True)
        form.addRow(note)
        for fields in (DEFAULT_FIELDS, PREFIX_FIELDS):
            for name, label, tip in fields:
                edit = self._edit(name, "")
                edit.setToolTip(tip)
                edit.setMaximumWidth(SHORT_FIELD)
                form.addRow(label, self.errors.attach(name, edit))
            if fields is DEFAULT_FIELDS:
                lines = self.errors.attach("show_invoice_lines", self.show_invoice_lines)
                form.addRow("", lines)
        card_fee = self._edit("card_fee_percent", "")
        card_fee.setToolTip(
            "A card payment adds a card fee debit memo of this percentage of it; 0 for none."
        )
        card_fee.setMaximumWidth(SHORT_FIELD)
        form.addRow(
            FIELD_LABELS["card_fee_percent"], self.errors.attach("card_fee_percent", card_fee)
        )
        form.addRow(self.errors.attach("require_approval", self.require_approval))
        group = QGroupBox("Invoicing")
        group.setObjectName("invoicing")
        group.setLayout(form)
        return group

    def _contracts_group(self) -> QGroupBox:
        form = QFormLayout()
        credits = self.errors.attach("part_period_credit", self.part_period_credit)
        form.addRow("Part-period credit&s", credits)
        for name, label, tip in ACCOUNT_FIELDS:
            edit = self._edit(name, "Required")
            edit.setToolTip(tip)
            form.addRow(label, self.errors.attach(name, edit))
        group = QGroupBox("Contracts and exports")
        group.setObjectName("contracts-and-exports")
        group.setLayout(form)
        return group

    def _edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        self.edits[name] = edit
        return edit

    def arrange_for(self, width: int) -> None:
        """The forms one above the other beside the preview where the screen is wide enough
        (the preview follows the typing in sight), else the forms side by side over the
        preview: beside it the dialog is wider than a 1024 px screen, and all three one
        above the other taller than a 700 px one. Contracts and exports sit under the preview
        when it is beside the forms, and beside it when it is under them."""
        self.groups.setDirection(QBoxLayout.Direction.LeftToRight)
        self.forms.setDirection(QBoxLayout.Direction.TopToBottom)
        self.side.setDirection(QBoxLayout.Direction.TopToBottom)
        self.main_layout.invalidate()  # else it measures the arrangement it had before
        if self.main_layout.totalMinimumSize().width() > width:
            self.groups.setDirection(QBoxLayout.Direction.TopToBottom)
            self.forms.setDirection(QBoxLayout.Direction.LeftToRight)
            self.side.setDirection(QBoxLayout.Direction.LeftToRight)

    def _load(self) -> CompanySettings:
        with self.context.read() as session:
            return billing.load_settings(session)

    def show_settings(self, settings: CompanySettings) -> None:
        self.shown = settings
        for name, edit in self.edits.items():
            edit.setText(setting_text(settings, name))
            edit.home(False)  # show the start of a long value, not its end
        self.envelope.setCurrentIndex(self.envelope.findData(settings.envelope))
        self.show_invoice_lines.setChecked(settings.show_invoice_lines)
        self.require_approval.setChecked(settings.require_approval)
        credit = self.part_period_credit.findData(settings.part_period_credit)
        self.part_period_credit.setCurrentIndex(credit)
        self.update_preview()

    def read(self) -> tuple[CompanySettings, list[FieldProblem]]:
        """What the form holds now, and the fields whose text is no value of their kind
        (those keep the value last shown). Billing checks the values when they are saved."""
        problems: list[FieldProblem] = []
        tax_rate = self._value("tax_rate", parse_percent, RATE_REASON, problems)
        terms_days = self._value("terms_days", _days, TERMS_REASON, problems)
        card_fee = self._value("card_fee_percent", parse_percent, CARD_FEE_REASON, problems)

        def text(name: str) -> str:
            return self.edits[name].text().strip()

        # On what was shown: the settings this form has no field for are kept as they are.
        settings = replace(
            self.shown,
            company_name=text("company_name"),
            address1=text("address1"),
            address2=text("address2"),
            city_line=text("city_line"),
            country=text("country"),
            phone=text("phone"),
            email=text("email"),
            footer=text("footer"),
            envelope=Envelope(self.envelope.currentData()),
            tax_rate=self.shown.tax_rate if tax_rate is None else tax_rate,
            terms_days=self.shown.terms_days if terms_days is None else terms_days,
            show_invoice_lines=self.show_invoice_lines.isChecked(),
            invoice_prefix=text("invoice_prefix"),
            credit_memo_prefix=text("credit_memo_prefix"),
            debit_memo_prefix=text("debit_memo_prefix"),
            card_fee_percent=self.shown.card_fee_percent if card_fee is None else card_fee,
            require_approval=self.require_approval.isChecked(),
            part_period_credit=CreditMethod(self.part_period_credit.currentData()),
            ar_account=text("ar_account"),
            income_account=text("income_account"),
            tax_account=text("tax_account"),
        )
        return settings, _as_labelled(problems)

    def _value(
        self, name: str, parse: Callable[[str], T], empty_reason: str, problems: list[FieldProblem]
    ) -> T | None:
        """The field's value, or None with the reason it cannot be read in `problems`."""
        text = self.edits[name].text().strip()
        try:
            if not text:
                raise ValueError(empty_reason)
            return parse(text)
        except ValueError as error:
            problems.append(FieldProblem(name, str(error)))
            return None

    def settings(self) -> CompanySettings:
        """What the form holds now; InvalidInput names each field whose text cannot be read."""
        settings, problems = self.read()
        if problems:
            raise InvalidInput(problems)
        return settings

    def update_preview(self) -> None:
        self.preview_timer.stop()
        settings, _unreadable = self.read()  # the preview shows none of the invoicing fields
        if not settings.company_name:
            # The header without a name would mislead; saving refuses it anyway.
            settings = replace(settings, company_name="(company name)")
        self.preview.show_settings(settings)

    def save(self) -> None:
        def store() -> CompanySettings | None:
            self.errors.clear()
            try:
                settings = self.settings()
                with self.context.transaction() as session:
                    billing.save_settings(session, settings)
                    return billing.load_settings(session)
            except InvalidInput as refused:
                elsewhere = self.errors.show(_as_labelled(refused.problems))
                if elsewhere:
                    messages.show_error(self, "Company Settings", str(InvalidInput(elsewhere)))
                return None

        if attempt(self, "Company Settings", store) is not None:
            self.accept()
