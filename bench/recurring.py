"""Time billing 10,000 contracts over a year in one run against a bare SQL insert of the same
invoices, lines and period rows.

    python -m bench.recurring                      SQLite file in a temporary folder
    python -m bench.recurring --db postgresql://postgres@127.0.0.1/bench   an empty database
    python -m bench.recurring --profile run.prof   also one billing run under cProfile

Builds 4,000 customers (at the company's 8.25 %, a rate of their own, or exempt) and 10,000
contracts (bench/dataset.py): mostly monthly, some quarterly, half-yearly and yearly, a quarter
billed in arrears, most starting in January 2026 and a few ending part way, so one run through
31 Dec 2026 bills about a year of periods (about 98,000 lines) and credits the ended ones.
The run is planned once, untimed; what it makes is staged in two tables (its documents, and its
lines with their periods) and read back into memory. Then, in turns (the median of --runs),
each committed in one transaction on the same rows:
  - bare executemany: the rows read back, sent with the driver's executemany: the invoices and
    credit memos, their ids read back by number, the lines, and one contract_periods row per
    line (with its credit memo where there is one);
  - bare INSERT … SELECT: the same three inserts from the staging tables, inside the database;
  - `billing.bill_recurring` through the same date: the counter lock, the plan from the
    contracts and their billed periods, the numbers, the documents, the lines, the period rows,
    the credits and one audit entry per document (the bare SQL writes no audit entries).
After each, the documents are deleted again (their lines and period rows go with them), the
counters reset and, on PostgreSQL, the tables vacuumed, so each measure starts from identical
rows; the bench checks that all three made exactly the same documents, lines and period rows.
Prints the times, lines per second and the ratios. The issue asks for at most 3 against the
bare insert; the periods cannot be worked out in SQL, so a bare program sends its rows from
Python as executemany does, and that is the ratio held to 3. INSERT … SELECT, where no row
crosses from Python, is the database's own floor, shown beside it.
"""

from __future__ import annotations

import cProfile
import hashlib
import pstats
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    text,
)

from app import billing
from app.billing import RecurringRequest
from app.billing.numbering import DIGITS
from app.models import MemoCategory, TransactionType
from app.store import Database
from bench.dataset import RECURRING_THROUGH
from bench.session import loaded_contract_database, recurring_arguments, tidy_tables

STAGING = MetaData()
DOCUMENTS = Table(
    "bench_documents",
    STAGING,
    Column("id", Integer, primary_key=True),
    Column("customer_id", Integer),
    Column("type", String(12)),
    Column("number", String(30)),
    Column("invoice_date", Date),
    Column("due_date", Date),
    Column("amount", BigInteger),
    Column("tax", BigInteger),
    Column("description", Text),
    Column("category", String(20)),
)
LINES = Table(
    "bench_lines",
    STAGING,
    Column("id", Integer, primary_key=True),
    Column("number", String(30)),
    Column("position", Integer),
    Column("description", Text),
    Column("amount", BigInteger),
    Column("taxable", Boolean),
    Column("tax", BigInteger),
    Column("contract_id", Integer),
    Column("period_index", Integer),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("credit_number", String(30)),
)
# Documents are joined by number alone: invoice and memo numbers are unique, and the ledger has
# no payments. (With `AND t.type = 'invoice'` SQLite, without statistics, picks the index on type
# and reads every invoice for each line.)
BARE = (
    """INSERT INTO ar_transactions (customer_id, type, number, invoice_date, due_date, amount,
        tax, description, category, batch_id)
    SELECT customer_id, type, number, invoice_date, due_date, amount, tax, description,
        category, NULL
    FROM bench_documents ORDER BY id""",
    """INSERT INTO invoice_lines (transaction_id, position, description, service_date, quantity,
        rate, amount, taxable, tax)
    SELECT t.id, b.position, b.description, b.period_start, 100, b.amount, b.amount, b.taxable,
        b.tax
    FROM bench_lines b JOIN ar_transactions t ON t.number = b.number
    ORDER BY b.id""",
    """INSERT INTO contract_periods (contract_id, period_index, period_start, period_end, state,
        transaction_id, amount, reason, credit_id)
    SELECT b.contract_id, b.period_index, b.period_start, b.period_end, 'billed', t.id,
        b.amount, '', c.id
    FROM bench_lines b JOIN ar_transactions t ON t.number = b.number
    LEFT JOIN ar_transactions c ON c.number = b.credit_number
    ORDER BY b.id""",
)


@dataclass(frozen=True)
class Run:
    seconds: float
    lines: int
    fingerprint: str  # what was made, hashed: the same documents, lines and periods, or not


def _cents(amount: Decimal) -> int:
    return int(amount.scaleb(2))


