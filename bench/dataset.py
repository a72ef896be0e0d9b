"""A year of A/R history for the benchmark, loaded in bulk (executemany on SQLite, COPY on
PostgreSQL), straight into the tables: integer cents, ISO dates. Also (`load_work`) two months
of unbilled work for the invoicing benchmark, loaded the same way."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, insert, select

from app.models import Billing, Contract, Customer, ServiceType, Setting

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


def _copy_postgresql(engine: Engine, rows: Iterator[Row]) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        columns = ", ".join(TRANSACTION_COLUMNS)
        with cursor.copy(f"COPY ar_transactions ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        raw.commit()
    finally:
        raw.close()


def _executemany_sqlite(engine: Engine, rows: Iterator[Row]) -> None:
    raw = engine.raw_connection()
    try:
        # sqlite3's own cursor takes an iterator, so the million rows are never all in memory.
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        # The connection runs in autocommit mode (app.store.engine hands BEGIN to SQLAlchemy): one
        # explicit transaction, or every row would be a commit of its own.
        cursor.execute("BEGIN")
        marks = ", ".join("?" for _ in TRANSACTION_COLUMNS)
        cursor.executemany(
            f"INSERT INTO ar_transactions ({', '.join(TRANSACTION_COLUMNS)}) VALUES ({marks})",
            ((c, k, n, i.isoformat(), d.isoformat(), a, t, s) for c, k, n, i, d, a, t, s in rows),
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
    rows = transaction_rows(data, ids)
    if engine.dialect.name == "postgresql":
        _copy_postgresql(engine, rows)
    else:
        _executemany_sqlite(engine, rows)


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


def _copy_work_postgresql(engine: Engine, rows: Iterator[WorkRow]) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(f"COPY work_entries ({', '.join(WORK_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        raw.commit()
    finally:
        raw.close()


def _executemany_work_sqlite(engine: Engine, rows: Iterator[WorkRow]) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute("BEGIN")  # one transaction, not one per row (see _executemany_sqlite)
        marks = ", ".join("?" for _ in WORK_COLUMNS)
        cursor.executemany(
            f"INSERT INTO work_entries ({', '.join(WORK_COLUMNS)}) VALUES ({marks})",
            ((c, d.isoformat(), *rest) for c, d, *rest in rows),
        )
        cursor.execute("COMMIT")
    finally:
        raw.close()


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
    rows = work_rows(data, ids, types)
    if engine.dialect.name == "postgresql":
        _copy_work_postgresql(engine, rows)
    else:
        _executemany_work_sqlite(engine, rows)


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
