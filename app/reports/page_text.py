"""The report's strings written straight into the page's content, one text block per drawing.

ReportLab's `drawString` makes a text object for every string, encodes it anew for the
embedded font's subsets, escapes it, measures it when it is right-aligned, and formats every
number with a slow general routine; a batch's statements repeat the same labels, dates and
amounts on thousands of pages. `PageText` writes all the strings of one drawing in one text
block and encodes (and measures) each distinct string once per document, through the same
ReportLab calls `drawString` uses, so the glyphs and the font subsets are the same. The block
is wrapped in `q … Q`: the font and colour it sets end with it, and what the canvas was told
before still holds after it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from io import BytesIO
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.reports.fonts import text_width

# A string as the page shows it: its pieces (the subset font's name, the operator that shows
# its codes) and its width at size 1.
_Encoded = tuple[tuple[tuple[str, str], ...], float]

_Key = tuple[str, str]  # font, text

_PRINTABLE_ASCII = range(32, 127)
# What a PDF string escapes among printable ASCII (as ReportLab's escapePDF does).
_PDF_ESCAPES = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})

# Names, addresses and most amounts differ from statement to statement, so the encodings are
# kept in two generations of at most this many strings each: when the newer is full it
# becomes the older and the older is let go. A string still in use is moved on to the newer
# one, so labels and common figures stay, and a long report's memory does not grow with it.
KEPT_STRINGS = 20_000
# A report draws a few such blocks (a page's heading, the labels and captions of its parts).
KEPT_BLOCKS = 256


class _Kept:
    def __init__(self) -> None:
        self.newer: dict[_Key, _Encoded] = {}
        self.older: dict[_Key, _Encoded] = {}
        # Per font: the name of its first subset when printable ASCII is that subset's own
        # codes (ReportLab's "ASCII readable" subsets), else None.
        self.ascii_subset: dict[str, str | None] = {}
        # Text blocks that are the same on every page they are drawn on: their operators.
        self.blocks: dict[Hashable, str] = {}

    def __len__(self) -> int:
        return len(self.newer) + len(self.older)


# Per PDF document: subsets are numbered within one document, so encodings are too.
_documents: weakref.WeakKeyDictionary[Any, _Kept] = weakref.WeakKeyDictionary()


def number(value: float) -> str:
    """A size or colour value as PDF writes it: at most three decimals, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@lru_cache(maxsize=32)
def _fill_operator(color: Color) -> str:
    return f"{number(color.red)} {number(color.green)} {number(color.blue)} rg"


@lru_cache(maxsize=256)
def _font_operator(subset: str, size: float) -> str:
    return f"{subset} {number(size)} Tf"


