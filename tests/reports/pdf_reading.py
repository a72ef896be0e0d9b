"""Reading a report back: every piece of text the PDF shows, with its font, size and position."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader


@dataclass(frozen=True)
class TextRun:
    """One text-showing operation: its string, where its baseline starts (PDF points), its font."""

    text: str
    x: float
    y: float
    font: str  # the embedded font's name, without the subset prefix
    size: float


def _to_unicode(font: Any) -> dict[int, str]:
    """A subset font's byte-to-character map, from its ToUnicode CMap (ReportLab writes bfchar)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    pairs = re.findall(r"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4})>", cmap)
    return {int(code, 16): chr(int(char, 16)) for code, char in pairs}


class _PageText:
    """Collects a page's text-showing operations (Tj) as pypdf walks its content stream."""

    def __init__(self, fonts: Any) -> None:
        self.fonts = {name: font.get_object() for name, font in fonts.items()}
        self.maps = {n: _to_unicode(f) for n, f in self.fonts.items() if "/ToUnicode" in f}
        self.font: str | None = None
        self.size = 0.0
        self.runs: list[TextRun] = []

    def visit(self, op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        if op == b"Tf":
            self.font, self.size = str(args[0]), float(args[1])
        elif op in (b"Tj", b"TJ") and self.font is not None:
            if op == b"TJ" or self.font not in self.maps:
                raise AssertionError(f"unexpected text operation {op!r} in font {self.font}")
            raw = bytes(getattr(args[0], "original_bytes", args[0]))
            text = "".join(self.maps[self.font][byte] for byte in raw)
            base = str(self.fonts[self.font]["/BaseFont"]).split("+", 1)[-1]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            self.runs.append(TextRun(text, x, y, base, self.size))


def page_runs(pdf: bytes) -> list[list[TextRun]]:
    """The text runs of each page, in the order they are drawn."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        reader = _PageText(resources["/Font"])
        page.extract_text(visitor_operand_before=reader.visit)
        pages.append(reader.runs)
    return pages


def page_lines(runs: list[TextRun]) -> list[str]:
    """The page's text as lines: runs on one baseline, left to right, joined by a space."""
    by_baseline: dict[float, list[TextRun]] = defaultdict(list)
    for run in runs:
        by_baseline[round(run.y, 1)].append(run)
    return [
        " ".join(r.text for r in sorted(by_baseline[y], key=lambda r: r.x))
        for y in sorted(by_baseline, reverse=True)
    ]


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def texts(runs: list[TextRun]) -> list[str]:
    return [run.text for run in runs]
