"""Issue 16: does a mid-size company's three years stay instant? Every step of the issue's
table on the 100k and the 1M history, on SQLite and PostgreSQL, median of --runs.

    .venv/bin/python -m bench.scale [--only STEP]... [--size 100k|1m]... \
        [--engine sqlite|postgresql]... [--runs 3] [--rebuild]

The databases come from bench/scale_data.py's cache (built first when missing, or with
--rebuild). A step never changes them: the steps that only read share one scratch copy per
database; printing and generating take a fresh copy for every run (a SQLite file copied, a
PostgreSQL database made from the cached one as its template). Every step runs in a process of
its own, with its settings and user data in a scratch folder (only the note of the files it
closed cleanly is handed on, so a first open checks a copy and the next ones need not), against
this checkout's code:

- batches-page: Invoice Batches opened, until every batch is a row (bench/scale_ui.py), and the
  longest the GUI thread was blocked meanwhile;
- details-page: Invoice Batch Details opened on the 5,000-customer batch, the same way;
- batch-show, batches-json: `invoice-batches batch show N --json` on the 10,000-customer batch
  and `invoice-batches batches --json`, wall time of the command;
- ar-transactions: A/R Transactions opened, sorted by amount, filtered to credit memos and
  that filter cleared;
- print: the 10,000-customer batch printed to a PDF file (app/jobs/printing.py), beside a bare
  ReportLab canvas writing as many pages (bench/scale_print.py): seconds, speed as a share of
  the canvas's, peak memory of the printing process;
- generate: `invoice-batches generate --override` over bench/generate.py's year of history with
  nothing batched (PostgreSQL only, as the issue asks), beside bench/generate.py's bare claim;
- start: a cold start to the first paint of the main window (bench/scale_start.py), and
  `invoice-batches --version`.
The last column is 1M ÷ 100k.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from app.store import APP_NAME, open_database
from app.store.clean_close import RECORD_FILE
from bench.dataset import fee_runs
from bench.generate import SCENARIOS, bare_claim
from bench.scale_data import (
    CACHE,
    CUSTOMERS,
    ENGINES,
    SERVER,
    SIZES,
    ensure_claim,
    ensure_history,
    run_on_server,
    server_has,
)

ROOT = Path(__file__).resolve().parent.parent
STEPS = (
    "batches-page",
    "details-page",
    "batch-show",
    "batches-json",
    "ar-transactions",
    "print",
    "generate",
    "start",
)
OVERRIDE = SCENARIOS[0]  # bench/generate.py's "override" scenario: its request and bare claim
SCRATCH = CACHE / "scratch"
Figures = dict[str, float]


@dataclass(frozen=True)
class Target:
    """One cached database of the history and what the steps need to know of it."""

    engine: str
    size: str
    cached: str  # its URL in the cache
    url: str  # the scratch copy the reading steps share
    batches: int
    big: int  # the number of the 10,000-customer batch
    half: int  # the number of the 5,000-customer batch


# Copies --------------------------------------------------------------------------------------


def _database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def copy_database(cached: str, name: str) -> str:
    """A fresh copy of the cached database under `name`; its URL."""
    if cached.startswith("sqlite"):
        SCRATCH.mkdir(parents=True, exist_ok=True)
        copy = SCRATCH / f"{name}.sqlite3"
        for suffix in ("-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(cached.removeprefix("sqlite:///"), copy)
        return f"sqlite:///{copy}"
    drop_database(f"{SERVER}/{name}")
    for _attempt in range(30):
        try:
            run_on_server(f"CREATE DATABASE {name} TEMPLATE {_database_name(cached)}")
            return f"{SERVER}/{name}"
        except OperationalError as error:
            # Someone is connected to the template; the copy waits for them to leave.
            if "being accessed by other users" not in str(error):
                raise
            time.sleep(2)
    raise SystemExit(f"{cached} stays in use: cannot copy it.")


def drop_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", ".lock"):  # .lock: the app's file lock
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif server_has(_database_name(url)):
        run_on_server(f"DROP DATABASE {_database_name(url)} WITH (FORCE)")


@contextmanager
def fresh_copy(cached: str, name: str) -> Iterator[str]:
    url = copy_database(cached, name)
    try:
        yield url
    finally:
        drop_database(url)


def target(engine: str, size: str, rebuild: bool) -> Target:
    cached = ensure_history(size, engine, rebuild)
    url = copy_database(cached, f"scale_scratch_{size}_{os.getpid()}")
    engine_ = create_engine(url)
    descriptions = [run.description for run in fee_runs(CUSTOMERS)]
    try:
        with engine_.connect() as connection:
            batches = connection.scalar(text("SELECT count(*) FROM invoice_batches"))
            numbers = [
                connection.scalar(
                    text("SELECT number FROM invoice_batches WHERE description = :d"), {"d": d}
                )
                for d in descriptions
            ]
    finally:
        engine_.dispose()
    return Target(engine, size, cached, url, int(batches or 0), int(numbers[0]), int(numbers[1]))


# Child processes -----------------------------------------------------------------------------


# What the application notes of the local files it closed cleanly (app/store/clean_close.py),
# handed from one child to the next as a clerk's computer keeps it; their settings are not.
_closed_cleanly: bytes | None = None


def _environment(folder: str) -> dict[str, str]:
    """This checkout's code, offscreen, with settings and user data in a scratch folder."""
    environment = dict(os.environ)
    # An installed application runs from compiled modules (as bench/startup.py measures it);
    # with this set, every child would compile the app's sources again, a cost no clerk pays.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return {
        **environment,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": folder,
        "XDG_DATA_HOME": folder,
        "XDG_CACHE_HOME": folder,
    }


