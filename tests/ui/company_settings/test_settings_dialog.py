"""Company settings: edited with a live preview, saved, and printed on the next report."""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import CompanySettings, Envelope
from app.billing.settings import CreditMethod
from app.jobs import printing
from app.ui.company_settings.settings_dialog import CompanySettingsDialog
from app.ui.context import UiContext
from tests.ui.batch_scenario import generated
from tests.ui.conftest import Dialogs
from tests.ui.test_page_keys import mnemonics
from tests.ui.widgets.entering import Entry, enter, focused, shown, type_into

ACCOUNTS = ("ar_account", "income_account", "tax_account")
INVOICING = ("tax_rate", "terms_days", "invoice_prefix", "credit_memo_prefix", "debit_memo_prefix")


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


def _saved(context: UiContext) -> CompanySettings:
    with context.read() as session:
        return billing.load_settings(session)


def test_invoicing_settings_are_typed_saved_and_shown_again(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = dialog_for(qtbot, context)
    shown(qtbot, dialog)
    edits = dialog.edits
    assert [edits[name].text() for name in INVOICING] == ["0", "30", "INV-", "CM-", "DM-"]
    assert dialog.show_invoice_lines.isChecked()
    type_into(qtbot, edits["tax_rate"], Entry.CLICK_SELECT_ALL, "8.25")
    assert focused() is edits["terms_days"]
    QTest.keyClicks(focused(), "45")  # Tab in selected the 30
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.show_invoice_lines
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    for name, typed in (("invoice_prefix", "F26-"), ("credit_memo_prefix", "CR-")):
        assert focused() is edits[name]
        QTest.keyClicks(focused(), typed)
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClick(focused(), Qt.Key.Key_Return)  # in Debit memo prefix, as it was: saves
    assert dialogs.errors == []
    assert dialog.result() == CompanySettingsDialog.DialogCode.Accepted

    saved = _saved(context)
    assert (saved.tax_rate, saved.terms_days, saved.show_invoice_lines) == (
        Decimal("8.25"),
        45,
        False,
    )
    assert (saved.invoice_prefix, saved.credit_memo_prefix, saved.debit_memo_prefix) == (
        "F26-",
        "CR-",
        "DM-",
    )
    again = dialog_for(qtbot, context)
    assert [again.edits[name].text() for name in INVOICING] == ["8.25", "45", "F26-", "CR-", "DM-"]
    assert not again.show_invoice_lines.isChecked()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("tax_rate", "eight", "'eight' is not a percentage (write 8.25 for 8.25 %)"),
        ("tax_rate", "", "Tax rate must be a percentage from 0 to 100 (0 for no tax)"),
        ("tax_rate", "8.12345", "Tax rate has more than four decimals"),
        ("terms_days", "thirty", "'thirty' is not a number of days (use the digits 0 to 9)"),
        ("terms_days", "", "Terms must be a number of days from 0 to 3650"),
        # Read, then refused by billing when saved.
        ("terms_days", "3651", "Terms must be a number of days from 0 to 3650"),
        (
            "invoice_prefix",
            "INVOICE-FROM-NORTHWIND-",
            "Invoice prefix is longer than 20 characters",
        ),
    ],
)
def test_a_bad_invoicing_value_is_refused_at_its_field(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, field: str, typed: str, message: str
) -> None:
    dialog = dialog_for(qtbot, context)
    shown(qtbot, dialog)
    dialog.edits["company_name"].setText("Harbor Supply Co.")
    enter(qtbot, dialog.edits[field], Entry.CLICK_SELECT_ALL)
    if typed:
        QTest.keyClicks(focused(), typed)
    else:
        QTest.keyClick(focused(), Qt.Key.Key_Delete)
    assert dialog.edits[field].text() == typed
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.errors.message(field) == message
    assert focused() is dialog.edits[field]
    assert dialogs.errors == []
    assert dialog.result() != CompanySettingsDialog.DialogCode.Accepted
    assert _saved(context) == CompanySettings()  # nothing saved, the name neither


def test_the_preview_follows_the_name_while_the_tax_rate_cannot_be_read(
    qtbot: QtBot, context: UiContext
) -> None:
    dialog = dialog_for(qtbot, context)
    dialog.edits["tax_rate"].setText("abc")
    dialog.edits["company_name"].setText("Harbor Supply Co.")
    qtbot.waitUntil(lambda: "Harbor Supply Co." in first_customer_page_text(dialog.preview.pdf))


def test_the_invoicing_group_sits_beside_the_report_group_on_a_1024_px_screen(
    qtbot: QtBot, context: UiContext
) -> None:
    dialog = dialog_for(qtbot, context)
    dialog.show()
    invoicing = dialog.findChild(QGroupBox, "invoicing")
    assert invoicing is not None

    def where(widget: QWidget) -> QPoint:
        return widget.mapTo(dialog, QPoint(0, 0))

    dialog.arrange_for(1024)
    dialog.adjustSize()
    QApplication.processEvents()
    name, tax, preview = (
        where(dialog.edits["company_name"]),
        where(invoicing),
        where(dialog.preview),
    )
    assert tax.x() > name.x() + dialog.edits["company_name"].width()
    assert preview.y() > tax.y() + invoicing.height()

    dialog.arrange_for(1920)
    dialog.adjustSize()
    QApplication.processEvents()
    footer, tax, preview = where(dialog.edits["footer"]), where(invoicing), where(dialog.preview)
    assert tax.y() > footer.y()
    assert preview.x() > tax.x() + invoicing.width()


