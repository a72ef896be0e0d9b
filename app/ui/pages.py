"""The forms of the navigator, in the order a clerk meets them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.context import UiContext

# Each page's module is imported when the page is first built, not at start: together they
# import every table, dialog and job of the application (ReportLab and the exports among them).
# Written out page by page, not by name through importlib, so PyInstaller still sees them.
# The keys the pages are opened by, and the Bill Recurring shortcut, are said here, where the
# pages import them from, so that knowing them imports no page.
DETAILS_PAGE = "details"
AUDIT_PAGE = "audit"
WORK_PAGE = "work"
CONTRACTS_PAGE = "contracts"
BILL_SHORTCUT = "Ctrl+Shift+B"


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
    # The page reads what it shows as it is built, as its refresh() would: shown the first time,
    # it is not refreshed (read a second time) at once. Not for a page whose constructor reads
    # nothing (Invoice Batches, Invoice Batch Details, Generate, Audit Log): they read when shown.
    reads_when_built: bool = False


def _customers(context: UiContext) -> QWidget:
    from app.ui.customers.customers_page import CustomersPage

    return CustomersPage(context)


def _transactions(context: UiContext) -> QWidget:
    from app.ui.transactions.transactions_page import TransactionsPage

    return TransactionsPage(context)


def _batches(context: UiContext) -> QWidget:
    from app.ui.batches.batches_page import InvoiceBatchesPage

    return InvoiceBatchesPage(context)


def _details(context: UiContext) -> QWidget:
    from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage

    return InvoiceBatchDetailsPage(context)


def _generate(context: UiContext) -> QWidget:
    from app.ui.generate.generate_page import GenerateInvoiceBatchPage

    return GenerateInvoiceBatchPage(context)


def _audit(context: UiContext) -> QWidget:
    from app.ui.audit.audit_log_page import AuditLogPage

    return AuditLogPage(context)


def _work(context: UiContext) -> QWidget:
    from app.ui.work.unbilled_work_page import UnbilledWorkPage

    return UnbilledWorkPage(context)


def _contracts(context: UiContext) -> QWidget:
    from app.ui.contracts.contracts_page import ContractsPage

    return ContractsPage(context)


def page_specs() -> list[PageSpec]:
    """Each page widget offers `refresh()`; built here so the main window knows none of them."""
    return [
        PageSpec("customers", "Customers", "Ctrl+1", focusable(_customers), reads_when_built=True),
        PageSpec(
            "transactions",
            "A/R Transactions",
            "Ctrl+2",
            focusable(_transactions),
            reads_when_built=True,
        ),
        PageSpec("batches", "Invoice Batches", "Ctrl+3", focusable(_batches)),
        PageSpec(
            DETAILS_PAGE,
            "Invoice Batch Details",
            "Ctrl+4",
            focusable(_details),
            answers=("sig_open_batch",),
        ),
        PageSpec("generate", "Generate Invoice Batch", "Ctrl+5", focusable(_generate)),
        PageSpec(AUDIT_PAGE, "Audit Log", "Ctrl+6", focusable(_audit)),
        PageSpec(WORK_PAGE, "Unbilled Work", "Ctrl+7", focusable(_work), reads_when_built=True),
        PageSpec(
            CONTRACTS_PAGE,
            "Contracts",
            "Ctrl+8",
            focusable(_contracts),
            (PageMenuItem("&Bill Recurring Charges…", BILL_SHORTCUT),),
            reads_when_built=True,
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
