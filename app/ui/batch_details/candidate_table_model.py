"""The rows of the Add Transactions picker: unbatched invoices and memos of any customer."""

from __future__ import annotations

from app.billing import TransactionRecord
from app.ui.widgets.display import amount_text, date_text, type_text
from app.ui.widgets.record_table_model import Column, RecordTableModel

COL_CUSTOMER = 0
COL_DATE = 1
COL_TYPE = 2
COL_NUMBER = 3
COL_DESCRIPTION = 4
COL_DUE_DATE = 5
COL_TOTAL = 6

T = TransactionRecord


class CandidateTableModel(RecordTableModel[TransactionRecord]):
    columns = (
        Column[T]("Customer", lambda t: t.customer_number),
        Column[T]("Date", lambda t: date_text(t.invoice_date)),
        Column[T]("Type", lambda t: type_text(t.type)),
        Column[T]("Number", lambda t: t.number),
        Column[T]("Description", lambda t: t.description),
        Column[T]("Due Date", lambda t: date_text(t.due_date)),
        Column[T]("Total", lambda t: amount_text(t.total), figure=True),
    )
    stretch_column = COL_DESCRIPTION
