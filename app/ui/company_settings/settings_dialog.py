"""Company settings: what the report prints about the company, with a live preview."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
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
from app.billing import CompanySettings, Envelope, InvalidInput
from app.ui import messages
from app.ui.company_settings.header_preview import HeaderPreview
from app.ui.context import UiContext
from app.ui.operations import attempt
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
FIELD_WIDTH = 320
PREVIEW_DELAY_MS = 250  # typing is not slowed down by a render per key


class CompanySettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: UiContext) -> None:
        super().__init__(parent)
        self.setWindowTitle("Company Settings")
        self.context = context
        self.edits: dict[str, QLineEdit] = {}
        self.errors = FieldErrors()
        self.envelope = QComboBox()
        for envelope in Envelope:
            self.envelope.addItem(envelope.label, envelope)
        self.preview = HeaderPreview()
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.groups = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        loaded = attempt(parent, "Company Settings", self._load)
        self.show_settings(loaded or CompanySettings())
        for edit in self.edits.values():
            edit.textChanged.connect(self.preview_timer.start)
        self.envelope.currentIndexChanged.connect(self.update_preview)
        # Measured with the preview shown, which sets its size.
        self.arrange_for(self.screen().availableGeometry().width())

    def _lay_out(self) -> None:
        form = QFormLayout()
        for name, label, placeholder in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(placeholder)
            edit.setMinimumWidth(FIELD_WIDTH)
            self.edits[name] = edit
            form.addRow(label, self.errors.attach(name, edit))
        form.addRow("En&velope", self.envelope)
        details = QGroupBox("What the report prints")
        details.setLayout(form)
        preview = QGroupBox("Preview: the top of a statement")
        preview_layout = QVBoxLayout(preview)
        preview_layout.addWidget(self.preview)
        note = QLabel("Saved settings are used by the next report printed or previewed.")
        note.setWordWrap(True)
        preview_layout.addWidget(note)
        preview_layout.addStretch(1)
        self.groups.addWidget(details, 1)
        self.groups.addWidget(preview)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addLayout(self.groups)
        self.main_layout.addWidget(self.buttons)

    def arrange_for(self, width: int) -> None:
        """The form beside its preview where the screen is wide enough (the preview follows
        the typing in sight), else the preview under the form: side by side the dialog is
        wider than a 1024 px screen."""
        self.groups.setDirection(QBoxLayout.Direction.LeftToRight)
        self.main_layout.invalidate()  # else it measures the arrangement it had before
        if self.main_layout.totalMinimumSize().width() > width:
            self.groups.setDirection(QBoxLayout.Direction.TopToBottom)

    def _load(self) -> CompanySettings:
        with self.context.read() as session:
            return billing.load_settings(session)

    def show_settings(self, settings: CompanySettings) -> None:
        for name, edit in self.edits.items():
            edit.setText(str(getattr(settings, name)))
            edit.home(False)  # show the start of a long value, not its end
        self.envelope.setCurrentIndex(self.envelope.findData(settings.envelope))
        self.update_preview()

    def settings(self) -> CompanySettings:
        """What the form holds now; checked by billing when saved."""
        texts: dict[str, Any] = {name: edit.text().strip() for name, edit in self.edits.items()}
        envelope = Envelope(self.envelope.currentData())
        return replace(CompanySettings(), envelope=envelope, **texts)

    def update_preview(self) -> None:
        self.preview_timer.stop()
        settings = self.settings()
        if not settings.company_name:
            # The header without a name would mislead; saving refuses it anyway.
            settings = replace(settings, company_name="(company name)")
        self.preview.show_settings(settings)

    def save(self) -> None:
        settings = self.settings()

        def store() -> CompanySettings | None:
            self.errors.clear()
            try:
                with self.context.transaction() as session:
                    billing.save_settings(session, settings)
                    return billing.load_settings(session)
            except InvalidInput as refused:
                elsewhere = self.errors.show(refused.problems)
                if elsewhere:
                    messages.show_error(self, "Company Settings", str(InvalidInput(elsewhere)))
                return None

        if attempt(self, "Company Settings", store) is not None:
            self.accept()
