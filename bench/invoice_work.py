"""Time invoicing 100,000 work entries in one run against the bare SQL that makes the same
invoices.

    python -m bench.invoice_work                      SQLite file in a temporary folder
    python -m bench.invoice_work --db postgresql://postgres@127.0.0.1/bench   an empty database

Builds 5,000 customers (three in ten with a tax rate of their own, one in twenty tax-exempt, the
rest at the company's 8.25 %; half with terms of their own), four service types (one not
taxable) and 100,000 unbilled work entries, 20 per customer (bench/dataset.py). Then, in turns
(best of --runs), each committed in one transaction on the same rows:
  - the bare SQL: one INSERT … SELECT of the invoices, one per customer, with amount and tax
    summed from the entries; one INSERT … SELECT of the lines from work_entries, amount and tax
    in integer cents rounded half up in SQL; one UPDATE … FROM claiming the entries;
  - `billing.invoice_work` for every customer: the counter lock, the plan, the numbers, the
    invoices, the lines, the guarded claim and one audit entry per invoice.
After each, the invoices are deleted again (their lines go with them and the entries return to
unbilled), the counter is reset and, on PostgreSQL, the tables vacuumed, so each measure starts
from identical rows; the bench checks that both made the same invoices and lines.
Prints both times, lines per second and their ratio; the issue asks for at most 3.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, Date, Engine, bindparam, text

from app import billing
from app.billing import WorkInvoiceRequest
from app.store import Database
from bench.dataset import COMPANY_TAX_RATE
from bench.session import loaded_work_database, tidy_tables, work_arguments

INVOICE_DATE = dt.date(2026, 12, 1)
COMPANY_TERMS = 30  # the settings' default: the bench leaves terms_days unset
RATE_UNITS = int(Decimal(COMPANY_TAX_RATE).scaleb(4))  # as the Percent column stores it
UNBILLED = "w.invoice_id IS NULL AND w.billable"
# Round half up of amount (cents) × rate (ten-thousandths of a percent) / 100 %, in integers.
LINE_TAX = (
    "CASE WHEN s.taxable THEN (w.amount * COALESCE(c.tax_rate, :rate) + 500000) / 1000000 "
    "ELSE 0 END"
)
FROM_WORK = (
    "FROM work_entries w JOIN customers c ON c.id = w.customer_id "
    "JOIN service_types s ON s.id = w.service_type_id"
)


@dataclass(frozen=True)
class Run:
    seconds: float
    lines: int
    fingerprint: tuple[int, ...]  # what was made, summed: the same invoices and lines, or not


def _due_date(dialect: str) -> str:
    terms = f"COALESCE(c.terms_days, {COMPANY_TERMS})"
    if dialect == "sqlite":
        return f"date(:day, '+' || {terms} || ' days')"
    return f"CAST(:day AS date) + {terms}"


def _bare_statements(dialect: str) -> tuple[str, str, str]:
    first, last = "min(w.work_date)", "max(w.work_date)"
    invoices = f"""
        INSERT INTO ar_transactions
            (customer_id, type, number, invoice_date, due_date, amount, tax, description)
        SELECT w.customer_id, 'invoice', 'BARE-' || c.number, :day, {_due_date(dialect)},
            sum(w.amount), sum({LINE_TAX}),
            CASE WHEN {first} = {last} THEN 'Work of ' || {first}
                ELSE 'Work ' || {first} || ' to ' || {last} END
        {FROM_WORK}
        WHERE {UNBILLED}
        GROUP BY w.customer_id, c.number, c.terms_days"""
    lines = f"""
        INSERT INTO invoice_lines (transaction_id, position, description, service_date,
            service_type_id, quantity, rate, amount, taxable, tax, work_entry_id)
        SELECT t.id, row_number() OVER (PARTITION BY w.customer_id ORDER BY w.work_date, w.id),
            COALESCE(NULLIF(w.description, ''), s.name), w.work_date, w.service_type_id,
            w.quantity, w.rate, w.amount, s.taxable, {LINE_TAX}, w.id
        {FROM_WORK}
        JOIN ar_transactions t ON t.number = 'BARE-' || c.number AND t.type = 'invoice'
        WHERE {UNBILLED}"""
    claim = """
        UPDATE work_entries SET invoice_id = l.transaction_id FROM invoice_lines l
        WHERE l.work_entry_id = work_entries.id AND l.transaction_id > :before
            AND work_entries.invoice_id IS NULL AND work_entries.billable"""
    return invoices, lines, claim


def _last_id(connection: Connection) -> int:
    return int(
        connection.execute(text("SELECT COALESCE(max(id), 0) FROM ar_transactions")).one()[0]
    )


def bare_sql(engine: Engine) -> Run:
    invoices, lines, claim = _bare_statements(engine.dialect.name)
    day = bindparam("day", INVOICE_DATE, type_=Date)  # an ISO date on SQLite, a date on PG
    values = {"rate": RATE_UNITS}
    started = time.perf_counter()
    with engine.begin() as connection:
        before = _last_id(connection)
        connection.execute(text(invoices).bindparams(day), values)
        made = connection.execute(text(lines), values).rowcount
        claimed = connection.execute(text(claim), {"before": before}).rowcount
        if claimed != made:
            raise SystemExit(f"The bare claim took {claimed} entries for {made} lines.")
    seconds = time.perf_counter() - started
    return Run(seconds, made, _undo(engine))


def invoicing(db: Database) -> Run:
    started = time.perf_counter()
    with db.transaction() as session:
        invoices = billing.invoice_work(session, WorkInvoiceRequest(INVOICE_DATE))
    seconds = time.perf_counter() - started
    return Run(seconds, sum(len(i.lines) for i in invoices), _undo(db.engine))


FINGERPRINT = """
    SELECT count(DISTINCT t.id), sum(t.amount), sum(t.tax), sum(t.customer_id * t.amount),
        count(l.id), sum(l.amount), sum(l.tax), sum(l.position * l.work_entry_id),
        sum(length(l.description)), sum(length(t.description)),
        sum(CASE WHEN w.invoice_id = t.id THEN 1 ELSE 0 END)
    FROM ar_transactions t
    JOIN invoice_lines l ON l.transaction_id = t.id
    JOIN work_entries w ON w.id = l.work_entry_id"""


def _fingerprint(connection: Connection) -> tuple[int, ...]:
    figures = tuple(int(x or 0) for x in connection.execute(text(FINGERPRINT)).one())
    due = connection.execute(
        text("SELECT due_date, count(*) FROM ar_transactions GROUP BY due_date ORDER BY due_date")
    ).all()
    return figures + tuple(int(count) for _day, count in due)


def _undo(engine: Engine) -> tuple[int, ...]:
    """What the run made, then the database as it was before it (the audit log aside)."""
    with engine.begin() as connection:
        fingerprint = _fingerprint(connection)
        connection.execute(text("DELETE FROM ar_transactions"))  # lines cascade, work unbilled
        connection.execute(text("UPDATE counters SET value = 0 WHERE name = 'invoice_number'"))
        left = connection.execute(text("SELECT count(*) FROM work_entries w WHERE " + UNBILLED))
        unbilled = int(left.one()[0])
    tidy_tables(engine, "ar_transactions", "invoice_lines", "work_entries", "counters")
    return (*fingerprint, unbilled)


def best(runs: int, measures: list[Callable[[], Run]]) -> list[Run]:
    """Each measure's best run, the measures taken in turns so neither has the warmer cache."""
    taken: list[list[Run]] = [[] for _ in measures]
    for _ in range(runs):
        for results, measure in zip(taken, measures, strict=True):
            results.append(measure())
    for results in taken:
        if len({r.fingerprint for r in results}) != 1:
            raise SystemExit("Repeated runs made different invoices.")
    return [min(results, key=lambda r: r.seconds) for results in taken]


def main(argv: list[str] | None = None) -> int:
    args = work_arguments(__doc__.splitlines()[0], 3, "runs of each; the best counts", argv)
    with loaded_work_database(args) as (db, started):
        print(
            f"data: {args.customers:,} customers, {args.entries:,} unbilled work entries, "
            f"loaded in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        bare, made = best(args.runs, [lambda: bare_sql(db.engine), lambda: invoicing(db)])
        if bare.fingerprint != made.fingerprint:
            raise SystemExit(
                f"invoice_work made {made.fingerprint}, the bare SQL {bare.fingerprint}: "
                "not the same invoices."
            )
        invoices = made.fingerprint[0]
        for name, run in (("bare SQL", bare), ("invoice_work", made)):
            print(
                f"{name:<13} {run.seconds:8.3f} s  {invoices:,} invoices, {run.lines:,} lines, "
                f"{run.lines / run.seconds:,.0f} lines/s",
                flush=True,
            )
        print(f"ratio {made.seconds / bare.seconds:.2f} (at most 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
