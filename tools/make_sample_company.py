"""Write the transactions of the sample company shipped in resources/sample/: four months
(August to November 2026) of invoices, memos and payments for the customers of customers.csv.

The data is drawn from a seeded random generator, so running this again gives the same files.

    .venv/bin/python tools/make_sample_company.py
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from app.billing.imports import TRANSACTION_COLUMNS
from app.resources import resource_path

CENT = Decimal("0.01")
FIRST_DAY = dt.date(2026, 8, 1)
LAST_DAY = dt.date(2026, 11, 20)
TERMS = dt.timedelta(days=30)
TAX_RATES = {"WA": "0.1025", "CA": "0.0850", "NV": "0.0825", "ID": "0.0600", "BC": "0.1200"}

SLOW_PAYERS = {"C008", "C016", "C029"}  # pay late and get finance charges

GOODS = [
    ("Copy paper, letter, 10 cases", 389, 459),
    ("Toner cartridges, black (4)", 296, 412),
    ("Ergonomic office chairs (2)", 780, 1140),
    ("Breakroom supplies: coffee, cups, filters", 96, 188),
    ("Filing cabinet, 4-drawer", 329, 429),
    ("Printer service contract, monthly", 145, 145),
    ("Labels, folders and desk organizers", 64, 142),
    ("Whiteboard, markers and easel pads", 118, 265),
    ("Shipping supplies: boxes, tape, mailers", 87, 214),
    ("Standing desk converter", 245, 389),
    ("Envelopes, #10 window, 5,000", 162, 198),
    ("Monitor arms, dual (3)", 297, 420),
    ("Presentation binders and tabs", 58, 126),
    ("Shredding service, quarterly", 210, 210),
    ("Conference room chairs (6)", 1290, 1860),
    ("Ink cartridges, color set (5)", 214, 312),
    ("Janitorial supplies", 132, 276),
    ("Laminator and pouches", 149, 238),
]
RETURNS = [
    "Return: damaged toner cartridges",
    "Return: chair delivered in wrong color",
    "Price adjustment: volume discount",
    "Credit for short shipment",
    "Return: unopened paper cases",
]


@dataclass
class Row:
    customer: str
    type: str
    number: str
    invoice_date: dt.date
    due_date: dt.date
    amount: Decimal
    tax: Decimal
    description: str
    refers_to: Row | None = None  # the invoice a memo is about: "{ref}" in the description

    def as_csv(self) -> list[str]:
        tax = f"{self.tax:.2f}" if self.tax else ""
        return [
            self.customer,
            self.type,
            self.number,
            self.invoice_date.isoformat(),
            self.due_date.isoformat(),
            f"{self.amount:.2f}",
            tax,
            self.description.format(ref=self.refers_to.number if self.refers_to else ""),
        ]


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Ledger:
    """Invents one customer's months of business; numbers run across the company."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: list[Row] = []

    def numbered(self) -> list[Row]:
        """Every row by date, invoices and memos numbered in the order they were written."""
        rank = {"invoice": 0, "debit_memo": 1, "credit_memo": 2, "payment": 3}
        rows = sorted(self.rows, key=lambda r: (r.invoice_date, r.customer, rank[r.type]))
        counters = {"invoice": 26040, "credit_memo": 2610, "debit_memo": 2640}
        prefixes = {"invoice": "INV", "credit_memo": "CM", "debit_memo": "DM"}
        for row in rows:
            if row.type in counters:
                counters[row.type] += 1
                row.number = f"{prefixes[row.type]}-{counters[row.type]}"
        return rows

    def day_in(self, month_start: dt.date) -> dt.date:
        end = (month_start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        last = min(end, LAST_DAY)
        return month_start + dt.timedelta(days=self.rng.randint(0, (last - month_start).days))

    def invoice(self, customer: str, rate: Decimal, day: dt.date) -> Row:
        text, low, high = self.rng.choice(GOODS)
        amount = Decimal(self.rng.randint(low * 100, high * 100)) / 100
        row = Row(customer, "invoice", "", day, day + TERMS, amount, cents(amount * rate), text)
        self.rows.append(row)
        return row

    def credit(self, invoice: Row, rate: Decimal) -> None:
        day = min(invoice.invoice_date + dt.timedelta(days=self.rng.randint(3, 12)), LAST_DAY)
        amount = cents(invoice.amount * Decimal(self.rng.choice(["0.10", "0.25", "0.5"])))
        text = f"{self.rng.choice(RETURNS)} (on {{ref}})"
        tax = cents(amount * rate)
        self.rows.append(
            Row(invoice.customer, "credit_memo", "", day, day, amount, tax, text, invoice)
        )

    def charge(
        self, customer: str, day: dt.date, amount: Decimal, text: str, about: Row | None = None
    ) -> None:
        due = day + TERMS
        self.rows.append(Row(customer, "debit_memo", "", day, due, amount, Decimal(0), text, about))

    def payment(self, customer: str, day: dt.date, amount: Decimal, reference: str) -> None:
        self.rows.append(Row(customer, "payment", reference, day, day, amount, Decimal(0), ""))


def months() -> list[dt.date]:
    return [dt.date(2026, month, 1) for month in range(8, 12)]


def customer_business(ledger: Ledger, customer: dict[str, str]) -> None:
    number, region = customer["number"], customer["region"]
    rng = ledger.rng
    rate = Decimal(TAX_RATES.get(region, "0"))
    check = rng.randint(1100, 8800)
    for month in months():
        invoices = [
            ledger.invoice(number, rate, ledger.day_in(month)) for _ in range(rng.randint(1, 4))
        ]
        for invoice in invoices:
            if rng.random() < 0.07:
                ledger.credit(invoice, rate)
            if rng.random() < 0.18:
                freight = Decimal(rng.randint(3500, 18000)) / 100
                day = invoice.invoice_date
                ledger.charge(number, day, freight, "Freight on {ref}", invoice)
        owed = sum((i.amount + i.tax for i in invoices), Decimal(0))
        late = number in SLOW_PAYERS
        paid_on = month + dt.timedelta(days=rng.randint(55, 70) if late else rng.randint(28, 45))
        if paid_on <= LAST_DAY:
            share = Decimal(rng.choice(["0.6", "0.75"])) if late else Decimal(1)
            check += rng.randint(3, 40)
            ledger.payment(number, paid_on, cents(owed * share), f"CHK {check}")
        if late and month > FIRST_DAY:
            day = month + dt.timedelta(days=rng.randint(0, 2))
            fee = cents(owed * Decimal("0.015")) + Decimal("5.00")
            ledger.charge(number, day, fee, "Finance charge, 1.5% on overdue balance")


def main() -> None:
    rng = random.Random(20261121)
    ledger = Ledger(rng)
    folder = resource_path("sample")
    inactive = {s["number"] for s in read(folder / "customer_status.csv") if s["active"] == "no"}
    for customer in read(folder / "customers.csv"):
        if customer["number"] not in inactive:
            customer_business(ledger, customer)
    rows = ledger.numbered()
    write(folder / "transactions.csv", TRANSACTION_COLUMNS, [r.as_csv() for r in rows])
    print(f"{len(rows)} transactions written to {folder}")


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
