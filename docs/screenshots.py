"""Screenshots of the forms with the sample company, for the README.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py --size 1024x700 --out /tmp/small

Builds a throwaway database with the sample company, runs and prints a few months of invoice
batches the way a clerk would, then grabs the whole main window (1280 x 800 for the README, or
`--size`, to check the forms on a small screen) on each form. Column layouts and window
geometry go to a temporary settings folder, not the user's. Each `shoot_*` function takes the
window and writes one PNG, beside this file unless `--out` names another folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from unittest import mock

from PySide6.QtCore import QEventLoop, QSettings, QSize, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

# Run from a checkout without installing: the app package sits beside docs/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from report_pages import LINES_CUSTOMER, invoice_with_lines  # the report's invoice

from app import billing
from app.billing import GenerationRequest, NothingToInclude, WorkInvoiceRequest, WorkQuery
from app.jobs import printing
from app.store import Database, open_database
from app.ui.application import configure_application
from app.ui.audit.audit_log_page import AuditLogPage
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.batch_details.statement_table_model import COL_DELIVERY as COL_CUSTOMER_DELIVERY
from app.ui.batches.batches_page import InvoiceBatchesPage
from app.ui.context import UiContext
from app.ui.contracts.contracts_page import ContractsPage
from app.ui.customers.customers_page import CustomersPage
from app.ui.first_run import load_sample_company
from app.ui.generate.generate_page import GenerateInvoiceBatchPage
from app.ui.main_window import MainWindow
from app.ui.operations import Loader
from app.ui.pages import CONTRACTS_PAGE, WORK_PAGE
from app.ui.printing.report_menu import install_report_actions
from app.ui.transactions.transactions_page import TransactionsPage
from app.ui.work.unbilled_work_page import UnbilledWorkPage

DOCS = Path(__file__).resolve().parent
SIZE = QSize(1280, 800)
OPENING_DATE = dt.date(2026, 8, 31)
PRINTED_UNTIL = dt.date(2026, 10, 31)  # runs up to here were printed and mailed
LAST_RUN = dt.date(2026, 11, 15)  # the latest run made; 20 November is still to do
PREVIEW_DATE = dt.date(2026, 11, 20)


def run_batches(db: Database) -> None:
    """August's history in an opening batch, then one generation run per close day from
    September to mid-November as the cutoff days come round; the runs up to October are
    printed (through the real report) the morning after their close date."""
    started = dt.datetime.combine(OPENING_DATE + dt.timedelta(days=1), dt.time(8, 45))
    with (
        mock.patch("app.billing.generation.now", return_value=started),
        db.transaction() as session,
    ):
        billing.create_opening_batch(session, OPENING_DATE, "History before Invoice Batches")
    day = OPENING_DATE + dt.timedelta(days=1)
    while day <= LAST_RUN:
        request = GenerationRequest(day, run_description(day))
        with db.transaction() as session:
            try:
                batch = billing.generate_batch(session, request)
            except NothingToInclude:
                batch = None
        if batch is not None and day <= PRINTED_UNTIL:
            morning_after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(9, 30))
            with mock.patch("app.billing.printing.now", return_value=morning_after):
                printing.print_report(db, batch.number, lambda _pdf: None)
        day += dt.timedelta(days=1)
    with db.transaction() as session:
        billing.create_manual_batch(session, LAST_RUN, "Catch-up for late October invoices")


def run_description(day: dt.date) -> str:
    if (day + dt.timedelta(days=1)).month != day.month:
        return f"Month end {day:%B}"
    return f"Cutoff day {day.day}"


def settle() -> None:
    """Let the pages' background loads bring their rows, and layouts, resizes and queued
    signals finish, before a grab."""
    while Loader.any_running():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    for _ in range(5):
        QApplication.processEvents()


def wait_for(signal: SignalInstance, start: Callable[[], object], timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    start()
    loop.exec()
    signal.disconnect(loop.quit)


def shots_options(description: str, size: QSize = SIZE) -> argparse.Namespace:
    """`--size WxH` (by default `size`) and `--out FOLDER`, shared by the screenshot scripts."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--size", default=size, type=size_option)
    parser.add_argument("--out", default=DOCS, type=Path)
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    return options


def size_option(text: str) -> QSize:
    width, _x, height = text.partition("x")
    return QSize(int(width), int(height))


def grab(window: MainWindow, out: Path, name: str) -> None:
    settle()
    window.grab().save(str(out / name))
    print(f"wrote {out / name}")


def shoot_customers(window: MainWindow, out: Path) -> None:
    window.show_page("customers")
    page = window.pages["customers"]
    assert isinstance(page, CustomersPage)
    row = next(n for n, c in enumerate(page.model.rows()) if c.number == "C027")
    page.view.selectRow(row)
    grab(window, out, "ui-customers.png")


