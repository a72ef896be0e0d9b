"""The screenshot of R14 in Invoice Batch Details (docs/ui-discounts.png):

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/discount_screenshot.py

The sample company's months as docs/screenshots.py runs them, then a 2.5 % card fee, a card
payment of a customer whose cutoff day is the 20th, the 20 November run, and a 5 % discount for
that customer; the page shows the batch with that customer chosen, its Discounts and Card fees
beside the figures.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screenshots import PREVIEW_DATE, grab, run_batches, settle, shots_options

from app import billing
from app.billing import GenerationRequest, TransactionDraft
from app.billing.discounts import add_discount
from app.models import PaymentMethod, TransactionType
from app.store import Database, open_database
from app.ui.application import configure_application
from app.ui.batch_details.batch_details_page import InvoiceBatchDetailsPage
from app.ui.context import UiContext
from app.ui.first_run import load_sample_company
from app.ui.main_window import MainWindow
from app.ui.printing.report_menu import install_report_actions


def discounted_run(db: Database) -> tuple[int, str]:
    """The 20 November batch with a card fee and a discount; its number and the customer."""
    with db.transaction() as session:
        billing.set_setting(session, "card_fee_percent", "2.5")
        due = [c for c in billing.list_customers(session) if c.cutoff_day == PREVIEW_DATE.day]
        customer = due[0].number
        paid = PREVIEW_DATE - dt.timedelta(days=3)
        billing.create_transaction(
            session,
            TransactionDraft(
                customer_number=customer,
                type=TransactionType.PAYMENT,
                number="VISA 4417",
                invoice_date=paid,
                due_date=paid,
                amount=Decimal("450.00"),
                description="Card payment",
                method=PaymentMethod.CARD,
            ),
        )
    with db.transaction() as session:
        batch = billing.generate_batch(session, GenerationRequest(PREVIEW_DATE, "Cutoff day 20"))
        add_discount(session, batch.number, customer, percent="5", description="Loyalty 5 %")
    return batch.number, customer


def main() -> int:
    options = shots_options("The screenshot of discounts and card fees in Batch Details.")
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application()
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(f"sqlite:///{folder}/sample.sqlite3", backup_to=None)
        try:
            load_sample_company(db, lambda _done, _total, _text: None)
            run_batches(db)
            number, customer = discounted_run(db)
            window = MainWindow(UiContext(db))
            install_report_actions(window)
            window.show()
            window.resize(options.size)
            page = window.pages["details"]
            assert isinstance(page, InvoiceBatchDetailsPage)
            window.context.sig_open_batch.emit(number)
            settle()
            row = page.customers_model.row_of(customer)
            assert row is not None
            page.customers_table.select_row(row)
            grab(window, options.out, "ui-discounts.png")
            window.close()
        finally:
            db.dispose()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