def test_approval_card_fee_credits_and_accounts_are_typed_saved_and_shown_again(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = dialog_for(qtbot, context)
    shown(qtbot, dialog)
    edits = dialog.edits
    assert [edits[name].text() for name in ACCOUNTS] == [
        "Accounts Receivable",
        "Sales",
        "Sales Tax Payable",
    ]
    assert edits["card_fee_percent"].text() == "0"
    assert not dialog.require_approval.isChecked()
    assert dialog.part_period_credit.currentData() == CreditMethod.DAILY
    type_into(qtbot, edits["card_fee_percent"], Entry.CLICK_SELECT_ALL, "2.9")
    assert focused() is dialog.require_approval  # Tab went on from the card fee
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    dialog.part_period_credit.setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Down)  # daily to monthly
    for name, typed in zip(ACCOUNTS, ("1200", "4000 Services", "2200"), strict=True):
        type_into(qtbot, edits[name], Entry.CLICK_SELECT_ALL, typed)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialogs.errors == []
    assert dialog.result() == CompanySettingsDialog.DialogCode.Accepted

    saved = _saved(context)
    assert (saved.card_fee_percent, saved.require_approval, saved.part_period_credit) == (
        Decimal("2.9"),
        True,
        CreditMethod.MONTHLY,
    )
    assert (saved.ar_account, saved.income_account, saved.tax_account) == (
        "1200",
        "4000 Services",
        "2200",
    )
    assert saved.company_name == "Your Company"  # the rest as it was
    again = dialog_for(qtbot, context)
    assert again.edits["card_fee_percent"].text() == "2.9"
    assert again.require_approval.isChecked()
    assert again.part_period_credit.currentData() == CreditMethod.MONTHLY
    assert [again.edits[name].text() for name in ACCOUNTS] == ["1200", "4000 Services", "2200"]


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("card_fee_percent", "three", "'three' is not a percentage (write 8.25 for 8.25 %)"),
        (
            "card_fee_percent",
            "",
            "Card fee % must be a percentage from 0 to 100 (0 for no card fee)",
        ),
        ("card_fee_percent", "101", "Card fee % must be from 0 to 100"),
        ("card_fee_percent", "2.90001", "Card fee % has more than four decimals"),
        ("ar_account", "", "A/R account is required"),
        ("income_account", "", "Income account is required"),
        ("tax_account", "", "Tax account is required"),
    ],
)
def test_a_bad_card_fee_or_account_is_refused_at_its_field(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs, field: str, typed: str, message: str
) -> None:
    dialog = dialog_for(qtbot, context)
    shown(qtbot, dialog)
    dialog.require_approval.setChecked(True)
    enter(qtbot, dialog.edits[field], Entry.CLICK_SELECT_ALL)
    if typed:
        QTest.keyClicks(focused(), typed)
    else:
        QTest.keyClick(focused(), Qt.Key.Key_Delete)
    assert dialog.edits[field].text() == typed
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.errors.message(field) == message
    error = dialog.findChild(QLabel, f"error-{field}")
    assert error is not None
    assert error.isVisibleTo(dialog)
    assert focused() is dialog.edits[field]
    assert dialogs.errors == []
    assert dialog.result() != CompanySettingsDialog.DialogCode.Accepted
    assert _saved(context) == CompanySettings()  # nothing saved, the approval neither


def test_no_alt_key_is_given_twice(qtbot: QtBot, context: UiContext) -> None:
    dialog = dialog_for(qtbot, context)
    keys = mnemonics(dialog)
    assert {key: n for key, n in Counter(keys).items() if n > 1} == {}
    assert {"b", "s", "u", "x"} <= set(keys)  # approval, part-period credits, two accounts


def test_contracts_and_exports_sit_under_the_preview_or_beside_it(
    qtbot: QtBot, context: UiContext
) -> None:
    dialog = dialog_for(qtbot, context)
    dialog.show()
    group = dialog.findChild(QGroupBox, "contracts-and-exports")
    assert group is not None

    def where(widget: QWidget) -> QPoint:
        return widget.mapTo(dialog, QPoint(0, 0))

    dialog.arrange_for(1024)
    dialog.adjustSize()
    QApplication.processEvents()
    assert where(group).x() > where(dialog.preview).x() + dialog.preview.width()
    assert dialog.width() <= 1024
    dialog.arrange_for(1920)
    dialog.adjustSize()
    QApplication.processEvents()
    assert where(group).y() > where(dialog.preview).y() + dialog.preview.height()
