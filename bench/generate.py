"""Time one generation run against the bare SQL UPDATE that claims the same rows.

    python -m bench.generate                      SQLite file in a temporary folder
    python -m bench.generate --db postgresql://postgres@127.0.0.1/bench   an empty database
    python -m bench.generate --scenario override [--scenario "cutoff 15"]   only these

Builds 10,000 customers and 1,000,000 transactions (a year of history), then for each scenario
times, on the same database and the same rows:
  - the bare claim: one hand-written `UPDATE ar_transactions SET batch_id = ... WHERE ...` with
    the scenario's predicate, committed;
  - `billing.generate_batch` for the same request, committed: the batch number, the claim, and
    the R8 totals of the new batch (what the clerk sees when the run ends).
Between the two the rows are released again (and, on PostgreSQL, vacuumed), so both claim the
identical rows from the identical state; the bench checks that they did.

Scenarios:
  - override: "override invoice batch creation rules" over everybody, the heaviest run there is,
    claiming every unbatched invoice and memo (about nine in ten of the million rows);
  - cutoff 15: the normal monthly run for close date 15 Dec, claiming the whole year of the
    customers whose cutoff day is 15 (about one in thirty rows);
  - cutoff 15, history: the same run after an opening batch took everything up to 30 Jun, so
    every customer in it has a previous batch: former amounts and the payments split at S are
    computed over half a year of history (the opening batch is made first, untimed, and kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, text

from app import billing
from app.billing import GenerationRequest
from app.store import Database
from bench.session import arguments, loaded_database, tidy

BARE_BATCH_NUMBER = 999_999_999


def _opening_batch(db: Database) -> None:
    with db.transaction() as session:
        billing.create_opening_batch(session, dt.date(2026, 6, 30))
    tidy(db.engine)


@dataclass(frozen=True)
class Scenario:
    name: str
    request: GenerationRequest
    predicate: str  # the same rule as billing's, written by hand
    setup: Callable[[Database], None] | None = None


SCENARIOS = [
    Scenario(
        "override",
        GenerationRequest(dt.date(2026, 12, 31), override=True),
        "batch_id IS NULL AND type <> 'payment' AND customer_id IN "
        "(SELECT id FROM customers WHERE active)",
    ),
    Scenario(
        "cutoff 15",
        GenerationRequest(dt.date(2026, 12, 15)),
        "batch_id IS NULL AND type <> 'payment' AND invoice_date <= '2026-12-15' AND "
        "customer_id IN (SELECT id FROM customers WHERE active AND cutoff_day IN (15))",
    ),
    Scenario(
        "cutoff 15, history",
        GenerationRequest(dt.date(2026, 12, 15)),
        "batch_id IS NULL AND type <> 'payment' AND invoice_date <= '2026-12-15' AND "
        "customer_id IN (SELECT id FROM customers WHERE active AND cutoff_day IN (15))",
        setup=_opening_batch,
    ),
]


@dataclass(frozen=True)
class Claim:
    seconds: float
    rows: int
    fingerprint: tuple[int, int]  # count and sum of the claimed ids: the same rows, or not


def _fingerprint(engine: Engine, batch_id: int) -> tuple[int, int]:
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT count(*), coalesce(sum(id), 0) FROM ar_transactions WHERE batch_id = :b"),
            {"b": batch_id},
        ).one()
    return int(found[0]), int(found[1])


def bare_claim(engine: Engine, predicate: str) -> Claim:
    with engine.begin() as connection:
        batch_id = connection.execute(
            text(
                "INSERT INTO invoice_batches (number, close_date, description, kind, created_at, "
                "print_count) VALUES (:n, '2026-12-31', 'bare', 'manual', :now, 0) RETURNING id"
            ),
            {"n": BARE_BATCH_NUMBER, "now": dt.datetime.now()},
        ).scalar_one()
    started = time.perf_counter()
    with engine.begin() as connection:
        rows = connection.execute(
            text(f"UPDATE ar_transactions SET batch_id = :b WHERE {predicate}"), {"b": batch_id}
        ).rowcount
    seconds = time.perf_counter() - started
    fingerprint = _fingerprint(engine, batch_id)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE ar_transactions SET batch_id = NULL WHERE batch_id = :b"), {"b": batch_id}
        )
        connection.execute(text("DELETE FROM invoice_batches WHERE id = :b"), {"b": batch_id})
    tidy(engine)
    return Claim(seconds, rows, fingerprint)


def generation(db: Database, request: GenerationRequest) -> Claim:
    started = time.perf_counter()
    with db.transaction() as session:
        record = billing.generate_batch(session, request)
    seconds = time.perf_counter() - started
    fingerprint = _fingerprint(db.engine, record.id)
    with db.transaction() as session:
        billing.delete_batch(session, record.number)
    tidy(db.engine)
    return Claim(seconds, record.transaction_count, fingerprint)


def _best(runs: int, measure: Callable[[], Claim]) -> Claim:
    claims = [measure() for _ in range(runs)]
    if len({c.fingerprint for c in claims}) != 1:
        raise SystemExit("Repeated runs claimed different rows.")
    return min(claims, key=lambda c: c.seconds)


def _warm(engine: Engine, predicate: str) -> None:
    """Read the rows once, untimed, so that neither claim pays for a cold cache alone."""
    with engine.connect() as connection:
        connection.execute(text(f"SELECT count(*) FROM ar_transactions WHERE {predicate}"))


def run_scenario(db: Database, scenario: Scenario, runs: int) -> tuple[Claim, Claim]:
    if scenario.setup is not None:
        scenario.setup(db)
    _warm(db.engine, scenario.predicate)
    bare = _best(runs, lambda: bare_claim(db.engine, scenario.predicate))
    generated = _best(runs, lambda: generation(db, scenario.request))
    if bare.fingerprint != generated.fingerprint:
        raise SystemExit(
            f"{scenario.name}: generation claimed {generated.fingerprint}, "
            f"the bare UPDATE {bare.fingerprint}: not the same rows."
        )
    return bare, generated


def _print_table(db: Database, runs: int, names: list[str]) -> None:
    print(
        f"{'scenario':<18} {'rows claimed':>12} {'bare UPDATE':>12} "
        f"{'generate_batch':>15} {'ratio':>6}",
        flush=True,
    )
    for scenario in (s for s in SCENARIOS if s.name in names):
        bare, generated = run_scenario(db, scenario, runs)
        print(
            f"{scenario.name:<18} {generated.rows:>12,} {bare.seconds:>10.3f} s "
            f"{generated.seconds:>13.3f} s {generated.seconds / bare.seconds:>6.2f}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    chooser = argparse.ArgumentParser(add_help=False)
    chooser.add_argument("--scenario", action="append", choices=[s.name for s in SCENARIOS])
    chosen, rest = chooser.parse_known_args(argv)
    args = arguments(__doc__.splitlines()[0], 1, "runs of each claim; the best counts", rest)
    with loaded_database(args) as (db, started):
        print(
            f"data: {args.customers:,} customers, {args.transactions:,} transactions, "
            f"loaded in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        _print_table(db, args.runs, chosen.scenario or [s.name for s in SCENARIOS])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
