"""R8 control totals of many batches at once, for the list of the Invoice Batches form.

While no customer is marked stale, each batch's totals are read from its kept sums (one row a
batch); otherwise the (batch, customer) rows (kept_figures.py: kept where no change reached
them, worked out afresh where one did) are summed by batch in the database. A list of any
length costs one query (two while something is stale), and its cost follows the batches
listed and what changed since the figures were kept, not the history.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.billing.kept_batches import summed_batches
from app.billing.money import from_cents
from app.billing.records import StatementFigures

# The sums of kept_batches.batch_sums that are R8's fields, in StatementFigures' order.
FIGURES = ("former_amount", "payments", "invoiced", "charges", "taxes", "discounts", "card_fees")


@dataclass(frozen=True)
class BatchTotals:
    customer_count: int = 0
    transaction_count: int = 0
    totals: StatementFigures = field(default_factory=StatementFigures)


def totals_by_batch(session: Session, batch_ids: Collection[int]) -> dict[int, BatchTotals]:
    """Customer count, transaction count and R8 totals of each batch named."""
    if not batch_ids:
        return {}
    result = {}
    for batch_id, sums in summed_batches(session, batch_ids).items():
        former, payments, invoiced, charges, taxes, discounts, card_fees = (
            from_cents(getattr(sums, name)) for name in FIGURES
        )
        figures = StatementFigures(
            former, payments, invoiced, charges, taxes, discounts=discounts, card_fees=card_fees
        )
        result[batch_id] = BatchTotals(int(sums.customers), int(sums.transactions), figures)
    return result