def _numbered(prefix: str, count: int) -> list[str]:
    """The numbers a run on an empty ledger gives: the counter's first `count`."""
    return [f"{prefix}{n:0{DIGITS}d}" for n in range(1, count + 1)]


def stage(db: Database) -> int:
    """Plan the run (untimed) and write what it would make into the staging tables, numbered
    as `bill_recurring` numbers it; how many lines."""
    with db.read() as session:
        settings = billing.load_settings(session)
        planned = billing.plan_recurring(session, RecurringRequest(RECURRING_THROUGH))
    invoices = _numbered(settings.invoice_prefix, len(planned.invoices))
    credits = _numbered(settings.credit_memo_prefix, len(planned.credits))
    credit_of = {
        (c.contract_id, c.period_index): n for c, n in zip(planned.credits, credits, strict=True)
    }
    documents = [
        {
            "customer_id": invoice.customer_id,
            "type": TransactionType.INVOICE.value,
            "number": number,
            "invoice_date": invoice.invoice_date,
            "due_date": invoice.due_date,
            "amount": _cents(invoice.amount),
            "tax": _cents(invoice.tax),
            "description": invoice.description,
            "category": MemoCategory.OTHER.value,
        }
        for invoice, number in zip(planned.invoices, invoices, strict=True)
    ] + [
        {
            "customer_id": credit.customer_id,
            "type": TransactionType.CREDIT_MEMO.value,
            "number": number,
            "invoice_date": credit.credit_date,
            "due_date": credit.credit_date,
            "amount": _cents(credit.amount),
            "tax": _cents(credit.tax),
            "description": credit.description,
            "category": MemoCategory.PART_PERIOD_CREDIT.value,
        }
        for credit, number in zip(planned.credits, credits, strict=True)
    ]
    lines = [
        {
            "number": number,
            "position": position,
            "description": line.description,
            "amount": _cents(line.amount),
            "taxable": line.taxable,
            "tax": _cents(line.tax),
            "contract_id": line.contract_id,
            "period_index": line.period_index,
            "period_start": line.period_start,
            "period_end": line.period_end,
            "credit_number": credit_of.get((line.contract_id, line.period_index)),
        }
        for invoice, number in zip(planned.invoices, invoices, strict=True)
        for position, line in enumerate(invoice.lines, start=1)
    ]
    STAGING.create_all(db.engine)
    with db.engine.begin() as connection:
        connection.execute(insert(DOCUMENTS), documents)
        connection.execute(insert(LINES), lines)
    tidy_tables(db.engine, "bench_documents", "bench_lines")
    return len(lines)


def bare_insert_select(engine: Engine) -> Run:
    started = time.perf_counter()
    with engine.begin() as connection:
        _documents, lines, periods = (connection.execute(text(sql)).rowcount for sql in BARE)
    seconds = time.perf_counter() - started
    if lines != periods:
        raise SystemExit(f"The bare SQL made {lines} lines but {periods} period rows.")
    return Run(seconds, lines, _undo(engine))


@dataclass(frozen=True)
class Prepared:
    """The staged rows read back as the driver takes them, before the clock starts."""

    documents: list[tuple[Any, ...]]
    lines: list[tuple[Any, ...]]


DOCUMENT_COLUMNS = "customer_id, type, number, invoice_date, due_date, amount, tax, description"
LINE_COLUMNS = "number, position, description, period_start, amount, taxable, tax"
PERIOD_COLUMNS = "contract_id, period_index, period_end, credit_number"


def prepared(engine: Engine) -> Prepared:
    with engine.connect() as connection:
        documents = connection.execute(
            text(f"SELECT {DOCUMENT_COLUMNS}, category FROM bench_documents ORDER BY id")
        )
        lines = connection.execute(
            text(f"SELECT {LINE_COLUMNS}, {PERIOD_COLUMNS} FROM bench_lines ORDER BY id")
        )
        return Prepared([tuple(row) for row in documents], [tuple(row) for row in lines])


def _insert(table: str, columns: str, mark: str) -> str:
    return f"INSERT INTO {table} ({columns}) VALUES ({', '.join(mark for _ in columns.split(','))})"


def bare_executemany(engine: Engine, rows: Prepared) -> Run:
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.exec_driver_sql(
            _insert("ar_transactions", f"{DOCUMENT_COLUMNS}, category", mark), rows.documents
        )
        ids: dict[str, int] = dict(
            connection.exec_driver_sql("SELECT number, id FROM ar_transactions").all()
        )
        connection.exec_driver_sql(
            _insert(
                "invoice_lines",
                "transaction_id, position, description, service_date, quantity, rate, amount, "
                "taxable, tax",
                mark,
            ),
            [(ids[n], p, d, s, 100, a, a, x, t) for n, p, d, s, a, x, t, *_ in rows.lines],
        )
        connection.exec_driver_sql(
            _insert(
                "contract_periods",
                "contract_id, period_index, period_start, period_end, state, transaction_id, "
                "amount, reason, credit_id",
                mark,
            ),
            [
                (k, i, s, e, "billed", ids[n], a, "", ids.get(c))
                for n, _p, _d, s, a, _x, _t, k, i, e, c in rows.lines
            ],
        )
    seconds = time.perf_counter() - started
    return Run(seconds, len(rows.lines), _undo(engine))