class PageText:
    """The strings of one drawing, collected and handed to the canvas by `end`."""

    def __init__(self, canvas: Canvas) -> None:
        self._canvas = canvas
        document = canvas._doc
        kept = _documents.get(document)
        if kept is None:
            kept = _documents[document] = _Kept()
        self._kept = kept
        self._code: list[str] = ["q BT"]
        self._font = ""
        self._size = 0.0
        self._set = ("", 0.0)  # the subset font and size last written into the block
        self._fill: Color | None = None  # the colour last written into the block

    def style(self, font: str, size: float, color: Color | None = None) -> None:
        """The font (and colour) of the strings that follow."""
        self._font, self._size = font, size
        if color is not None:
            self.color(color)

    def color(self, color: Color) -> None:
        if color is not self._fill:  # the report's colours are constants: no need to compare
            self._fill = color
            self._code.append(_fill_operator(color))

    def width(self, text: str) -> float:
        """The text's width in the current font and size."""
        return self._encoded(text)[1] * self._size

    def left(self, x: float, y: float, text: str) -> None:
        """The text starting at (x, y)."""
        self._write(x, y, self._encoded(text))

    def right(self, x: float, y: float, text: str) -> None:
        """The text ending at x."""
        encoded = self._encoded(text)
        self._write(x - encoded[1] * self._size, y, encoded)

    def centred(self, x: float, y: float, text: str) -> None:
        """The text centred on x."""
        encoded = self._encoded(text)
        self._write(x - encoded[1] * self._size / 2, y, encoded)

    def end(self) -> None:
        """Hand the block to the canvas."""
        self._canvas._code.append(self._finished())

    def _finished(self) -> str:
        """The block's operators; the next string starts a new block."""
        self._code.append("ET Q")
        block = " ".join(self._code)
        self._code = ["q BT"]
        self._set = ("", 0.0)
        self._fill = None
        return block

    def _write(self, x: float, y: float, encoded: _Encoded) -> None:
        code = self._code
        # Thousandths of a point, as `number` writes them, but far quicker without its trimming.
        code.append(f"1 0 0 1 {x:.3f} {y:.3f} Tm")
        size = self._size
        for subset, shown in encoded[0]:
            if self._set != (subset, size):
                self._set = (subset, size)
                code.append(_font_operator(subset, size))
            code.append(shown)

    def _encoded(self, text: str) -> _Encoded:
        key = (self._font, text)
        kept = self._kept
        found = kept.newer.get(key)
        if found is None:
            found = kept.older.get(key) or self._encode(text)
            if len(kept.newer) >= KEPT_STRINGS:
                kept.older, kept.newer = kept.newer, {}
            kept.newer[key] = found
        return found

    def _encode(self, text: str) -> _Encoded:
        font = pdfmetrics.getFont(self._font)
        if not font._dynamicFont:
            raise ValueError(f"{self._font} is not an embedded TrueType font")
        document = self._canvas._doc
        if text and text.isascii() and text.isprintable():
            # Most strings are plain ASCII: in the first subset their codes are the characters
            # themselves, so they are shown as written, with what the PDF escapes escaped;
            # the same bytes as ReportLab's splitting and escaping give, for far less work.
            subset = self._ascii_subset(font, document)
            if subset is not None:
                shown = f"({text.translate(_PDF_ESCAPES)}) Tj"
                return ((subset, shown),), text_width(text, self._font, 1.0)
        pieces = tuple(
            (font.getSubsetInternalName(subset, document), f"({self._canvas._escape(codes)}) Tj")
            for subset, codes in font.splitString(text, document)
        )
        return pieces, text_width(text, self._font, 1.0)

    def _ascii_subset(self, font: Any, document: Any) -> str | None:
        known = self._kept.ascii_subset
        if font.fontName not in known:
            # The font's state in this document, made as splitString would make it.
            codes = font._assignState(document).assignments
            readable = all(codes.get(code) == code for code in _PRINTABLE_ASCII)
            name = font.getSubsetInternalName(0, document) if readable else None
            known[font.fontName] = name
        return known[font.fontName]


@contextmanager
def page_text(canvas: Canvas) -> Iterator[PageText]:
    """A `PageText` for the canvas, handed over when the block ends."""
    text = PageText(canvas)
    yield text
    text.end()


def same_block(canvas: Canvas, key: Hashable, draw: Callable[[PageText], None]) -> None:
    """A text block that is the same wherever it is drawn in this document: what `draw`
    writes, which `key` must determine, made once and then handed to the canvas as it is."""
    text = PageText(canvas)
    blocks = text._kept.blocks
    block = blocks.get(key)
    if block is None:
        draw(text)
        block = text._finished()
        if len(blocks) >= KEPT_BLOCKS:
            blocks.clear()
        blocks[key] = block
    canvas._code.append(block)


def _drawn(draw: Callable[[Canvas], None]) -> list[str]:
    scratch = Canvas(BytesIO())
    start = len(scratch._code)
    draw(scratch)
    return list(scratch._code[start:])


def operators(draw: Callable[[Canvas], None]) -> str:
    """The PDF operators `draw` writes for lines and shapes (no text), drawn on a scratch
    canvas, as the canvas would write them: appended to a canvas's code, they draw the same."""
    return "\n".join(_drawn(draw))


def recorded(draw: Callable[[Canvas], None]) -> str:
    """The same wrapped in `q … Q`, as a text block is, for what is the same on every page."""
    return " ".join(["q", *_drawn(draw), "Q"])