def shoot_transactions(window: MainWindow, out: Path) -> None:
    """One customer's transactions, with a printed one open: the read-only banner shows."""
    window.show_page("transactions")
    page = window.pages["transactions"]
    assert isinstance(page, TransactionsPage)
    settle()
    picker = page.filters.customer
    picker.setCurrentIndex(picker.findData("C027"))
    page.apply_filters()
    row = next(n for n, t in enumerate(page.model.rows()) if t.batch_locked)
    page.view.selectRow(row)
    grab(window, out, "ui-transactions.png")


def shoot_invoice_batches(window: MainWindow, out: Path) -> None:
    window.show_page("batches")
    page = window.pages["batches"]
    assert isinstance(page, InvoiceBatchesPage)
    page.refresh()
    settle()
    page.select_batch(page.model.rows()[1].number)
    grab(window, out, "ui-invoice-batches.png")


def shoot_batch_details(window: MainWindow, out: Path) -> None:
    page = window.pages["details"]
    assert isinstance(page, InvoiceBatchDetailsPage)
    batches = window.pages["batches"]
    assert isinstance(batches, InvoiceBatchesPage)
    latest_run = next(b for b in batches.model.rows() if b.kind == billing.BatchKind.GENERATED)
    window.context.sig_open_batch.emit(latest_run.number)
    settle()
    statements = [row.statement for row in page.customers_model.rows() if row.statement]
    # The customer whose statement shows the most kinds of line: memos as well as invoices.
    richest = max(
        range(len(statements)),
        key=lambda row: (
            len({t.type for t in statements[row].transactions}),
            len(statements[row].payments),
        ),
    )
    page.customers_table.select_row(richest)
    grab(window, out, "ui-batch-details.png")


def shoot_batch_states(window: MainWindow, out: Path) -> None:
    """R12 in Batch Details: a printed October batch, part paid since, with the clerk's notes
    typed in and saved, the customers scrolled to their paid amounts and deliveries."""
    page = window.pages["details"]
    assert isinstance(page, InvoiceBatchDetailsPage)
    with window.context.read() as session:
        listed = billing.find_batches(session, None, billing.BatchStateFilter.PARTLY_PAID)
    printed = [b for b in listed if b.kind == billing.BatchKind.GENERATED and b.printed]
    window.context.sig_open_batch.emit(printed[0].number)
    settle()
    page.states.notes_edit.setPlainText("Two customers still owe. Call on Monday; remind by mail.")
    page.states.save_notes_button.click()
    settle()
    row = next(
        r for r, line in enumerate(page.customers_model.rows()) if line.paid and line.statement
    )
    page.customers_table.select_row(row)
    page.customers_table.scrollTo(page.customers_model.index(row, COL_CUSTOMER_DELIVERY))
    grab(window, out, "ui-batch-states.png")


def shoot_generate_preview(window: MainWindow, out: Path) -> None:
    window.show_page("generate")
    page = window.pages["generate"]
    assert isinstance(page, GenerateInvoiceBatchPage)
    page.form.set_close_date(PREVIEW_DATE)
    page.form.description_edit.setText("Cutoff day 20")
    wait_for(page.sig_preview_shown, page.start_preview)
    grab(window, out, "ui-generate-preview.png")


def shoot_unbilled_work(window: MainWindow, out: Path) -> None:
    """The sample's November work with the first three customers ticked, the second opened."""
    window.show_page(WORK_PAGE)
    page = window.pages[WORK_PAGE]
    assert isinstance(page, UnbilledWorkPage)
    page.filters.date_from.set_date(dt.date(2026, 11, 1))
    page.filters.date_to.set_date(dt.date(2026, 11, 30))
    page.apply_filters()
    tab = page.unbilled
    tab.invoice_date.set_date(dt.date(2026, 11, 30))
    ticked = [group.customer_number for group in tab.model.groups()[:3]]
    for number in ticked:
        tab.model.set_ticked(number, True)
    tab.expand_customer(ticked[1])
    tab.tree.setCurrentIndex(tab.model.index(1, 0))
    grab(window, out, "ui-unbilled-work.png")


def shoot_work_entry(window: MainWindow, out: Path) -> None:
    """Work Entries by customer, the first one's October work invoiced, with an unbilled
    entry of the customer opened above in the form."""
    page = window.pages[WORK_PAGE]
    assert isinstance(page, UnbilledWorkPage)
    first, opened = (group.customer_number for group in page.unbilled.model.groups()[:2])
    october = WorkQuery(customer_numbers=(first,), date_to=dt.date(2026, 10, 31))
    with window.context.transaction() as session:
        billing.invoice_work(session, WorkInvoiceRequest(dt.date(2026, 10, 31), october))
    page.filters.date_from.clear_date()
    page.filters.date_to.clear_date()
    page.apply_filters()
    page.tabs.setCurrentWidget(page.entries)
    entries = page.entries
    entries.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    row = entries.model.row_where(lambda w: w.customer_number == opened and w.description != "")
    assert row is not None
    entries.view.select_row(row)
    grab(window, out, "ui-work-entry.png")


