"""R8 control totals of many batches at once, for the list of the Invoice Batches form.

The (batch, customer) rows come from the kept figures (kept_figures.py: kept rows where no
change reached them, worked out afresh where one did), summed by batch in the database: a list
of any length costs one query, and its cost follows the rows listed and what changed since
they were kept, not the history.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.billing.kept_figures import figure_rows
from app.billing.money import from_cents
from app.billing.records import StatementFigures


@dataclass(frozen=True)
class BatchTotals:
    customer_count: int = 0
    transaction_count: int = 0
    totals: StatementFigures = field(default_factory=StatementFigures)


def totals_by_batch(session: Session, batch_ids: Collection[int]) -> dict[int, BatchTotals]:
    """Customer count, transaction count and R8 totals of each batch named."""
    if not batch_ids:
        return {}
    rows = figure_rows(batch_ids)
    sums = (
        func.count(),
        func.sum(rows.c.transactions),
        func.sum(rows.c.prior - rows.c.paid_before),  # former amount
        func.sum(rows.c.paid_through - rows.c.paid_before),  # payments after S up to D
        *(func.sum(rows.c[name]) for name in ("invoiced", "charges", "taxes")),
        *(func.sum(rows.c[name]) for name in ("discounts", "card_fees")),
    )
    result = {}
    for batch_id, customers, transactions, *cents in session.execute(
        select(rows.c.batch_id, *sums).group_by(rows.c.batch_id)
    ):
        former, payments, invoiced, charges, taxes, discounts, card_fees = map(from_cents, cents)
        figures = StatementFigures(
            former, payments, invoiced, charges, taxes, discounts=discounts, card_fees=card_fees
        )
        result[batch_id] = BatchTotals(int(customers), int(transactions), figures)
    return result
