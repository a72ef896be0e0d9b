"""The customers a generation run leaves out, and why (R1–R4), as billing words it."""

from __future__ import annotations

from app.billing import LeftOut
from app.ui.batches.record_table_model import Column, RecordTableModel

COL_CUSTOMER = 0
COL_NAME = 1
COL_REASON = 2


class LeftOutTableModel(RecordTableModel[LeftOut]):
    columns = (
        Column[LeftOut]("Customer", lambda r: r.customer_number),
        Column[LeftOut]("Name", lambda r: r.customer_name),
        Column[LeftOut]("Why it is left out", lambda r: r.reason),
    )

    def reason_of(self, customer_number: str) -> str | None:
        for record in self._rows:
            if record.customer_number == customer_number:
                return record.reason
        return None
