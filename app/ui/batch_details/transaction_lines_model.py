"""The lines under a customer of a batch: its transactions in the batch, and its payments."""

from __future__ import annotations

from app.billing import TransactionRecord
from app.ui.widgets.display import amount_text, date_text, type_text
from app.ui.widgets.record_table_model import Column, RecordTableModel

COL_DATE = 0
COL_TYPE = 1
COL_NUMBER = 2
COL_DESCRIPTION = 3
COL_DUE_DATE = 4
COL_NET = 5
COL_TAX = 6
COL_TOTAL = 7

T = TransactionRecord


class TransactionLinesModel(RecordTableModel[TransactionRecord]):
    """Net and tax carry the sign of the type, so each line's columns add up to its total."""

    columns = (
        Column[T]("Date", lambda t: date_text(t.invoice_date)),
        Column[T]("Type", lambda t: type_text(t.type)),
        Column[T]("Number", lambda t: t.number),
        Column[T]("Description", lambda t: t.description),
        Column[T]("Due Date", lambda t: date_text(t.due_date)),
        Column[T]("Net", lambda t: amount_text(t.signed_amount), figure=True),
        Column[T]("Tax", lambda t: amount_text(t.signed_tax), figure=True),
        Column[T]("Total", lambda t: amount_text(t.total), figure=True),
    )
    stretch_column = COL_DESCRIPTION


COL_PAID_DATE = 0
COL_PAYMENT_NUMBER = 1
COL_PAYMENT_DESCRIPTION = 2
COL_PAYMENT_AMOUNT = 3


class PaymentLinesModel(RecordTableModel[TransactionRecord]):
    """Payments found by their paid date in the batch's period (R8); never in a batch."""

    columns = (
        Column[T]("Paid Date", lambda t: date_text(t.due_date)),
        Column[T]("Number", lambda t: t.number),
        Column[T]("Description", lambda t: t.description),
        Column[T]("Amount", lambda t: amount_text(t.amount), figure=True),
    )
    stretch_column = COL_PAYMENT_DESCRIPTION
