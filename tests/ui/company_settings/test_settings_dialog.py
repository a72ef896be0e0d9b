"""Company settings: edited with a live preview, saved, and printed on the next report."""

from __future__ import annotations

import io

import pypdf
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import Envelope
from app.jobs import printing
from app.ui.company_settings.settings_dialog import CompanySettingsDialog
from app.ui.context import UiContext
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs


def first_customer_page_text(pdf: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[1].extract_text()


def dialog_for(qtbot: QtBot, context: UiContext) -> CompanySettingsDialog:
    dialog = CompanySettingsDialog(None, context)
    qtbot.addWidget(dialog)
    return dialog


def test_preview_follows_the_form(qtbot: QtBot, context: UiContext) -> None:
    dialog = dialog_for(qtbot, context)
    assert "Your Company" in first_customer_page_text(dialog.preview.pdf)
    dialog.edits["company_name"].setText("Harbor Supply Co.")
    dialog.edits["city_line"].setText("Portland, ME 04101")
    qtbot.waitUntil(lambda: "Harbor Supply Co." in first_customer_page_text(dialog.preview.pdf))
    assert "Portland, ME 04101" in first_customer_page_text(dialog.preview.pdf)
    us_height = dialog.preview.pixmap().height()
    dialog.envelope.setCurrentIndex(dialog.envelope.findData(Envelope.DIN5008))
    # A4 with the DIN window lower down: the preview shows more of the page's top.
    assert dialog.preview.pixmap().height() > us_height


def test_saved_settings_are_on_the_next_report(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    dialog = dialog_for(qtbot, context)
    values = {
        "company_name": "Harbor Supply Co.",
        "address1": "48 Wharf Street",
        "city_line": "Portland, ME 04101",
        "phone": "+1 207 555 0142",
        "email": "billing@harborsupply.example",
        "footer": "Payment within 30 days, please.",
    }
    for name, value in values.items():
        dialog.edits[name].setText(value)
    dialog.envelope.setCurrentIndex(dialog.envelope.findData(Envelope.DIN5008))
    dialog.save()
    assert dialog.result() == CompanySettingsDialog.DialogCode.Accepted
    assert dialogs.errors == []
    with context.read() as session:
        saved = billing.load_settings(session)
    report = printing.preview(context.db, 1)
    assert saved.company_name == "Harbor Supply Co."
    assert saved.envelope is Envelope.DIN5008
    text = first_customer_page_text(report)
    for value in values.values():
        assert value in text
    assert round(pypdf.PdfReader(io.BytesIO(report)).pages[1].mediabox.height) == 842  # A4
    again = dialog_for(qtbot, context)
    assert again.edits["footer"].text() == "Payment within 30 days, please."


def test_company_name_is_required(qtbot: QtBot, context: UiContext, dialogs: Dialogs) -> None:
    dialog = dialog_for(qtbot, context)
    dialog.edits["company_name"].setText("   ")
    dialog.save()
    assert dialogs.errors == []
    error = dialog.findChild(QLabel, "error-company_name")
    assert error is not None
    assert error.isVisibleTo(dialog)
    assert error.text() == "Company name is required"
    assert dialog.result() != CompanySettingsDialog.DialogCode.Accepted
    with context.transaction() as session:
        assert billing.load_settings(session).company_name == "Your Company"