def child(*arguments: str) -> str:
    """Run a command to its end; its standard output."""
    global _closed_cleanly
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as folder:
        record = Path(folder) / APP_NAME / RECORD_FILE
        if _closed_cleanly is not None:
            record.parent.mkdir(parents=True)
            record.write_bytes(_closed_cleanly)
        done = subprocess.run(
            arguments, env=_environment(folder), capture_output=True, text=True, check=False
        )
        _closed_cleanly = record.read_bytes() if record.exists() else _closed_cleanly
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def module(name: str, *arguments: str) -> Figures:
    """A bench module's figures (its JSON line)."""
    figures: Figures = json.loads(child(sys.executable, "-m", name, *arguments).splitlines()[-1])
    return figures


def command() -> list[str]:
    """`invoice-batches`, as DESIGN.md §6 names it."""
    script = Path(sys.executable).with_name("invoice-batches")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app"]


def timed_command(*arguments: str) -> Figures:
    started = time.perf_counter()
    child(*command(), *arguments)
    return {"seconds": time.perf_counter() - started}


# Steps ---------------------------------------------------------------------------------------


def batches_page(t: Target) -> Figures:
    return module("bench.scale_ui", "batches", t.url, str(t.batches))


def details_page(t: Target) -> Figures:
    return module("bench.scale_ui", "details", t.url, str(t.half))


def batch_show(t: Target) -> Figures:
    return timed_command("--db", t.url, "batch", "show", str(t.big), "--json")


def batches_json(t: Target) -> Figures:
    return timed_command("--db", t.url, "batches", "--json")


def ar_transactions(t: Target) -> Figures:
    return module("bench.scale_ui", "transactions", t.url)


def print_batch(t: Target) -> Figures:
    with (
        fresh_copy(t.cached, f"scale_print_{t.size}_{os.getpid()}") as url,
        tempfile.TemporaryDirectory(prefix="scale-print-") as folder,
    ):
        printed = module("bench.scale_print", "report", url, str(t.big), f"{folder}/r.pdf")
        bare = module("bench.scale_print", "canvas", str(int(printed["pages"])), f"{folder}/c.pdf")
    return {
        "seconds": printed["seconds"],
        "pages": printed["pages"],
        "peak_mib": printed["peak"],
        "canvas_seconds": bare["seconds"],
        "vs_canvas": bare["seconds"] / printed["seconds"],
        "canvas_peak_mib": bare["peak"],
    }


def generate(t: Target) -> Figures:
    """On the year of history of the same size with nothing batched: first the bare claim
    (bench/generate.py releases its rows again), then the command on the same rows."""
    cached = ensure_claim(t.size)
    with fresh_copy(cached, f"scale_generate_{t.size}_{os.getpid()}") as url:
        db = open_database(url)
        try:
            bare = bare_claim(db.engine, OVERRIDE.predicate)
            figures = timed_command(
                "--db", url, "generate", "--close-date", "2026-12-31", "--override", "--json"
            )
            with db.engine.connect() as connection:
                claimed = connection.scalar(
                    text("SELECT count(*) FROM ar_transactions WHERE batch_id IS NOT NULL")
                )
        finally:
            db.dispose()
    if bare.rows != claimed:
        raise SystemExit(f"generate claimed {claimed} rows, the bare claim {bare.rows}.")
    return {**figures, "rows": float(bare.rows), "bare_claim": bare.seconds}


