"""A year of A/R history for the benchmark, loaded in bulk (executemany on SQLite, COPY on
PostgreSQL), straight into the tables: integer cents, ISO dates. Also (`load_work`) two months
of unbilled work for the invoicing benchmark, loaded the same way."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update

from app.models import (
    BatchKind,
    Billing,
    Contract,
    Counter,
    Customer,
    InvoiceBatch,
    OriginalPrint,
    ServiceType,
    Setting,
)

YEAR_START = dt.date(2026, 1, 1)
# Type mix of a typical ledger: mostly invoices, some memos, and the payments against them.
TYPE_WEIGHTS = {"invoice": 80, "credit_memo": 6, "debit_memo": 4, "payment": 10}
TRANSACTION_COLUMNS = (
    "customer_id",
    "type",
    "number",
    "invoice_date",
    "due_date",
    "amount",
    "tax",
    "description",
)
Row = tuple[int, str, str, dt.date, dt.date, int, int, str]


@dataclass(frozen=True)
class Dataset:
    customers: int
    transactions: int
    seed: int = 2026


def _cutoff_day(rng: random.Random) -> int | None:
    """Most customers close on a day 1–28, a few on 29–31, one in twenty is not in the process."""
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.10:
        return rng.choice((29, 30, 31))
    return rng.randint(1, 28)


def _customers(data: Dataset, rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "number": f"C{i:06d}",
            "name": f"Customer {i}",
            "city": "Springfield",
            "country": "USA",
            "cutoff_day": _cutoff_day(rng),
            "active": rng.random() >= 0.02,
        }
        for i in range(1, data.customers + 1)
    ]


def transaction_rows(data: Dataset, customer_ids: list[int]) -> Iterator[Row]:
    """`data.transactions` rows spread evenly over the customers and over the year 2026."""
    rng = random.Random(data.seed)
    types = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    for i in range(data.transactions):
        kind = rng.choices(types, weights)[0]
        invoice_date = YEAR_START + dt.timedelta(days=rng.randrange(365))
        due = invoice_date if kind == "payment" else invoice_date + dt.timedelta(days=30)
        amount = rng.randint(100, 500_000)
        tax = amount * 8 // 100 if kind != "payment" else 0
        number = f"{kind[0].upper()}{i:07d}"
        yield (
            customer_ids[i % len(customer_ids)],
            kind,
            number,
            invoice_date,
            due,
            amount,
            tax,
            "",
        )


def bulk_insert(
    engine: Engine, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Stream `rows` into `table`: COPY on PostgreSQL, one executemany in one transaction on
    SQLite (dates as ISO text, as SQLAlchemy stores them there)."""
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "postgresql":
            with raw.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            raw.commit()
            return
        # sqlite3's own cursor takes an iterator, so the million rows are never all in memory.
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        # The connection runs in autocommit mode (app.store.engine hands BEGIN to SQLAlchemy): one
        # explicit transaction, or every row would be a commit of its own.
        cursor.execute("BEGIN")
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            (tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row) for row in rows),
        )
        cursor.execute("COMMIT")
    finally:
        raw.close()


def load(engine: Engine, data: Dataset) -> None:
    """Fill an empty database with the customers and transactions of `data`."""
    with engine.begin() as connection:
        if connection.scalar(select(func.count()).select_from(Customer)):
            raise SystemExit("The benchmark needs an empty database; this one has customers.")
        connection.execute(insert(Customer), _customers(data, random.Random(data.seed)))
        ids = list(connection.scalars(select(Customer.id).order_by(Customer.id)))
    bulk_insert(engine, "ar_transactions", TRANSACTION_COLUMNS, transaction_rows(data, ids))


# Unbilled work (R15) for bench/invoice_work.py: customers with their own tax rate or the
# company's, a few service types, and entries spread over two months.
WORK_START = dt.date(2026, 10, 1)
WORK_DAYS = 61
COMPANY_TAX_RATE = "8.25"  # percent; the rate of a customer without one of its own
# code, name, rate in cents, taxable
SERVICE_TYPES = (
    ("VISIT", "Service visit", 8_500, True),
    ("LABOUR", "Repair labour, hours", 9_500, True),
    ("PARTS", "Parts and materials", 2_450, True),
    ("TRAVEL", "Travel, miles", 67, False),
)
WORK_COLUMNS = (
    "customer_id",
    "work_date",
    "service_type_id",
    "description",
    "worker",
    "quantity",
    "rate",
    "amount",
    "billable",
)
WorkRow = tuple[int, dt.date, int, str, str, int, int, int, bool]
WORKERS = ("Ana", "Bo", "Chen", "Dee", "Eli", "Fay")


@dataclass(frozen=True)
class WorkDataset:
    customers: int
    entries: int
    seed: int = 2026


