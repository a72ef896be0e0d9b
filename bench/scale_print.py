"""One print for bench/scale.py, in a process of its own so its peak memory is its own.

    .venv/bin/python -m bench.scale_print report URL NUMBER OUT.pdf   R9's print of batch NUMBER
    .venv/bin/python -m bench.scale_print canvas PAGES OUT.pdf        a bare ReportLab canvas

Prints one JSON object: seconds, pages, and the process's peak resident memory in MiB (before
and after the work). The bare canvas draws PAGES pages of a statement's shape (a heading, an
address, a table of ten rows of eight figures, a page footer: about 90 strings, as many as a
statement's page holds) with nothing behind it: the fastest the same number of pages can be
written, the issue's yardstick for printing.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from app.jobs.printing import print_report
from app.store import open_database

ROWS_A_PAGE = 10  # with the rest, about 90 strings a page, as a statement's page has
FIGURES = 8


def peak_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _write(out: Path, pdf: bytes) -> None:
    out.write_bytes(pdf)


def report(url: str, number: int, out: Path) -> dict[str, float]:
    db = open_database(url)
    try:
        before = peak_mib()
        started = time.perf_counter()
        printed = print_report(db, number, lambda pdf: _write(out, pdf))
        seconds = time.perf_counter() - started
    finally:
        db.dispose()
    return {"seconds": seconds, "pages": printed.pages, "peak_before": before, "peak": peak_mib()}


def canvas(pages: int, out: Path) -> dict[str, float]:
    # The report writes its page streams without ReportLab's ASCII85 layer (app/reports/
    # page_stream.py); the yardstick is written the same way, or it pays for work the report
    # does not do (about a tenth of its time).
    rl_config.useA85 = 0
    before = peak_mib()
    started = time.perf_counter()
    drawn = Canvas(str(out), pagesize=LETTER)
    width, height = LETTER
    for page in range(1, pages + 1):
        drawn.setFont("Helvetica-Bold", 14)
        drawn.drawString(40, height - 50, f"Statement {page}")
        drawn.setFont("Helvetica", 9)
        for line, text in enumerate(("Customer name", "1 Main Street", "Springfield, USA")):
            drawn.drawString(40, height - 80 - 12 * line, text)
        for row in range(ROWS_A_PAGE):
            y = height - 160 - 16 * row
            for column in range(FIGURES):
                drawn.drawRightString(110 + 62 * column, y, f"{page * row + column:,}.00")
            drawn.line(40, y - 4, width - 40, y - 4)
        drawn.drawString(40, 30, f"Page {page} of {pages}")
        drawn.showPage()
    drawn.save()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "pages": pages, "peak_before": before, "peak": peak_mib()}


def main(argv: list[str]) -> int:
    step, *rest = argv
    if step == "report":
        figures = report(rest[0], int(rest[1]), Path(rest[2]))
    else:
        figures = canvas(int(rest[0]), Path(rest[1]))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