def billing_run(db: Database) -> Run:
    started = time.perf_counter()
    with db.transaction() as session:
        run = billing.bill_recurring(session, RecurringRequest(RECURRING_THROUGH))
    seconds = time.perf_counter() - started
    return Run(seconds, sum(len(i.lines) for i in run.invoices), _undo(db.engine))


# Every column either side writes, by the numbers and contract numbers, not the row ids.
MADE = (
    """SELECT t.type, t.number, c.number, t.invoice_date, t.due_date, t.amount, t.tax,
        t.description, t.category, t.batch_id
    FROM ar_transactions t JOIN customers c ON c.id = t.customer_id
    ORDER BY t.type, t.number""",
    """SELECT t.number, l.position, l.description, l.service_date, l.service_type_id,
        l.quantity, l.rate, l.amount, l.taxable, l.tax, l.work_entry_id
    FROM invoice_lines l JOIN ar_transactions t ON t.id = l.transaction_id
    ORDER BY t.number, l.position""",
    """SELECT k.number, p.period_index, p.period_start, p.period_end, p.state, t.number,
        p.amount, p.reason, m.number
    FROM contract_periods p JOIN contracts k ON k.id = p.contract_id
    JOIN ar_transactions t ON t.id = p.transaction_id
    LEFT JOIN ar_transactions m ON m.id = p.credit_id
    ORDER BY k.number, p.period_index""",
)


def _fingerprint(connection: Connection) -> str:
    digest = hashlib.sha256()
    for sql in MADE:
        for row in connection.execute(text(sql)):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _undo(engine: Engine) -> str:
    """What the run made, then the database as it was before it (the audit log aside)."""
    with engine.begin() as connection:
        fingerprint = _fingerprint(connection)
        connection.execute(text("DELETE FROM ar_transactions"))  # lines and periods cascade
        connection.execute(
            text(
                "UPDATE counters SET value = 0 "
                "WHERE name IN ('invoice_number', 'credit_memo_number')"
            )
        )
    tidy_tables(engine, "ar_transactions", "invoice_lines", "contract_periods", "counters")
    return fingerprint


def median(runs: int, measures: list[Callable[[], Run]]) -> list[Run]:
    """Each measure's median run, the measures taken in turns so neither has the warmer cache."""
    taken: list[list[Run]] = [[] for _ in measures]
    for _ in range(runs):
        for results, measure in zip(taken, measures, strict=True):
            results.append(measure())
    for results in taken:
        if len({r.fingerprint for r in results}) != 1:
            raise SystemExit("Repeated runs made different documents.")
    return [sorted(results, key=lambda r: r.seconds)[len(results) // 2] for results in taken]


def profile(db: Database, path: str) -> None:
    """One more billing run under cProfile, its statistics written to `path`, the top printed."""
    profiler = cProfile.Profile()
    profiler.enable()
    billing_run(db)
    profiler.disable()
    profiler.dump_stats(path)
    stats: Any = pstats.Stats(path)
    stats.sort_stats("cumulative").print_stats(30)


def main(argv: list[str] | None = None) -> int:
    args = recurring_arguments(__doc__.splitlines()[0], 3, "runs of each; the median counts", argv)
    with loaded_contract_database(args) as (db, started):
        staged = stage(db)
        rows = prepared(db.engine)
        print(
            f"data: {args.customers:,} customers, {args.contracts:,} contracts, {staged:,} "
            f"lines due through {RECURRING_THROUGH}, loaded and staged in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        runs = median(
            args.runs,
            [
                lambda: bare_executemany(db.engine, rows),
                lambda: bare_insert_select(db.engine),
                lambda: billing_run(db),
            ],
        )
        if len({run.fingerprint for run in runs}) != 1:
            raise SystemExit("bill_recurring and the bare SQL did not make the same rows.")
        names = ("bare executemany", "bare INSERT…SELECT", "bill_recurring")
        for name, run in zip(names, runs, strict=True):
            print(
                f"{name:<19} {run.seconds:8.3f} s  {run.lines:,} lines, "
                f"{run.lines / run.seconds:,.0f} lines/s",
                flush=True,
            )
        many, select_, made = (run.seconds for run in runs)
        print(
            f"ratio {made / many:.2f} to executemany (at most 3), "
            f"{made / select_:.2f} to INSERT…SELECT"
        )
        if args.profile:
            profile(db, args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
