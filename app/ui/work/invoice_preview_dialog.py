"""Preview of a work invoicing run: every invoice it would make, with a grand total, and the
button that makes exactly these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.billing import ZERO, WorkInvoice, WorkInvoiceRequest
from app.ui.widgets.display import amount_text, counted, date_text
from app.ui.widgets.record_table_model import Column, RecordTableModel
from app.ui.widgets.record_table_view import RecordTableView


@dataclass(frozen=True)
class PreviewRow:
    """One invoice of the preview, or (`customer` empty) the grand total under them."""

    customer: str
    due_date: str
    description: str
    lines: int
    amount: Decimal
    tax: Decimal

    @property
    def total(self) -> Decimal:
        return self.amount + self.tax

    @property
    def is_total(self) -> bool:
        return self.customer == ""


def preview_rows(invoices: Sequence[WorkInvoice]) -> list[PreviewRow]:
    rows = [
        PreviewRow(
            customer=f"{i.customer_number} — {i.customer_name}",
            due_date=date_text(i.due_date),
            description=i.description,
            lines=len(i.lines),
            amount=i.amount,
            tax=i.tax,
        )
        for i in invoices
    ]
    total = PreviewRow(
        customer="",
        due_date="",
        description=f"Total of {counted(len(rows), 'invoice')}",
        lines=sum(row.lines for row in rows),
        amount=sum((row.amount for row in rows), ZERO),
        tax=sum((row.tax for row in rows), ZERO),
    )
    return [*rows, total]


P = PreviewRow


class PreviewTableModel(RecordTableModel[PreviewRow]):
    COL_CUSTOMER, COL_DUE_DATE, COL_DESCRIPTION, COL_LINES = 0, 1, 2, 3
    COL_AMOUNT, COL_TAX, COL_TOTAL = 4, 5, 6
    columns = (
        Column[P]("Customer", lambda r: r.customer),
        Column[P]("Due date", lambda r: r.due_date),
        Column[P]("Description", lambda r: r.description),
        Column[P]("Lines", lambda r: f"{r.lines:,}", figure=True),
        Column[P]("Amount", lambda r: amount_text(r.amount), figure=True),
        Column[P]("Tax", lambda r: amount_text(r.tax), figure=True),
        Column[P]("Total", lambda r: amount_text(r.total), figure=True),
    )
    stretch_column = COL_DESCRIPTION

    def is_emphasised(self, record: PreviewRow) -> bool:
        return record.is_total


def preview_summary(request: WorkInvoiceRequest, invoices: Sequence[WorkInvoice]) -> str:
    total = sum((i.total for i in invoices), ZERO)
    return (
        f"Create Invoices would make {counted(len(invoices), 'invoice')} dated "
        f"{date_text(request.invoice_date)}, one per customer, for a total of "
        f"{amount_text(total)}. Nothing has been made yet."
    )


class WorkInvoicePreviewDialog(QDialog):
    """Accepted when the clerk asks to make the invoices shown."""

    def __init__(
        self, parent: QWidget | None, request: WorkInvoiceRequest, invoices: Sequence[WorkInvoice]
    ) -> None:
        super().__init__(parent)
        self.request = request
        self.setWindowTitle("Preview of the Invoices")
        self.summary = QLabel(preview_summary(request, invoices))
        self.summary.setWordWrap(True)
        self.model = PreviewTableModel(self)
        self.table = RecordTableView(self.model, "work-invoice-preview")
        self.model.set_rows(preview_rows(invoices))  # after the view: it fits the columns
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.create_button = self.buttons.addButton(
            f"&Create {counted(len(invoices), 'Invoice')}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        # Enter closes; making the invoices is a click, or Alt+C.
        self.create_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.table.setFocus()  # not a button: Space there would make the invoices
        rows = min(self.model.rowCount(), 14)
        self.resize(860, 140 + rows * self.table.verticalHeader().defaultSectionSize())
