"""R14 in Invoice Batch Details: Add Discount… (asked first) by percentage or amount, refusals
shown once, the breakdowns beside the figures, and no discount once the batch is locked."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batch_details.discount_action import DiscountDialog
from app.ui.batch_details.statement_table_model import COL_INVOICE_AMOUNT
from app.ui.context import UiContext
from tests.ui.batch_scenario import generated, mark_printed
from tests.ui.conftest import Dialogs, settled


def _page(qtbot: QtBot, context: UiContext, number: int) -> InvoiceBatchDetailsPage:
    page = InvoiceBatchDetailsPage(context)
    qtbot.addWidget(page)
    page.show_batch(number)
    settled()
    return page


def _dialog(page: InvoiceBatchDetailsPage) -> DiscountDialog:
    page.discount_action.button.click()
    settled()
    dialog = page.discount_action.dialog
    assert isinstance(dialog, DiscountDialog)
    return dialog


def _select_customer(page: InvoiceBatchDetailsPage, number: str) -> None:
    row = page.customers_model.row_of(number)
    assert row is not None
    page.customers_table.select_row(row)


def _amounts(page: InvoiceBatchDetailsPage) -> dict[str, str]:
    model = page.customers_model
    return {
        model.rows()[row].number: model.index(row, COL_INVOICE_AMOUNT).data()
        for row in range(model.rowCount())
    }


def test_discounts_by_percent_and_amount_show_beside_the_figures(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    page = _page(qtbot, context, 1)
    action = page.discount_action
    assert action.button.isEnabled()
    assert action.breakdowns.text() == (
        "Discounts 0.00 · Card fees 0.00 in the batch; C001: discounts 0.00, card fees 0.00"
    )
    dialog = _dialog(page)
    assert (dialog.customer_number(), dialog.invoiced.text()) == ("C001", "950.00")
    dialog.value.setText("2.5")
    dialog.accept()
    settled()
    assert dialogs.questions == [
        "Add a discount of this percentage (2.5) for customer C001 to invoice batch 1? It is a "
        "credit memo without tax, in the batch at once."
    ]
    # 950.00 × 2.5 % = 23.75 off C001's 750.00
    assert _amounts(page) == {"C001": "726.25", "C002": "465.00", "Total": "1,191.25"}
    assert [t.number for t in page.transactions_model.rows()] == ["INV-1001", "CM-17", "CM-00001"]

    _select_customer(page, "C002")
    dialog = _dialog(page)
    assert dialog.customer_number() == "C002"
    dialog.by_amount.setChecked(True)
    dialog.value.setText("12.34")
    dialog.description.setText("Loyalty")
    dialog.accept()
    settled()
    assert dialogs.errors == []
    assert action.breakdowns.text() == (
        "Discounts 36.09 · Card fees 0.00 in the batch; C002: discounts 12.34, card fees 0.00"
    )


def test_a_bad_amount_and_a_declined_discount_change_nothing(
    qtbot: QtBot, context: UiContext, dialogs: Dialogs
) -> None:
    generated(context.db)
    page = _page(qtbot, context, 1)
    dialog = _dialog(page)
    dialog.by_amount.setChecked(True)
    dialog.value.setText("1.234")
    dialog.accept()
    settled()
    assert len(dialogs.errors) == 1
    assert "more than two decimals" in dialogs.errors[0]
    dialogs.confirm_answer = False
    dialog = _dialog(page)
    dialog.value.setText("10")
    dialog.accept()
    settled()
    assert _amounts(page) == {"C001": "750.00", "C002": "465.00", "Total": "1,215.00"}


def test_no_discount_once_the_batch_is_locked(qtbot: QtBot, context: UiContext) -> None:
    generated(context.db)
    mark_printed(context.db, 1)
    page = _page(qtbot, context, 1)
    assert not page.discount_action.button.isEnabled()
    assert "locked" in page.discount_action.button.toolTip()
