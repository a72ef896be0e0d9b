"""The customers a generation run leaves out, and why (R1–R4), as billing words it."""

from __future__ import annotations

from collections.abc import Iterable

from app.billing import LeftOut, LeftOutKind
from app.ui.widgets.record_table_model import Column, RecordTableModel

COL_CUSTOMER = 0
COL_NAME = 1
COL_REASON = 2


class LeftOutTableModel(RecordTableModel[LeftOut]):
    columns = (
        Column[LeftOut]("Customer", lambda r: r.customer_number),
        Column[LeftOut]("Name", lambda r: r.customer_name),
        Column[LeftOut]("Why it is left out", lambda r: r.reason),
    )
    stretch_column = COL_REASON

    def reason_of(self, customer_number: str) -> str | None:
        row = self.row_where(lambda r: r.customer_number == customer_number)
        return None if row is None else self._rows[row].reason


def expected_first(left_out: Iterable[LeftOut]) -> list[LeftOut]:
    """Customers the clerk expected in the run come first (billing's rules take them, but
    nothing of theirs went in), then those outside the batch process or the range, then those
    whose cutoff day is another day; in billing's order (customer number) within each group."""

    def group(row: LeftOut) -> int:
        if row.kind.expected:
            return 0
        return 2 if row.kind == LeftOutKind.OTHER_CUTOFF_DAY else 1

    return sorted(left_out, key=group)
