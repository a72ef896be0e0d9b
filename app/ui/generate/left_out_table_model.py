"""The customers a generation run leaves out, and why (R1–R4), as billing words it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.billing import CustomerRecord, GenerationRequest, LeftOut
from app.billing.eligibility import cutoff_fits
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
    stretch_column = COL_REASON

    def reason_of(self, customer_number: str) -> str | None:
        for record in self._rows:
            if record.customer_number == customer_number:
                return record.reason
        return None


def expected_first(
    left_out: Iterable[LeftOut],
    customers: Mapping[str, CustomerRecord],
    request: GenerationRequest,
) -> list[LeftOut]:
    """Customers the clerk expected in the run come first (their cutoff day fits, or the rules
    were overridden), then those outside the batch process (inactive, no cutoff day), then
    those whose cutoff day is another day; by customer number within each group."""

    def group(row: LeftOut) -> int:
        customer = customers.get(row.customer_number)
        if customer is None:
            return 1
        if request.override or cutoff_fits(customer.cutoff_day, request.close_date):
            return 0
        return 1 if not customer.active or customer.cutoff_day is None else 2

    return sorted(left_out, key=group)