def start(t: Target) -> Figures:
    started = time.time()
    painted = float(child(sys.executable, "-m", "bench.scale_start", t.url).split()[-1])
    version = timed_command("--version")["seconds"]
    return {"seconds": painted - started, "version": version}


MEASURES: dict[str, Callable[[Target], Figures]] = {
    "batches-page": batches_page,
    "details-page": details_page,
    "batch-show": batch_show,
    "batches-json": batches_json,
    "ar-transactions": ar_transactions,
    "print": print_batch,
    "generate": generate,
    "start": start,
}
# What each step's line shows: (figure, how it is written).
SHOWN: dict[str, tuple[tuple[str, str], ...]] = {
    "batches-page": (("seconds", "{:.2f} s"), ("gui_block", "GUI block {:.2f} s")),
    "details-page": (("seconds", "{:.2f} s"), ("gui_block", "GUI block {:.2f} s")),
    "batch-show": (("seconds", "{:.2f} s"),),
    "batches-json": (("seconds", "{:.2f} s"),),
    "ar-transactions": (
        ("open", "open {:.2f} s"),
        ("sort", "sort {:.2f} s"),
        ("filter", "type filter {:.2f} s"),
        ("clear", "clear {:.2f} s"),
        ("gui_block", "GUI block {:.2f} s"),
    ),
    "print": (
        ("seconds", "{:.1f} s"),
        ("pages", "{:,.0f} pages"),
        ("vs_canvas", "{:.2f} of a bare canvas"),
        ("peak_mib", "peak {:.0f} MiB"),
    ),
    "generate": (
        ("seconds", "{:.1f} s"),
        ("rows", "{:,.0f} rows"),
        ("bare_claim", "bare claim {:.1f} s"),
    ),
    "start": (("seconds", "painted {:.2f} s"), ("version", "--version {:.2f} s")),
}


def median(runs: list[Figures]) -> Figures:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _shown(step: str, figures: Figures | None) -> str:
    if figures is None:
        return "—"
    return ", ".join(form.format(figures[key]) for key, form in SHOWN[step])


def _ratio(step: str, small: Figures | None, large: Figures | None) -> str:
    if small is None or large is None:
        return ""
    first = SHOWN[step][0][0]
    return f"{large[first] / small[first]:.2f}×"


def measure(step: str, t: Target, runs: int) -> Figures | None:
    """The median of `runs` runs of the step, each run printed as it ends; None when a run
    failed (said, and the other steps go on)."""
    done = []
    for run in range(1, runs + 1):
        try:
            done.append(MEASURES[step](t))
        except SystemExit as failure:
            print(f"  {step:<16} {t.engine:<10} {t.size:<4} FAILED: {failure}", flush=True)
            return None
        print(
            f"  {step:<16} {t.engine:<10} {t.size:<4} run {run}: {_shown(step, done[-1])}",
            flush=True,
        )
    return median(done)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=STEPS, action="append", help="this step (repeatable)")
    parser.add_argument("--size", choices=SIZES, action="append")
    parser.add_argument("--engine", choices=ENGINES, action="append")
    parser.add_argument("--runs", type=int, default=3, help="runs of each step; the median counts")
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    args = parser.parse_args(argv)
    steps, sizes, engines = args.only or STEPS, args.size or SIZES, args.engine or ENGINES
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    print(f"code at {head}; median of {args.runs} runs; each line as it is measured:", flush=True)
    results: dict[tuple[str, str, str], Figures] = {}
    for engine in engines:
        for size in sizes:
            t = target(engine, size, args.rebuild)
            try:
                for step in steps:
                    if step == "generate" and engine != "postgresql":
                        continue
                    figures = measure(step, t, args.runs)
                    if figures is not None:
                        results[step, engine, size] = figures
            finally:
                drop_database(t.url)
    # As wide as the longest figures (A/R Transactions' five), and never narrower than 58.
    wide = max([58, *(len(_shown(step, figures)) for (step, _, _), figures in results.items())])
    print(f"\n{'step':<16} {'engine':<10} {'100k':<{wide}} {'1M':<{wide}} 1M÷100k")
    for step in steps:
        for engine in engines:
            small, large = results.get((step, engine, "100k")), results.get((step, engine, "1m"))
            if small is None and large is None:
                continue
            print(
                f"{step:<16} {engine:<10} {_shown(step, small):<{wide}} "
                f"{_shown(step, large):<{wide}} {_ratio(step, small, large)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
