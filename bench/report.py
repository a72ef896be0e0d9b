"""Pages per second of the Invoice Batch Report, against a bare ReportLab canvas.

    .venv/bin/python bench/report.py [--customers 1000] [--max-transactions 60] [--runs 3]

Builds a batch of N customers with 1 to M transactions each (SQLite in a temporary folder,
through the CSV imports and batch generation) and renders its report. A bare canvas then draws
the very same text: every text-showing operation read back from the report with pypdf (the
tests' reader), with its string, position, font and size, one drawString each, on as many
pages. Prints both rates, best of --runs taken in turns, and their ratio.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import billing  # noqa: E402
from app.billing import BatchStatement, CompanySettings, GenerationRequest  # noqa: E402
from app.reports import layout_for, render_report  # noqa: E402
from app.reports.fonts import register_fonts  # noqa: E402
from app.store import open_database  # noqa: E402
from tests.reports.pdf_reading import TextRun, page_runs  # noqa: E402

NAMES = ["Łódź Müller & Søn", "Ørsted Café", "Ζωή Τεχνική", "Борис и Ко", "Acme Hardware"]
WORDS = ["widgets", "freight", "consulting", "repair", "service", "licence", "parts", "labour"]
PREVIOUS_CLOSE, CLOSE = dt.date(2026, 10, 15), dt.date(2026, 11, 15)


def write_csvs(folder: Path, customers: int, most: int, seed: int) -> tuple[Path, Path]:
    rng = random.Random(seed)
    customer_file, transaction_file = folder / "customers.csv", folder / "transactions.csv"
    with customer_file.open("w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(["number", "name", "address1", "address2", "city", "region",
                       "postal_code", "country", "email", "phone", "cutoff_day"])  # fmt: skip
        for i in range(customers):
            rows.writerow([f"C{i:05d}", f"{rng.choice(NAMES)} {i}", f"{i} Main Street", "",
                           "Springfield", "IL", "62704", "USA", "", "", "15"])  # fmt: skip
    with transaction_file.open("w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(["customer", "type", "number", "invoice_date", "due_date", "amount",
                       "tax", "description"])  # fmt: skip
        for i in range(customers):
            rows.writerow([f"C{i:05d}", "invoice", f"OLD-{i}", "2026-10-01", "2026-10-31",
                           "120.00", "12.00", "Opening order"])  # fmt: skip
            rows.writerow([f"C{i:05d}", "payment", f"CHK-{i}", "2026-10-20", "2026-10-20",
                           "100.00", "", "Check"])  # fmt: skip
            for j in range(rng.randint(1, most)):
                kind = rng.choices(["invoice", "credit_memo", "debit_memo"], [8, 1, 1])[0]
                day = dt.date(2026, 10, 16) + dt.timedelta(days=rng.randint(0, 30))
                words = " ".join(rng.choices(WORDS, k=rng.randint(1, 9)))
                rows.writerow([f"C{i:05d}", kind, f"D{i:05d}-{j:02d}", day.isoformat(),
                               (day + dt.timedelta(days=30)).isoformat(),
                               f"{rng.randint(100, 500_000) / 100:.2f}",
                               f"{rng.randint(0, 5_000) / 100:.2f}", words])  # fmt: skip
    return customer_file, transaction_file


def build_batch(folder: Path, customers: int, most: int, seed: int) -> BatchStatement:
    db = open_database(f"sqlite:///{folder}/bench.sqlite3", backup_to=None)
    customer_file, transaction_file = write_csvs(folder, customers, most, seed)
    with db.transaction() as session:
        billing.import_customers(session, customer_file)
        billing.import_transactions(session, transaction_file)
        # Only the opening order is dated before the first close date.
        billing.generate_batch(session, GenerationRequest(PREVIOUS_CLOSE))
        number = billing.generate_batch(session, GenerationRequest(CLOSE)).number
    with db.read() as session:
        started = time.perf_counter()
        statement = billing.statement_of(session, number)
        print(f"statement_of (R8 for the whole batch): {time.perf_counter() - started:.2f} s")
    db.dispose()
    return statement


def bare_canvas(pages: list[list[TextRun]], page_size: tuple[float, float]) -> bytes:
    out = io.BytesIO()  # as the report's: the same kind of target
    canvas = Canvas(out, pagesize=page_size, invariant=1)
    for runs in pages:
        for run in runs:
            canvas.setFont(run.font, run.size)
            canvas.drawString(run.x, run.y, run.text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def best_of_alternating(
    runs: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, float]:
    """The best time of each, taken in turns so that a busy moment does not favour either."""
    times = [(timed(first), timed(second)) for _ in range(runs)]
    return min(a for a, _ in times), min(b for _, b in times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--max-transactions", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    register_fonts()
    settings = CompanySettings(company_name="Łódź Müller & Søn GmbH", address1="Piotrkowska 104")
    with tempfile.TemporaryDirectory() as folder:
        statement = build_batch(Path(folder), args.customers, args.max_transactions, args.seed)
        transactions = sum(len(c.transactions) for c in statement.customers)
        print(f"batch: {len(statement.customers)} customers, {transactions} transactions")
        report = render_report(statement, settings, reprint=False)
    pages = page_runs(report.pdf)
    runs = sum(len(p) for p in pages)
    print(f"report: {report.pages} pages, {len(report.pdf):,} bytes, {runs:,} text runs")
    if len(pages) != report.pages:
        raise SystemExit(f"pypdf read {len(pages)} pages, the report says {report.pages}")
    page_size = layout_for(settings.envelope).page_size
    report_time, bare_time = best_of_alternating(
        args.runs,
        lambda: render_report(statement, settings, reprint=False),
        lambda: bare_canvas(pages, page_size),
    )
    report_rate, bare_rate = report.pages / report_time, report.pages / bare_time
    print(f"report:      {report_time:6.2f} s  {report_rate:7.1f} pages/s (best of {args.runs})")
    print(f"bare canvas: {bare_time:6.2f} s  {bare_rate:7.1f} pages/s (best of {args.runs})")
    print(f"ratio report / bare canvas: {report_rate / bare_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