def shoot_audit_log(window: MainWindow, out: Path) -> None:
    window.show_page("audit")
    page = window.pages["audit"]
    assert isinstance(page, AuditLogPage)
    grab(window, out, "ui-audit-log.png")


def shoot_invoice_lines(window: MainWindow, out: Path) -> None:
    """The A/R form on an invoice typed with its lines: Amount and Tax are their sums."""
    invoice_with_lines(window.context.db)
    window.show_page("transactions")
    page = window.pages["transactions"]
    assert isinstance(page, TransactionsPage)
    page.refresh()
    picker = page.filters.customer
    picker.setCurrentIndex(picker.findData(LINES_CUSTOMER))
    page.apply_filters()
    row = next(n for n, t in enumerate(page.model.rows()) if t.number == "INV-29001")
    page.view.selectRow(row)
    page.form.lines.rows[1].quantity.setFocus()  # the keyboard in a line, as while typing
    grab(window, out, "ui-invoice-lines.png")


# (number, customer, name, amount, months, start, end, billing, active): a copier plan, IT
# support, backups, hosting and alarms of a few sample customers. Billed through October,
# then Juniper's hosting is ended on 20 November (a credit follows) and Summit's November
# period is skipped.
CONTRACTS = (
    ("K-1001", "C001", "Copier service plan", "149.00", 1, "2026-01-15", None, "advance", True),
    ("K-1002", "C002", "Managed IT support", "850.00", 1, "2026-03-01", None, "advance", True),
    ("K-1003", "C002", "Offsite backup", "240.00", 3, "2026-02-01", None, "arrears", True),
    ("K-1004", "C005", "Alarm monitoring", "1800.00", 12, "2026-06-01", None, "advance", True),
    ("K-1005", "C005", "Copier lease", "310.00", 3, "2026-02-15", None, "advance", True),
    ("K-1006", "C009", "Plotter service plan", "95.00", 1, "2025-09-01", "2026-06-30",
     "advance", True),
    ("K-1007", "C010", "Website hosting", "1200.00", 12, "2026-04-01", None, "advance", True),
    ("K-1008", "C012", "Managed IT support", "1450.00", 1, "2026-12-01", None, "advance", True),
    ("K-1009", "C014", "Copier service plan", "129.00", 1, "2026-05-10", None, "advance", False),
    ("K-1010", "C018", "Press maintenance", "600.00", 3, "2026-10-01", None, "arrears", True),
    ("K-1011", "C019", "Drawing archive", "75.00", 1, "2026-02-01", None, "advance", True),
)  # fmt: skip
CONTRACTS_BILLED = dt.date(2026, 10, 31)
BILL_THROUGH = dt.date(2026, 11, 30)


def enter_contracts(db: Database) -> None:
    """The contracts, billed through October, with one ended and one period skipped since."""
    with db.transaction() as session:
        for number, customer, name, amount, months, start, end, when, active in CONTRACTS:
            draft = billing.ContractDraft(
                number,
                customer,
                name,
                Decimal(amount),
                months,
                dt.date.fromisoformat(start),
                dt.date.fromisoformat(end) if end else None,
                billing=billing.Billing(when),
                active=active,
            )
            billing.create_contract(session, draft)
    with db.transaction() as session:
        billing.bill_recurring(session, billing.RecurringRequest(CONTRACTS_BILLED))
    with db.transaction() as session:
        billing.end_contract(session, "K-1007", dt.date(2026, 11, 20))
        billing.skip_period(session, "K-1011", dt.date(2026, 11, 1), "Office closed for renovation")


def shoot_contracts(window: MainWindow, out: Path) -> None:
    """The contracts of the sample customers, the copier lease open in the form."""
    enter_contracts(window.context.db)
    window.show_page(CONTRACTS_PAGE)
    page = window.pages[CONTRACTS_PAGE]
    assert isinstance(page, ContractsPage)
    page.refresh()
    row = page.model.row_where(lambda c: c.number == "K-1005")
    assert row is not None
    page.view.select_row(row)
    grab(window, out, "ui-contracts.png")


SHOTS: list[Callable[[MainWindow, Path], None]] = [
    shoot_customers,
    shoot_transactions,
    shoot_invoice_batches,
    shoot_batch_details,
    shoot_batch_states,
    shoot_generate_preview,
    shoot_audit_log,
    shoot_unbilled_work,
    shoot_work_entry,
    # Last: the invoices these two add stay out of the other shots.
    shoot_invoice_lines,
    shoot_contracts,
]


def main() -> int:
    options = shots_options("Screenshots of the forms, with the sample company.")
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application()
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(f"sqlite:///{folder}/sample.sqlite3", backup_to=None)
        try:
            load_sample_company(db, lambda _done, _total, _text: None)
            run_batches(db)
            window = MainWindow(UiContext(db))
            install_report_actions(window)  # as run_application does: the report's buttons
            window.show()
            window.resize(options.size)
            for shoot in SHOTS:
                shoot(window, options.out)
            window.close()
        finally:
            db.dispose()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