def _tax_rate(rng: random.Random) -> Decimal | None:
    """Two in three customers take the company's rate, one in twenty is tax-exempt."""
    roll = rng.random()
    if roll < 0.05:
        return Decimal(0)
    if roll < 0.35:
        return Decimal(rng.choice(("6", "7.25", "9.5", "10.25")))
    return None


def _work_customers(data: WorkDataset, rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "number": f"W{i:05d}",
            "name": f"Work customer {i}",
            "country": "USA",
            "cutoff_day": 15,
            "tax_rate": _tax_rate(rng),
            "terms_days": rng.choice((None, None, 15, 45)),
        }
        for i in range(1, data.customers + 1)
    ]


def work_rows(data: WorkDataset, customer_ids: list[int], types: list[int]) -> Iterator[WorkRow]:
    """`data.entries` unbilled billable entries, the same number for each customer, in cents
    and hundredths; an entry's amount is quantity × rate rounded half up, as billing's."""
    rng = random.Random(data.seed)
    rates = [rate for _code, _name, rate, _taxable in SERVICE_TYPES]
    for i in range(data.entries):
        kind = rng.randrange(len(types))
        quantity = rng.randint(25, 800)  # 0.25 to 8.00
        work_date = WORK_START + dt.timedelta(days=rng.randrange(WORK_DAYS))
        described = "" if rng.random() < 0.5 else f"Job {i}: {SERVICE_TYPES[kind][1].lower()}"
        yield (
            customer_ids[i % len(customer_ids)],
            work_date,
            types[kind],
            described,
            rng.choice(WORKERS),
            quantity,
            rates[kind],
            (quantity * rates[kind] + 50) // 100,
            True,
        )


def load_work(engine: Engine, data: WorkDataset) -> None:
    """Fill an empty database with the customers, service types and unbilled work of `data`,
    and the company's tax rate."""
    with engine.begin() as connection:
        if connection.scalar(select(func.count()).select_from(Customer)):
            raise SystemExit("The benchmark needs an empty database; this one has customers.")
        connection.execute(insert(Setting), [{"key": "tax_rate", "value": COMPANY_TAX_RATE}])
        connection.execute(insert(Customer), _work_customers(data, random.Random(data.seed)))
        connection.execute(
            insert(ServiceType),
            [
                {"code": code, "name": name, "rate": Decimal(rate).scaleb(-2), "taxable": taxed}
                for code, name, rate, taxed in SERVICE_TYPES
            ],
        )
        ids = list(connection.scalars(select(Customer.id).order_by(Customer.id)))
        types = list(connection.scalars(select(ServiceType.id).order_by(ServiceType.id)))
    bulk_insert(engine, "work_entries", WORK_COLUMNS, work_rows(data, ids, types))


# Contracts (R16) for bench/recurring.py: most start in the first month of the year before
# RECURRING_THROUGH, so one run bills about a year of periods; a few start later in the year and
# a few end part way, so some periods are cut and some ended contracts are credited.
RECURRING_THROUGH = dt.date(2026, 12, 31)
CONTRACTS_START = dt.date(2026, 1, 1)
PERIOD_WEIGHTS = {1: 88, 3: 7, 6: 2, 12: 3}  # months: share of the contracts


@dataclass(frozen=True)
class ContractDataset:
    customers: int
    contracts: int
    seed: int = 2026


def _contract_customers(data: ContractDataset, rng: random.Random) -> list[dict[str, Any]]:
    """Customers at the company's tax rate, at one of their own, or exempt, with varied terms."""
    rates = (None, None, None, Decimal("6"), Decimal("9.5"), Decimal(0))
    return [
        {
            "number": f"R{i:05d}",
            "name": f"Recurring customer {i}",
            "country": "USA",
            "cutoff_day": rng.randint(1, 31),
            "tax_rate": rng.choice(rates),
            "terms_days": rng.choice((None, None, 15, 45)),
        }
        for i in range(1, data.customers + 1)
    ]


def _contract_dates(rng: random.Random) -> tuple[dt.date, dt.date | None]:
    """Nine in ten start in January, the rest any day of the year; one in twenty ends before
    the run's date, on any day after it started."""
    offset = rng.randrange(31) if rng.random() < 0.9 else rng.randrange(365)
    start = CONTRACTS_START + dt.timedelta(days=offset)
    end = None
    if rng.random() < 0.05:
        end = start + dt.timedelta(days=rng.randrange((RECURRING_THROUGH - start).days + 1))
    return start, end


