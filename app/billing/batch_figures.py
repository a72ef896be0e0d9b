"""One batch's customers' R8 parts and R17 buckets in cents, as the rows are now: read kept
where no mark reaches them, and worked out afresh only for the customers a change has reached
since (kept_figures.figure_rows for R8, aging.py for R17). A kept row of a batch closing before
its customer's mark is still true: nothing it sums can move before the mark (migration 0009).
So a batch costs one indexed read of its own rows, however long the history, plus what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import literal_column, null, or_, select, union_all
from sqlalchemy.orm import Session

from app.billing.aging import aging_by_customer
from app.billing.batch_aging import BUCKETS, reached_pairs
from app.billing.kept_figures import figure_rows
from app.billing.money import Hundredths
from app.billing.records import Aging
from app.models import InvoiceBatch, KeptFigures, StaleCustomer

# The columns of a (batch, customer) row that R8 reads, in `CustomerParts.cents`'s order.
PARTS = (
    "prior",
    "paid_before",
    "paid_through",
    "invoiced",
    "charges",
    "taxes",
    "discounts",
    "card_fees",
    "transactions",
)


@dataclass(frozen=True)
class CustomerParts:
    """One customer's row in a batch: S, R8's parts in cents (PARTS) and R17's buckets."""

    since: dt.date | None
    cents: tuple[int, ...]
    aging: Aging


def _kept(
    session: Session, batch: InvoiceBatch, amounts: Hundredths
) -> tuple[dict[int, CustomerParts], set[int]]:
    """The batch's kept rows no mark reaches (a stale customer's closing before its mark), and
    the customers a change has reached. One statement reads both, so a customer kept or marked
    meanwhile (another clerk's list keeps figures) is always in the one or the other."""
    kept = KeptFigures
    cells = (*PARTS, *BUCKETS)
    current = (
        select(
            literal_column("0").label("reached"),
            kept.customer_id,
            kept.since,
            *(getattr(kept, name) for name in cells),
        )
        .outerjoin(StaleCustomer, StaleCustomer.customer_id == kept.customer_id)
        .where(
            kept.batch_id == batch.id,
            or_(StaleCustomer.customer_id.is_(None), kept.close_date < StaleCustomer.since),
        )
    )
    pairs = reached_pairs([batch.id]).subquery()
    marked = select(literal_column("1"), pairs.c.customer_id, *(null() for _ in (0, *cells)))
    parts: dict[int, CustomerParts] = {}
    reached: set[int] = set()
    for is_reached, customer_id, since, *row in session.execute(union_all(current, marked)):
        if is_reached:
            reached.add(customer_id)
        else:
            parts[customer_id] = _parts(since, row, amounts)
    return parts, reached


def _parts(since: dt.date | None, cells: Sequence[Any], amounts: Hundredths) -> CustomerParts:
    cents = tuple(map(int, cells))
    count = len(PARTS)
    return CustomerParts(since, cents[:count], Aging(*map(amounts.__getitem__, cents[count:])))


def _fresh(
    session: Session, batch: InvoiceBatch, reached: set[int], whole: bool
) -> dict[int, CustomerParts]:
    """The rows of the customers a change has reached, worked out from the transactions; the
    `whole` batch (nothing of it kept) is aged bound by no list of customers."""
    rows = figure_rows([batch.id])
    found = session.execute(
        select(rows.c.customer_id, rows.c.since, *(rows.c[name] for name in PARTS)).where(
            rows.c.customer_id.in_(reached)
        )
    )
    aging = aging_by_customer(session, batch, None if whole else reached)
    return {
        customer_id: CustomerParts(since, tuple(int(c) for c in cells), aging[customer_id])
        for customer_id, since, *cells in found
    }


def batch_parts(
    session: Session, batch: InvoiceBatch, amounts: Hundredths
) -> dict[int, CustomerParts]:
    """Every customer of the batch with its row as the rows are now; `amounts` makes the
    aging's cents Decimals, each distinct one once."""
    parts, reached = _kept(session, batch, amounts)
    if reached:
        parts |= _fresh(session, batch, reached, whole=not parts)
    return parts
