"""The rows of the Invoice Batches form: one batch each, with its R8 control totals."""

from __future__ import annotations

from app.billing import BatchRecord
from app.ui.batches.batch_state_text import (
    delivery_text,
    last_sent_text,
    lock_text,
    paid_text,
    payment_text,
)
from app.ui.widgets.display import date_text, kind_text, printed_text
from app.ui.widgets.figure_columns import figure_columns
from app.ui.widgets.record_table_model import Column, RecordTableModel

COL_NUMBER = 0
COL_CLOSE_DATE = 1
COL_DESCRIPTION = 2
COL_KIND = 3
COL_PRINTED = 4
COL_CUSTOMERS = 5
COL_FORMER_AMOUNT = 6
COL_PAYMENTS = 7
COL_CARRY_OVER = 8
COL_INVOICED = 9
COL_CHARGES = 10
COL_TAXES = 11
COL_INVOICE_AMOUNT = 12
# R12's states, after the figures.
COL_STATE = 13
COL_DELIVERY = 14
COL_LAST_SENT = 15
COL_PAID = 16
COL_PAYMENT = 17


class BatchTableModel(RecordTableModel[BatchRecord]):
    """Batches in the database's order (newest close date first); batches are few."""

    columns = (
        Column[BatchRecord]("Batch", lambda b: str(b.number), figure=True),
        Column[BatchRecord]("Close Date", lambda b: date_text(b.close_date)),
        Column[BatchRecord]("Description", lambda b: b.description),
        Column[BatchRecord]("Kind", lambda b: kind_text(b.kind)),
        Column[BatchRecord]("Printed", printed_text),
        Column[BatchRecord]("Customers", lambda b: str(b.customer_count), figure=True),
        *figure_columns(lambda b: b.totals),
        Column[BatchRecord](
            "State", lock_text, tip="Open, approved, or locked by a print, a delivery or an export"
        ),
        Column[BatchRecord]("Delivery", lambda b: delivery_text(b.status)),
        Column[BatchRecord]("Last Sent", lambda b: last_sent_text(b.status)),
        Column[BatchRecord](
            "Paid",
            lambda b: paid_text(b.status),
            figure=True,
            tip="Paid after the close date, up to each customer's next batch, at most what "
            "each owed",
        ),
        Column[BatchRecord]("Payment", lambda b: payment_text(b.status)),
    )
    stretch_column = COL_DESCRIPTION

    def row_of(self, number: int) -> int | None:
        """The row showing batch `number`, if it is listed."""
        return self.row_where(lambda batch: batch.number == number)
