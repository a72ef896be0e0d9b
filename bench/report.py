"""Printing the Invoice Batch Report: pages per second against a bare ReportLab canvas, and the
peak memory of a print, for batches of 1,000 and 10,000 customers.

    .venv/bin/python bench/report.py [--customers 1000 10000] [--max-transactions 5] [--runs 3]

For each size, builds a batch of N customers with 1 to M transactions each (SQLite in a
temporary folder, through the CSV imports and batch generation; M = 5 gives about one page a
customer, as a month of a mid-size company does), then, each in a process of its own:
- print: R9's print job (app/jobs/printing.py) from the database to a PDF file: its seconds
  and the process's peak resident memory (ru_maxrss) before and after;
- rate: the report rendered from the batch's statement, read once, against a bare canvas
  drawing the very same text: every text-showing operation read back from the printed PDF
  with pypdf (the tests' reader), with its string, position, embedded font and size, one
  drawString each, on as many pages. Best of --runs taken in turns, and their ratio.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import billing  # noqa: E402
from app.billing import CompanySettings, GenerationRequest  # noqa: E402
from app.jobs.printing import print_report  # noqa: E402
from app.reports import layout_for, render_report  # noqa: E402
from app.reports.fonts import register_fonts  # noqa: E402
from app.store import open_database  # noqa: E402
from tests.reports.pdf_reading import TextRun, page_runs  # noqa: E402

NAMES = ["Łódź Müller & Søn", "Ørsted Café", "Ζωή Τεχνική", "Борис и Ко", "Acme Hardware"]
WORDS = ["widgets", "freight", "consulting", "repair", "service", "licence", "parts", "labour"]
PREVIOUS_CLOSE, CLOSE = dt.date(2026, 10, 15), dt.date(2026, 11, 15)
COMPANY, ADDRESS = "Łódź Müller & Søn GmbH", "Piotrkowska 104"


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


def build_batch(folder: Path, customers: int, most: int, seed: int) -> str:
    """The URL of a new database whose batch 2 holds `customers` customers."""
    url = f"sqlite:///{folder}/bench.sqlite3"
    db = open_database(url, backup_to=None)
    customer_file, transaction_file = write_csvs(folder, customers, most, seed)
    with db.transaction() as session:
        billing.set_setting(session, "company_name", COMPANY)
        billing.set_setting(session, "address1", ADDRESS)
        billing.import_customers(session, customer_file)
        billing.import_transactions(session, transaction_file)
        # Only the opening order is dated before the first close date.
        billing.generate_batch(session, GenerationRequest(PREVIOUS_CLOSE))
        billing.generate_batch(session, GenerationRequest(CLOSE))
    db.dispose()
    return url


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def write_pdf(out: Path, pdf: bytes) -> None:
    out.write_bytes(pdf)


def print_job(url: str, out: Path) -> dict[str, float]:
    """R9's print of batch 2 to `out`, as the command line makes it."""
    db = open_database(url, backup_to=None)
    before = peak_mib()
    started = time.perf_counter()
    printed = print_report(db, 2, lambda pdf: write_pdf(out, pdf))
    seconds = time.perf_counter() - started
    db.dispose()
    return {"seconds": seconds, "pages": printed.pages, "peak_before": before, "peak": peak_mib()}


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


def rates(url: str, printed: Path, runs: int) -> dict[str, float]:
    """The report rendered from the statement against the bare canvas, best of `runs` each."""
    db = open_database(url, backup_to=None)
    with db.read() as session:
        statement = billing.statement_of(session, 2)
    db.dispose()
    register_fonts()
    settings = CompanySettings(company_name=COMPANY, address1=ADDRESS)
    pages = page_runs(printed.read_bytes())
    page_size = layout_for(settings.envelope).page_size
    times = [
        (
            timed(lambda: render_report(statement, settings, reprint=False)),
            timed(lambda: bare_canvas(pages, page_size)),
        )
        for _ in range(runs)
    ]
    return {
        "pages": len(pages),
        "runs": sum(len(p) for p in pages),
        "report": min(a for a, _ in times),
        "bare": min(b for _, b in times),
    }


def child(step: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--step", step, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return figures


def measure(customers: int, most: int, runs: int, seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        started = time.perf_counter()
        url = build_batch(Path(folder), customers, most, seed)
        print(f"{customers:,} customers: batch built in {time.perf_counter() - started:.0f} s")
        # Opened once more here, so that a migration newer than the data is not in the figures.
        open_database(url, backup_to=None).dispose()
        out = Path(folder) / "printed.pdf"
        job = child("print", url, str(out))
        size = out.stat().st_size
        print(
            f"  print job:   {job['seconds']:6.1f} s  {int(job['pages']):,} pages, "
            f"{size / 2**20:.1f} MiB PDF ({size / job['pages'] / 1024:.1f} KiB a page), "
            f"peak {job['peak']:.0f} MiB (process before printing: {job['peak_before']:.0f} MiB)"
        )
        rate = child("rate", url, str(out), str(runs))
        report_rate, bare_rate = rate["pages"] / rate["report"], rate["pages"] / rate["bare"]
        print(
            f"  report:      {rate['report']:6.1f} s  {report_rate:7.1f} pages/s (best of {runs})"
        )
        print(
            f"  bare canvas: {rate['bare']:6.1f} s  {bare_rate:7.1f} pages/s "
            f"(best of {runs}; {int(rate['runs']):,} strings)"
        )
        print(f"  ratio report / bare canvas: {report_rate / bare_rate:.2f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--max-transactions", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)  # a child's work
    args = parser.parse_args()
    if args.step:
        step, *rest = args.step
        if step == "print":
            figures = print_job(rest[0], Path(rest[1]))
        else:
            figures = rates(rest[0], Path(rest[1]), int(rest[2]))
        print(json.dumps(figures))
        return 0
    for customers in args.customers:
        measure(customers, args.max_transactions, args.runs, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