def contract_rows(data: ContractDataset, customer_ids: list[int]) -> Iterator[dict[str, Any]]:
    """`data.contracts` contracts spread evenly over the customers: mostly monthly, a quarter
    billed in arrears, one in five not taxable, one in fifty inactive."""
    rng = random.Random(data.seed)
    lengths, weights = list(PERIOD_WEIGHTS), list(PERIOD_WEIGHTS.values())
    for i in range(data.contracts):
        months = rng.choices(lengths, weights)[0]
        start, end = _contract_dates(rng)
        yield {
            "number": f"K{i:06d}",
            "customer_id": customer_ids[i % len(customer_ids)],
            "name": f"Service plan {months} mo #{i}",
            "amount": Decimal(rng.randint(1_000, 250_000)).scaleb(-2),
            "period_months": months,
            "start_date": start,
            "end_date": end,
            "taxable": rng.random() >= 0.2,
            "billing": Billing.ARREARS if rng.random() < 0.25 else Billing.ADVANCE,
            "active": rng.random() >= 0.02,
        }


def load_contracts(engine: Engine, data: ContractDataset) -> None:
    """Fill an empty database with the customers and contracts of `data`, and the company's
    tax rate; nothing is billed yet."""
    with engine.begin() as connection:
        if connection.scalar(select(func.count()).select_from(Customer)):
            raise SystemExit("The benchmark needs an empty database; this one has customers.")
        connection.execute(insert(Setting), [{"key": "tax_rate", "value": "8.25"}])
        connection.execute(insert(Customer), _contract_customers(data, random.Random(data.seed)))
        ids = list(connection.scalars(select(Customer.id).order_by(Customer.id)))
        connection.execute(insert(Contract), list(contract_rows(data, ids)))


# Three years of a mid-size company (issue 16) for bench/scale.py: customers billed on their
# cutoff day every month, as the app generates them (R1, R2), one batch per close date, all but
# the newest few printed and so locked (R12). Two annual-fee runs make the big batches: on
# FEE_RUNS' dates every customer of the range gets a fee debit memo, and a run with the override
# (R3) over that range bills it with everything else they had unbatched. Each day's rows come from
# a generator seeded by the day, so a shorter history is the tail of the longer one and its batches
# from the fee runs on are the same.
HISTORY_END = dt.date(2026, 9, 30)
HISTORY_MONTHS_START = dt.date(2024, 1, 1)  # 33 months, 1,004 days: 1,005 batches
ROWS_A_DAY = 981  # with the fee memos, about 1,000,000 rows over the 33 months
OPEN_CLOSE_DATES = 5  # the newest close dates, whose batches are not printed yet
FEE_CENTS = 12_000


@dataclass(frozen=True)
class FeeRun:
    date: dt.date
    first_customer: int  # 1-based, inclusive
    last_customer: int
    description: str


def fee_runs(customers: int) -> tuple[FeeRun, ...]:
    half = customers // 2
    return (
        FeeRun(dt.date(2026, 8, 14), 1, customers, "Annual service fees"),
        FeeRun(dt.date(2026, 9, 4), 1, half, f"Annual service fees, customers 1 to {half:,}"),
    )


@dataclass(frozen=True)
class History:
    customers: int
    first_day: dt.date
    last_day: dt.date = HISTORY_END
    rows_a_day: int = ROWS_A_DAY
    seed: int = 2026

    @property
    def days(self) -> list[dt.date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=n) for n in range(count)]


def _history_cutoff_day(rng: random.Random) -> int:
    """Nine in ten customers close on a day 1–28, the rest on 29–31; everybody is in the process."""
    return rng.randint(1, 28) if rng.random() < 0.9 else rng.choice((29, 30, 31))


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def close_date(cutoff_day: int, day: dt.date) -> dt.date:
    """The close date of `cutoff_day` in `day`'s month (R1: past the month's end, its last day)."""
    return day.replace(day=min(cutoff_day, _month_end(day).day))


# A batch of the history: its close date, and whether it is a fee run's (made before that day's
# cutoff run, so it takes that day's fee memos).
Run = tuple[dt.date, int]
CUTOFF_RUN, FEE_RUN = 1, 0


def _run_of(
    history: History, runs: tuple[FeeRun, ...], customer: int, cutoff_day: int, day: dt.date
) -> Run | None:
    """The run that bills a document of `customer` dated `day`: its next cutoff run or a fee run
    over it, whichever comes first; None when that is after the history ends (still unbatched)."""
    regular = close_date(cutoff_day, day)
    if regular < day:
        regular = close_date(cutoff_day, _month_end(day) + dt.timedelta(days=1))
    found: Run = (regular, CUTOFF_RUN)
    for run in runs:
        if run.first_customer <= customer <= run.last_customer and day <= run.date:
            found = min(found, (run.date, FEE_RUN))
    return found if found[0] <= history.last_day else None


HistoryRow = tuple[int, str, str, dt.date, dt.date, int, int, str, str, str, Run | None]


