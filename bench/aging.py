"""Time a batch's statement with R17 aging against the same statement without it.

    python -m bench.aging                      SQLite file in a temporary folder
    python -m bench.aging --db postgresql://postgres@127.0.0.1/bench   an empty database

Builds 10,000 customers and 1,000,000 transactions (a year of history, bench/dataset.py), an
opening batch of everything up to 30 Jun and one batch of every active customer's invoices and
memos from then to 31 Dec (override), so each customer ages a year of history: six months of
items in earlier batches, six in this one, and the payments of the whole year. Then, in turns
(best of --runs), `batch_statement` of that batch as the report and Batch Details read it:
  - without aging: the R8 statement alone, the aging query replaced by nothing;
  - with aging: the same call with R17 (one more query over the customers' whole history).
Prints both times and their ratio; the issue asks for at most 1.5.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable
from unittest import mock

from app import billing
from app.billing import Aging, BatchStatement, GenerationRequest
from app.billing.aging import aging_by_customer
from app.billing.batches import find_batch
from app.billing.statements import batch_statement
from app.store import Database
from bench.session import arguments, loaded_database, tidy

HISTORY_UNTIL, CLOSE = dt.date(2026, 6, 30), dt.date(2026, 12, 31)


def build_batch(db: Database) -> int:
    with db.transaction() as session:
        billing.create_opening_batch(session, HISTORY_UNTIL)
        number = billing.generate_batch(session, GenerationRequest(CLOSE, override=True)).number
    tidy(db.engine)
    return number


def _not_aged(*_args: object) -> defaultdict[int, Aging]:
    return defaultdict(Aging)


def statement(db: Database, number: int, aged: bool) -> tuple[float, BatchStatement]:
    started = time.perf_counter()
    with db.read() as session:
        if aged:
            result = batch_statement(session, find_batch(session, number))
        else:
            with mock.patch("app.billing.statements.aging_by_customer", _not_aged):
                result = batch_statement(session, find_batch(session, number))
    return time.perf_counter() - started, result


def aging_alone(db: Database, number: int) -> float:
    started = time.perf_counter()
    with db.read() as session:
        aging_by_customer(session, find_batch(session, number))
    return time.perf_counter() - started


def best(runs: int, measures: list[Callable[[], float]]) -> list[float]:
    """Each measure's best time, the measures taken in turns so neither has the warmer cache."""
    times: list[list[float]] = [[] for _ in measures]
    for _ in range(runs):
        for taken, measure in zip(times, measures, strict=True):
            taken.append(measure())
    return [min(taken) for taken in times]


def check(db: Database, number: int) -> BatchStatement:
    _seconds, aged = statement(db, number, aged=True)
    wrong = [c.customer.number for c in aged.customers if c.aging.total != c.figures.invoice_amount]
    if wrong:
        raise SystemExit(f"aging does not add up to the invoice amount for {wrong[:5]}")
    return aged


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0], 3, "runs of each; the best counts", argv)
    with loaded_database(args) as (db, started):
        number = build_batch(db)
        aged = check(db, number)
        print(
            f"data: {args.customers:,} customers, {args.transactions:,} transactions, "
            f"loaded and batched in {time.perf_counter() - started:.1f} s; batch {number}: "
            f"{len(aged.customers):,} customers, "
            f"{sum(len(c.transactions) for c in aged.customers):,} transactions",
            flush=True,
        )
        plain, with_aging, alone = best(
            args.runs,
            [
                lambda: statement(db, number, aged=False)[0],
                lambda: statement(db, number, aged=True)[0],
                lambda: aging_alone(db, number),
            ],
        )
        print(f"statement without aging {plain:8.3f} s")
        print(f"statement with aging    {with_aging:8.3f} s   ratio {with_aging / plain:.2f}")
        print(f"the aging query alone   {alone:8.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
