"""Exports of one batch of 100,000 lines in each format (R18), against csv.writer writing the
very same rows in the same run.

    .venv/bin/python bench/export.py [--db URL] [--lines 100000] [--runs 3]

Loads one batch (--db, else a temporary SQLite file) of invoices and credit memos with five
lines each, names not ASCII, reads it once as the export job does, then for each format takes
in turns: rendering the bytes with app/exports, and csv.writer writing the rows the format
holds, already made into strings, to the same kind of buffer and encoding them. Prints both
rates, best of --runs, and their ratio (the export must keep at least 0.5 of csv.writer's
speed), then the whole job (read, render, write, record) once per format.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.billing.exports import ExportData, export_data  # noqa: E402
from app.exports import iif, plain_csv, quickbooks_online, render, xero  # noqa: E402
from app.jobs.exporting import export_batch  # noqa: E402
from app.models import (  # noqa: E402
    ARTransaction,
    BatchKind,
    Customer,
    ExportFormat,
    InvoiceBatch,
    InvoiceLine,
)
from app.store import Database, open_database  # noqa: E402

NAMES = ["Łódź Müller & Søn", "Ørsted Café", "Ζωή Τεχνική", "Борис и Ко", "Acme Hardware"]
WORDS = ["widgets", "freight", "consulting", "repair", "service", "licence", "parts", "labour"]
CLOSE = dt.date(2026, 11, 15)
LINES_EACH = 5
ROWS: dict[
    ExportFormat, Callable[[ExportData], list[tuple[Sequence[str], Iterable[Sequence[str]]]]]
]
ROWS = {
    ExportFormat.CSV: lambda d: [(plain_csv.HEADER, plain_csv.rows(d))],
    ExportFormat.IIF: lambda d: [((), iif.rows(d))],
    ExportFormat.QBO: lambda d: [
        (quickbooks_online.INVOICE_HEADER, quickbooks_online.invoice_rows(d)),
        (quickbooks_online.CREDIT_MEMO_HEADER, quickbooks_online.credit_memo_rows(d)),
    ],
    ExportFormat.XERO: lambda d: [
        (xero.INVOICE_HEADER, xero.invoice_rows(d)),
        (xero.CREDIT_NOTE_HEADER, xero.credit_note_rows(d)),
    ],
}


def load_batch(db: Database, lines: int) -> int:
    """One locked-free batch of `lines` lines, five to a document; its number."""
    documents = lines // LINES_EACH
    with db.engine.begin() as connection:
        connection.execute(
            insert(Customer),
            [{"number": f"C{i:05d}", "name": f"{NAMES[i % len(NAMES)]} {i}", "cutoff_day": 15}
             for i in range(documents // 10 or 1)],
        )  # fmt: skip
        customers = list(connection.scalars(select(Customer.id).order_by(Customer.id)))
        batch_id = connection.execute(
            insert(InvoiceBatch).returning(InvoiceBatch.id),
            [{"number": 1, "close_date": CLOSE, "kind": BatchKind.MANUAL,
              "created_at": dt.datetime(2026, 11, 15, 9)}],
        ).scalar_one()  # fmt: skip
        rows = []
        for i in range(documents):
            credit = i % 10 == 9
            rows.append({
                "customer_id": customers[i % len(customers)],
                "type": "credit_memo" if credit else "invoice",
                "number": f"{'CM' if credit else 'INV'}-{i:06d}",
                "invoice_date": CLOSE - dt.timedelta(days=i % 28),
                "due_date": CLOSE + dt.timedelta(days=30 - i % 28),
                "amount": Decimal("0"), "tax": Decimal("0"), "description": "",
                "batch_id": batch_id,
            })  # fmt: skip
        for i, row in enumerate(rows):
            row["amount"] = Decimal(f"{LINES_EACH * (10 + i % 90)}.50") * 2
            row["tax"] = Decimal(f"{LINES_EACH}.25")
            row["description"] = f"{WORDS[i % len(WORDS)]} for {NAMES[i % len(NAMES)]}"
        connection.execute(insert(ARTransaction), rows)
        ids = list(connection.scalars(select(ARTransaction.id).order_by(ARTransaction.id)))
        lines_rows = [
            {"transaction_id": tx_id, "position": p, "description": f"{WORDS[p]} {i}",
             "service_date": CLOSE, "quantity": Decimal("2.00"),
             "rate": Decimal(f"{10 + i % 90}.50"), "amount": Decimal(f"{10 + i % 90}.50") * 2,
             "taxable": True, "tax": Decimal("1.05")}
            for i, tx_id in enumerate(ids) for p in range(1, LINES_EACH + 1)
        ]  # fmt: skip
        for start in range(0, len(lines_rows), 20_000):
            connection.execute(insert(InvoiceLine), lines_rows[start : start + 20_000])
    return 1


def bare_csv(files: list[tuple[Sequence[str], list[Sequence[str]]]], tabs: bool) -> bytes:
    """csv.writer writing the same rows, already strings, and nothing else."""
    written = b""
    for header, rows in files:
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t") if tabs else csv.writer(out)
        if header:
            writer.writerow(header)
        writer.writerows(rows)
        written += out.getvalue().encode("utf-8")
    return written


def timed(measure: Callable[[], object]) -> float:
    started = time.perf_counter()
    measure()
    return time.perf_counter() - started


def best_in_turns(
    runs: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, float]:
    """Each measure's best run, taken in turns so neither has the warmer cache."""
    times = [(timed(first), timed(second)) for _ in range(runs)]
    return min(t for t, _ in times), min(t for _, t in times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", metavar="URL", help="an empty database (default: a temp SQLite)")
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="invoice-batches-bench-") as folder:
        db = open_database(args.db or f"sqlite:///{folder}/bench.sqlite3", backup_to=Path(folder))
        try:
            started = time.perf_counter()
            number = load_batch(db, args.lines)
            print(f"database: {db.engine.dialect.name}; loaded {args.lines:,} lines in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
            started = time.perf_counter()
            with db.read() as session:
                data = export_data(session, number)
            lines = sum(len(d.lines) for d in data.documents)
            print(f"read {len(data.documents):,} documents, {lines:,} lines: "
                  f"{time.perf_counter() - started:.2f} s")  # fmt: skip
            worst = measure_formats(data, lines, args.runs)
            for format in ExportFormat:
                out = Path(folder) / f"batch.{format.value}"
                started = time.perf_counter()
                export_batch(db, number, format, out, again=True)
                print(f"job {format.value}: read, render, write and record "
                      f"{time.perf_counter() - started:.2f} s")  # fmt: skip
        finally:
            db.dispose()
    print(f"lowest ratio: {worst:.2f} (needs >= 0.50)")
    return 0 if worst >= 0.5 else 1


def measure_format(data: ExportData, format: ExportFormat, lines: int, runs: int) -> float:
    """Print the export's and csv.writer's rates for one format; the ratio of their speeds."""
    files = [(header, list(rows)) for header, rows in ROWS[format](data)]
    tabs = format == ExportFormat.IIF
    rendered = render(data, format)
    if not tabs:  # the same rows make the same bytes
        assert bare_csv(files, tabs) == rendered.data + (rendered.credit_memos or b""), format
    exporting, writing = best_in_turns(
        runs, lambda: render(data, format), lambda: bare_csv(files, tabs)
    )
    ratio = writing / exporting
    print(
        f"{format.value:5} export {lines / exporting:>9,.0f} lines/s ({exporting:.3f} s, "
        f"{len(rendered.data):,} bytes); csv.writer {lines / writing:>9,.0f} lines/s "
        f"({writing:.3f} s); ratio {ratio:.2f}"
    )
    return ratio


def measure_formats(data: ExportData, lines: int, runs: int) -> float:
    return min(measure_format(data, format, lines, runs) for format in ExportFormat)


if __name__ == "__main__":
    raise SystemExit(main())
