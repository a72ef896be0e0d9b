"""Service Types…: add and change the kinds of work by keyboard; the work-entry form and the
filters offer them at once; one used by work cannot be deleted."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app import billing
from app.billing import ServiceTypeRecord
from app.ui.context import UiContext
from app.ui.work.service_types_dialog import ServiceTypesDialog, ServiceTypeTableModel
from app.ui.work.unbilled_work_page import UnbilledWorkPage
from tests.ui.conftest import Dialogs
from tests.ui.widgets.entering import Entry, focused, type_into


def kinds(context: UiContext) -> dict[str, ServiceTypeRecord]:
    with context.read() as session:
        return {kind.code: kind for kind in billing.list_service_types(session)}


def opened(qtbot: QtBot, page: UnbilledWorkPage) -> ServiceTypesDialog:
    QTest.mouseClick(page.service_types_button, Qt.MouseButton.LeftButton)
    dialog = page.service_types_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts reach the active window only
    return dialog


def test_a_new_service_type_typed_and_saved_is_offered_at_once(
    qtbot: QtBot, page: UnbilledWorkPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = opened(qtbot, page)
    editor = dialog.editor
    assert editor.model.rowCount() == 3
    form = editor.form
    QTest.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused() is form.code
    QTest.keyClicks(form.code, "WINTER")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(form.name, "Winterizing a pool")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(form.rate, "240")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.taxable
    QTest.keyClick(form.taxable, Qt.Key.Key_Space)  # not taxed
    QTest.keyClick(form.taxable, Qt.Key.Key_Return)

    assert dialogs.errors == []
    saved = kinds(context)["WINTER"]
    assert (saved.name, saved.rate, saved.taxable) == (
        "Winterizing a pool",
        Decimal("240.00"),
        False,
    )
    assert [editor.model.index(r, 0).data() for r in range(4)] == [
        "CONSULT",
        "LABOR",
        "TRIP",
        "WINTER",
    ]
    assert editor.model.index(3, ServiceTypeTableModel.COL_RATE).data() == "240.00"
    offered = page.entries.form.service_type
    assert offered.findData("WINTER") >= 0
    assert page.filters.service_type.findData("WINTER") >= 0


def test_a_service_type_is_changed_and_a_bad_rate_is_said_at_its_field(
    qtbot: QtBot, page: UnbilledWorkPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = opened(qtbot, page)
    editor = dialog.editor
    editor.view.select_row(1)  # LABOR
    form = editor.form
    assert form.title.text() == "Service type LABOR"
    type_into(qtbot, form.rate, Entry.CLICK_SELECT_ALL, "92.505")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert form.errors.message("rate") == "'92.505' has more than two decimals"
    type_into(qtbot, form.rate, Entry.CLICK_SELECT_ALL, "92.50")
    type_into(qtbot, form.name, Entry.CLICK_SELECT_ALL, "Labor, per hour (2027)")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    labor = kinds(context)["LABOR"]
    assert (labor.name, labor.rate) == ("Labor, per hour (2027)", Decimal("92.50"))
    assert dialogs.errors == []
    # Existing work keeps the rate it was entered at.
    with context.read() as session:
        rates = {w.rate for w in billing.list_work(session) if w.service_type == "LABOR"}
    assert rates == {Decimal("85.00"), Decimal("90.00")}


def test_a_code_taken_is_refused_at_the_field(
    qtbot: QtBot, page: UnbilledWorkPage, dialogs: Dialogs
) -> None:
    dialog = opened(qtbot, page)
    form = dialog.editor.form
    QTest.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(form.code, "TRIP")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(form.name, "Another trip")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(form.rate, "10")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert form.errors.message("code") == "Service type TRIP already exists"


def test_a_service_type_used_by_work_is_not_deleted(
    qtbot: QtBot, page: UnbilledWorkPage, context: UiContext, dialogs: Dialogs
) -> None:
    dialog = opened(qtbot, page)
    dialog.editor.view.select_row(2)  # TRIP
    QTest.mouseClick(dialog.editor.delete_button, Qt.MouseButton.LeftButton)
    assert dialogs.questions == ["Delete service type TRIP (Trip charge)?"]
    assert dialogs.errors == ["Service type TRIP is used by work entries or invoice lines."]
    assert "TRIP" in kinds(context)


def test_closing_with_unsaved_changes_asks_first(
    qtbot: QtBot, page: UnbilledWorkPage, dialogs: Dialogs
) -> None:
    dialog = opened(qtbot, page)
    dialog.editor.view.select_row(0)
    type_into(qtbot, dialog.editor.form.name, Entry.CLICK_END, " and advice")
    dialogs.confirm_answer = False
    dialog.reject()
    assert dialog.isVisible()
    assert dialogs.questions == ["Service type CONSULT has unsaved changes. Discard them?"]
    dialogs.confirm_answer = True
    dialog.reject()
    assert not dialog.isVisible()


def test_with_no_service_types_the_form_says_where_to_add_them(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    page = UnbilledWorkPage(context)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.entries)
    page.show()
    form = page.entries.form
    assert form.banner.isVisible()
    assert "There are no service types yet" in form.banner.text()
    assert form.service_type.placeholderText() == "No service types yet"
    with context.transaction() as session:
        billing.create_service_type(session, billing.ServiceTypeDraft("LABOR", "Labor"))
    context.sig_data_changed.emit()
    assert form.banner.isHidden()
    assert form.service_type.count() == 1
