"""Write the transactions and the work of the sample company shipped in resources/sample/ for
the customers of customers.csv (which is written by hand):
- transactions.csv: four months (August to November 2026) of invoices, memos and payments,
  taxed at each customer's tax_rate (empty: the company's, 0 %: Oregon has no sales tax) and
  due after each customer's terms_days (empty: the company's 30);
- service_types.csv and work.csv: two months of field work (October and November 2026) for the
  customers tagged copier-service, and shredding for a few offices. When the sample is loaded,
  the work's dates move by whole weeks so that it ends in the week before that day
  (app/ui/first_run.py): a new clerk sees recent, unbilled work at once.

The data is drawn from seeded random generators, so running this again gives the same files.

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
from app.billing.work_imports import SERVICE_TYPE_COLUMNS, WORK_COLUMNS
from app.resources import resource_path

CENT = Decimal("0.01")
FIRST_DAY = dt.date(2026, 8, 1)
LAST_DAY = dt.date(2026, 11, 20)
COMPANY_TERMS = 30  # days; the sample company's settings keep the default

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

    def invoice(self, customer: str, rate: Decimal, day: dt.date, terms: dt.timedelta) -> Row:
        text, low, high = self.rng.choice(GOODS)
        amount = Decimal(self.rng.randint(low * 100, high * 100)) / 100
        row = Row(customer, "invoice", "", day, day + terms, amount, cents(amount * rate), text)
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
        self,
        customer: str,
        day: dt.date,
        terms: dt.timedelta,
        amount: Decimal,
        text: str,
        about: Row | None = None,
    ) -> None:
        due = day + terms
        self.rows.append(Row(customer, "debit_memo", "", day, due, amount, Decimal(0), text, about))

    def payment(self, customer: str, day: dt.date, amount: Decimal, reference: str) -> None:
        self.rows.append(Row(customer, "payment", reference, day, day, amount, Decimal(0), ""))


def months() -> list[dt.date]:
    return [dt.date(2026, month, 1) for month in range(8, 12)]


def customer_business(ledger: Ledger, customer: dict[str, str]) -> None:
    number = customer["number"]
    rng = ledger.rng
    rate = Decimal(customer["tax_rate"] or "0") / 100
    terms = dt.timedelta(days=int(customer["terms_days"] or COMPANY_TERMS))
    check = rng.randint(1100, 8800)
    for month in months():
        invoices = [
            ledger.invoice(number, rate, ledger.day_in(month), terms)
            for _ in range(rng.randint(1, 4))
        ]
        for invoice in invoices:
            if rng.random() < 0.07:
                ledger.credit(invoice, rate)
            if rng.random() < 0.18:
                freight = Decimal(rng.randint(3500, 18000)) / 100
                day = invoice.invoice_date
                ledger.charge(number, day, terms, freight, "Freight on {ref}", invoice)
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
            ledger.charge(number, day, terms, fee, "Finance charge, 1.5% on overdue balance")


# The work: Northwind's technicians keep its customers' copiers and printers running, assemble
# the furniture it sells and shred old files. Rates in dollars; delivery and shredding are not
# taxed.
SERVICE_TYPES = [
    ("SVC-CALL", "Copier service call", "95.00", "yes"),
    ("LABOUR", "Repair labour (hours)", "85.00", "yes"),
    ("PARTS", "Parts and consumables", "35.00", "yes"),
    ("ASSEMBLY", "Furniture assembly (hours)", "65.00", "yes"),
    ("DELIVERY", "Delivery and setup", "45.00", "no"),
    ("SHRED", "On-site shredding (bins)", "18.00", "no"),
]
KEY_ACCOUNT_LABOUR = "76.50"  # the labour rate agreed with key accounts
WORK_FIRST, WORK_LAST = dt.date(2026, 10, 1), dt.date(2026, 11, 30)
TECHNICIANS = ["Marcus Reyes", "Priya Natarajan", "Tom Becker"]
MOVERS = ["Lena Okafor", "Tom Becker"]
SHREDDING = ["C010", "C012", "C016", "C020"]  # offices with a bin collection every other week
MACHINES = [
    "Canon iR-ADV C5535",
    "Ricoh IM C3000",
    "HP LaserJet M607",
    "Xerox VersaLink C7020",
    "Konica Minolta bizhub C300i",
]
FAULTS = [
    "paper jams in tray 2",
    "streaks on every copy",
    "fuser error SC542",
    "duplex unit not feeding",
    "scan to email failing",
    "toner not recognised",
    "grinding noise from the finisher",
]
PARTS = [
    ("Fuser kit", "189.00"),
    ("Drum unit", "129.50"),
    ("Toner cartridge, black", "84.99"),
    ("Feed roller set", "42.00"),
    ("Waste toner box", "18.75"),
    ("Transfer belt", "245.00"),
]
HOURS = ["0.50", "0.75", "1.00", "1.25", "1.50", "2.00", "2.50", "3.00"]


def workday(rng: random.Random) -> dt.date:
    """A weekday of the two months of work."""
    while True:
        day = WORK_FIRST + dt.timedelta(days=rng.randint(0, (WORK_LAST - WORK_FIRST).days))
        if day.weekday() < 5:
            return day


def service_visit(rng: random.Random, customer: dict[str, str]) -> list[list[str]]:
    """One call-out: the call, the hours, often a part. One in twenty is a warranty repair, done
    for nothing: not billable."""
    number, day, worker = customer["number"], workday(rng).isoformat(), rng.choice(TECHNICIANS)
    machine = rng.choice(MACHINES)
    billable = "no" if rng.random() < 0.05 else ""
    fault = f"{machine}: {rng.choice(FAULTS)}" + (" (under warranty)" if billable else "")
    labour = KEY_ACCOUNT_LABOUR if "key-account" in customer["tags"].split(";") else ""
    rows = [
        [number, day, "SVC-CALL", fault, worker, "1.00", "", billable],
        # An empty description: the invoice line says the service type's name.
        [number, day, "LABOUR", "", worker, rng.choice(HOURS), labour, billable],
    ]
    if rng.random() < 0.5:
        part, price = rng.choice(PARTS)
        count = rng.choice(["1.00", "1.00", "2.00"])
        rows.append([number, day, "PARTS", f"{part} for {machine}", worker, count, price, billable])
    return rows


def furniture_job(rng: random.Random, number: str) -> list[list[str]]:
    day, hours = workday(rng).isoformat(), rng.choice(["2.00", "3.50", "4.00", "6.00"])
    what = rng.choice(["Standing desks (4)", "Conference table and chairs", "Filing cabinets (3)"])
    return [
        [number, day, "DELIVERY", what, MOVERS[0], "1.00", "", ""],
        [number, day, "ASSEMBLY", what, MOVERS[0], hours, "", ""],
        [number, day, "ASSEMBLY", what, MOVERS[1], hours, "", ""],
    ]


def shredding(rng: random.Random, number: str) -> list[list[str]]:
    first = WORK_FIRST + dt.timedelta(days=rng.randint(0, 4))
    while first.weekday() >= 5:
        first += dt.timedelta(days=1)
    visits = [first + dt.timedelta(weeks=2 * k) for k in range(5)]
    return [
        [number, day.isoformat(), "SHRED", "", "Lena Okafor", f"{rng.randint(2, 6)}.00", "", ""]
        for day in visits
        if day <= WORK_LAST
    ]


def company_work(rng: random.Random, customers: list[dict[str, str]]) -> list[list[str]]:
    """Every entry of the two months, by date and customer."""
    rows: list[list[str]] = []
    for customer in customers:
        tags = customer["tags"].split(";")
        if "copier-service" in tags:
            for _ in range(rng.randint(2, 5)):
                rows += service_visit(rng, customer)
        if "key-account" in tags:
            rows += furniture_job(rng, customer["number"])
    for number in SHREDDING:
        rows += shredding(rng, number)
    # The callback on a job done last week: the fault came back, so no charge.
    rows.append(
        ["C018", "2026-11-24", "LABOUR", "Callback: streaks came back, no charge",
         "Priya Natarajan", "0.75", "", "no"]
    )  # fmt: skip
    return sorted(rows, key=lambda row: (row[1], row[0]))


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
    kinds = [list(kind) for kind in SERVICE_TYPES]
    write(folder / "service_types.csv", SERVICE_TYPE_COLUMNS, kinds)
    active = [c for c in read(folder / "customers.csv") if c["number"] not in inactive]
    work = company_work(random.Random(20261130), active)
    write(folder / "work.csv", WORK_COLUMNS, work)
    print(f"{len(kinds)} service types and {len(work)} work entries written to {folder}")


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
