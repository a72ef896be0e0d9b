"""The forms of the navigator, in the order a clerk meets them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.audit.audit_log_page import AUDIT_PAGE, AuditLogPage
from app.ui.batch_details.batch_details_page import DETAILS_PAGE, InvoiceBatchDetailsPage
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from app.ui.contracts.contracts_page import BILL_SHORTCUT, CONTRACTS_PAGE, ContractsPage
from app.ui.customers.customers_page import CustomersPage
from app.ui.generate.generate_page import GenerateInvoiceBatchPage
from app.ui.transactions.transactions_page import TransactionsPage
from app.ui.work.unbilled_work_page import WORK_PAGE, UnbilledWorkPage


@dataclass(frozen=True)
class PageMenuItem:
    """One of the page's own actions (its `menu_actions()`, found by text) that the Go menu
    lists under the page before the page is built; choosing it builds the page first."""

    text: str
    shortcut: str


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    shortcut: str
    build: Callable[[UiContext], QWidget]
    menu: tuple[PageMenuItem, ...] = ()
    # The UiContext signals the page answers (Invoice Batch Details: `sig_open_batch`): before
    # the page is built, the first of them builds it and is given to it again.
    answers: tuple[str, ...] = ()


def page_specs() -> list[PageSpec]:
    """Each page widget offers `refresh()`; imported here so the main window knows none of them."""
    return [
        PageSpec("customers", "Customers", "Ctrl+1", focusable(CustomersPage)),
        PageSpec("transactions", "A/R Transactions", "Ctrl+2", focusable(TransactionsPage)),
        PageSpec("batches", "Invoice Batches", "Ctrl+3", focusable(InvoiceBatchesPage)),
        PageSpec(
            DETAILS_PAGE,
            "Invoice Batch Details",
            "Ctrl+4",
            focusable(InvoiceBatchDetailsPage),
            answers=("sig_open_batch",),
        ),
        PageSpec(
            "generate", "Generate Invoice Batch", "Ctrl+5", focusable(GenerateInvoiceBatchPage)
        ),
        PageSpec(AUDIT_PAGE, "Audit Log", "Ctrl+6", focusable(AuditLogPage)),
        PageSpec(WORK_PAGE, "Unbilled Work", "Ctrl+7", focusable(UnbilledWorkPage)),
        PageSpec(
            CONTRACTS_PAGE,
            "Contracts",
            "Ctrl+8",
            focusable(ContractsPage),
            (PageMenuItem("&Bill Recurring Charges…", BILL_SHORTCUT),),
        ),
    ]


def focusable(build: Callable[[UiContext], QWidget]) -> Callable[[UiContext], QWidget]:
    """The page, with the keyboard going to its first field when the page is given focus
    (Ctrl+1…8), unless the page names another one."""

    def built(context: UiContext) -> QWidget:
        page = build(context)
        first = first_tab_stop(page)
        if page.focusProxy() is None and first is not None:
            page.setFocusProxy(first)
        return page

    return built


def first_tab_stop(page: QWidget) -> QWidget | None:
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return widget
        widget = widget.nextInFocusChain()
    return None