def history_rows(history: History, cutoff_days: list[int]) -> Iterator[HistoryRow]:
    """Every transaction of the history, by day, with the run that bills it; customers are
    1-based positions."""
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    runs = tuple(r for r in fee_runs(history.customers) if history.first_day <= r.date)
    for day in history.days:
        rng = random.Random(history.seed * 100_000 + day.toordinal())
        for i in range(history.rows_a_day):
            kind = rng.choices(types, weights)[0]
            customer = rng.randrange(history.customers) + 1
            amount = rng.randint(100, 500_000)
            paid = kind == "payment"
            yield (
                customer,
                kind,
                f"{kind[0].upper()}{day:%y%m%d}{i:04d}",
                day,
                day if paid else day + dt.timedelta(days=30),
                amount,
                0 if paid else amount * 8 // 100,
                "",
                "other",
                "check",
                None if paid else _run_of(history, runs, customer, cutoff_days[customer - 1], day),
            )
        for run in runs:
            if run.date != day:
                continue
            for customer in range(run.first_customer, run.last_customer + 1):
                yield (
                    customer,
                    "debit_memo",
                    f"F{day:%y%m%d}{customer:05d}",
                    day,
                    day + dt.timedelta(days=30),
                    FEE_CENTS,
                    FEE_CENTS * 8 // 100,
                    "Annual service fee",
                    "other",
                    "check",
                    (day, FEE_RUN),
                )


HISTORY_COLUMNS = (*TRANSACTION_COLUMNS, "category", "method", "batch_id")


def history_customers(history: History) -> list[dict[str, Any]]:
    rng = random.Random(history.seed)
    return [
        {
            "number": f"C{i:05d}",
            "name": f"Customer {i}",
            "city": "Springfield",
            "country": "USA",
            "cutoff_day": _history_cutoff_day(rng),
        }
        for i in range(1, history.customers + 1)
    ]


def _batches(history: History, runs: set[Run]) -> list[dict[str, Any]]:
    """The batches of the runs that billed something, numbered in the order they were made, as
    generation leaves them: open, not printed."""
    fee_descriptions = {r.date: r.description for r in fee_runs(history.customers)}
    made = []
    for number, (day, which) in enumerate(sorted(runs), start=1):
        made.append(
            {
                "number": number,
                "close_date": day,
                "description": fee_descriptions[day] if which == FEE_RUN else "",
                "kind": BatchKind.GENERATED,
                "created_at": dt.datetime.combine(day, dt.time(17 if which == CUTOFF_RUN else 9)),
                "print_count": 0,
            }
        )
    return made


def _print_history(connection: Connection, history: History) -> None:
    """Print every batch but those of the newest close dates the morning after it was made:
    printing locks it (R12), so this comes after its transactions are in (R7)."""
    newest = sorted(set(connection.scalars(select(InvoiceBatch.close_date))))[-OPEN_CLOSE_DATES:]
    batches = connection.execute(
        select(InvoiceBatch.id, InvoiceBatch.created_at).where(InvoiceBatch.close_date < newest[0])
    ).all()
    printed = [
        {"b_id": batch_id, "at": created + dt.timedelta(hours=16)} for batch_id, created in batches
    ]
    connection.execute(
        update(InvoiceBatch)
        .where(InvoiceBatch.id == bindparam("b_id"))
        .values(printed_at=bindparam("at"), locked_at=bindparam("at"), print_count=1),
        printed,
    )
    connection.execute(
        insert(OriginalPrint),
        [{"batch_id": p["b_id"], "printed_at": p["at"], "pdf": b"%PDF-1.4 bench"} for p in printed],
    )


def load_history(engine: Engine, history: History) -> None:
    """Fill an empty database with the customers, transactions and batches of `history`."""
    customers = history_customers(history)
    cutoff_days = [c["cutoff_day"] for c in customers]
    runs = {row[-1] for row in history_rows(history, cutoff_days) if row[-1] is not None}
    with engine.begin() as connection:
        if connection.scalar(select(func.count()).select_from(Customer)):
            raise SystemExit("The benchmark needs an empty database; this one has customers.")
        connection.execute(insert(Customer), customers)
        ids = list(connection.scalars(select(Customer.id).order_by(Customer.id)))
        batches = _batches(history, runs)
        connection.execute(insert(InvoiceBatch), batches)
        connection.execute(
            update(Counter).where(Counter.name == "batch_number").values(value=len(batches))
        )
        batch_ids = dict(connection.execute(select(InvoiceBatch.number, InvoiceBatch.id)).all())
    batch_of = {run: batch_ids[n] for n, run in enumerate(sorted(runs), start=1)}
    rows = (
        (ids[customer - 1], *row, None if run is None else batch_of[run])
        for customer, *row, run in history_rows(history, cutoff_days)
    )
    bulk_insert(engine, "ar_transactions", HISTORY_COLUMNS, rows)
    with engine.begin() as connection:
        _print_history(connection, history)
