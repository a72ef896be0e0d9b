"""A table of text rows drawn straight onto the canvas, split across pages with its header repeated.

ReportLab's Table measures and styles every cell and grows slow on long tables; these rows are
fitted once, have one font per row and known heights, so any length costs little per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from app.reports.fonts import BOLD, REGULAR, descent, text_width
from app.reports.page_text import PageText, operators, page_text, same_block
from app.reports.plain_flowable import PlainFlowable
from app.reports.styles import CELL_PAD, HEADING, INK, MUTED, RULE, SHADE, TextStyle
from app.reports.text_fit import truncate, wrap

MAX_LINES = 6  # a cell's text beyond this many lines is cut with "…"
CAPTION_HEIGHT = HEADING.leading + 4
ROW_PAD = 1.5


class Align(Enum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Column:
    title: str
    width: float | None = None  # points; None shares what the fixed columns leave
    align: Align = Align.RIGHT
    wraps: bool = False  # long text wraps onto more lines instead of being cut or shrunk


def text_column(title: str, width: float | None = None, *, wraps: bool = False) -> Column:
    return Column(title, width, Align.LEFT, wraps)


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    emphasis: bool = False  # a total: bold, with a rule above it
    # A part of the row above it (an invoice's line): laid on the table's detail columns, in
    # smaller muted type, and never left at the top of a page without it.
    detail: bool = False


@dataclass(frozen=True)
class TableType:
    """The sizes of a table's text: its rows and its column titles."""

    size: float
    title_size: float

    def row(self, emphasis: bool) -> TextStyle:
        return TextStyle(BOLD if emphasis else REGULAR, self.size, round(self.size * 1.3, 1))

    def titles(self) -> TextStyle:
        return TextStyle(BOLD, self.title_size, round(self.title_size * 1.25, 1))


TABLE = TableType(7.5, 6.5)
DETAIL = TableType(7.0, 6.5)


class _Line(NamedTuple):  # one per cell line: a tuple is cheaper to make than a dataclass
    text: str
    x: float  # from the table's left edge
    drop: float  # from the block's top edge down to the baseline
    size: float


@dataclass(frozen=True)
class _Block:
    """A fitted row (or the header): its lines in place, its height."""

    lines: tuple[_Line, ...]
    height: float
    emphasis: bool = False
    muted: bool = False  # a detail row
    keep_with_next: bool = False  # a row whose details follow: not the last row of a page


def _wrapped(text: str, room: float, style: TextStyle) -> list[tuple[str, float]]:
    """A wrapping cell's text in lines, with the size each is printed at."""
    lines = wrap(text, room, style.font, style.size)
    if len(lines) > MAX_LINES:
        cut = truncate(lines[MAX_LINES - 1] + " …", room, style.font, style.size)
        lines = [*lines[: MAX_LINES - 1], cut]
    return [(line, style.size) for line in lines]


@dataclass(frozen=True)
class Grid:
    """The columns of a table laid across a width."""

    columns: tuple[Column, ...]
    lefts: tuple[float, ...]
    widths: tuple[float, ...]

    @classmethod
    def of(cls, columns: Sequence[Column], width: float) -> Grid:
        fixed = sum(c.width or 0 for c in columns)
        shared = (width - fixed) / max(1, sum(1 for c in columns if c.width is None))
        widths = tuple(c.width if c.width is not None else shared for c in columns)
        lefts = tuple(sum(widths[:i]) for i in range(len(widths)))
        return cls(tuple(columns), lefts, widths)

    def _room(self, cells: Sequence[str], index: int) -> float:
        """A left-aligned cell may run on over the empty cells to its right."""
        end = index + 1
        if self.columns[index].align is Align.LEFT and not self.columns[index].wraps:
            while end < len(cells) and not cells[end]:
                end += 1
        return sum(self.widths[index:end]) - 2 * CELL_PAD

    def block(
        self, cells: Sequence[str], style: TextStyle, emphasis: bool = False, muted: bool = False
    ) -> _Block:
        lines: list[_Line] = []
        most = 1
        first = ROW_PAD + style.size  # the first line's drop
        for index, (text, column) in enumerate(zip(cells, self.columns, strict=True)):
            if not text:
                continue
            if column.align is Align.RIGHT and not column.wraps:
                lines.append(self._figure(text, index, self._room(cells, index), style))
            elif not column.wraps:
                room = self._room(cells, index)
                fitted = truncate(text, room, style.font, style.size)
                lines.append(_Line(fitted, self.lefts[index] + CELL_PAD, first, style.size))
            else:
                pieces = _wrapped(text, self._room(cells, index), style)
                most = max(most, len(pieces))
                lines += self._placed(pieces, index, style)
        height = 2 * ROW_PAD + (most - 1) * style.leading + style.size + descent(style.size)
        return _Block(tuple(lines), height, emphasis, muted)

    def _figure(self, text: str, index: int, room: float, style: TextStyle) -> _Line:
        """An amount, right-aligned: never cut; a very wide one is printed smaller."""
        size = style.size
        width = text_width(text, style.font, size)
        if width > room:
            size = size * room / width
            width = text_width(text, style.font, size)
        right = self.lefts[index] + self.widths[index]
        return _Line(text, right - CELL_PAD - width, ROW_PAD + style.size, size)

    def _placed(self, pieces: list[tuple[str, float]], index: int, style: TextStyle) -> list[_Line]:
        """A cell's lines, one under the other, at its left or right edge."""
        lines = []
        left, right = self.lefts[index] + CELL_PAD, self.lefts[index] + self.widths[index]
        for i, (piece, size) in enumerate(pieces):
            x = left
            if self.columns[index].align is Align.RIGHT:
                x = right - CELL_PAD - text_width(piece, style.font, size)
            lines.append(_Line(piece, x, ROW_PAD + style.size + i * style.leading, size))
        return lines


def rows_table(
    caption: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    width: float,
    *,
    headed: bool = True,
    kind: TableType = TABLE,
    detail_columns: Sequence[Column] = (),
) -> RowsTable:
    """A captioned table `width` points wide; the columns without a width share what is left.
    Detail rows are laid on `detail_columns` (the same as `columns` when none are given)."""
    grid = _grid(tuple(columns), width)
    header = _title_block(grid, kind.titles()) if headed else _Block((), 0.0)
    details = _grid(tuple(detail_columns), width) if detail_columns else grid
    detail_style = DETAIL.row(False)
    plain, emphasised = kind.row(False), kind.row(True)
    blocks = tuple(
        details.block(row.cells, detail_style, muted=True)
        if row.detail
        else grid.block(row.cells, emphasised if row.emphasis else plain, row.emphasis)
        for row in rows
    )
    if any(block.muted for block in blocks):
        blocks = _kept_with_details(blocks)
    return RowsTable(caption, width, kind, header, blocks)


def _kept_with_details(blocks: tuple[_Block, ...]) -> tuple[_Block, ...]:
    """Each row that detail rows follow, marked to stay on a page with the first of them."""
    return tuple(
        replace(block, keep_with_next=True)
        if not block.muted and index + 1 < len(blocks) and blocks[index + 1].muted
        else block
        for index, block in enumerate(blocks)
    )


# Every statement lays out the same few tables: their grids and headers are worked out once.
@lru_cache(maxsize=16)
def _grid(columns: tuple[Column, ...], width: float) -> Grid:
    return Grid.of(columns, width)


@lru_cache(maxsize=16)
def _title_block(grid: Grid, style: TextStyle) -> _Block:
    wrapping = Grid(
        tuple(Column(c.title, c.width, c.align, wraps=True) for c in grid.columns),
        grid.lefts,
        grid.widths,
    )
    block = wrapping.block([c.title for c in grid.columns], style)
    return _Block(block.lines, block.height + 2)


class RowsTable(PlainFlowable):
    """A captioned table; where it breaks, the next page repeats caption and header."""

    def __init__(
        self,
        caption: str,
        width: float,
        kind: TableType,
        header: _Block,
        rows: tuple[_Block, ...],
        continued: bool = False,
    ) -> None:
        super().__init__()
        self.caption = caption
        self.table_width = width
        self.kind = kind
        self.header = header
        self.rows = rows
        self.continued = continued

    def _piece(self, rows: tuple[_Block, ...], continued: bool) -> RowsTable:
        return RowsTable(self.caption, self.table_width, self.kind, self.header, rows, continued)

    def _head_height(self) -> float:
        return CAPTION_HEIGHT + self.header.height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = self._head_height() + sum(row.height for row in self.rows)
        return self.table_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self._head_height()
        fitting = 0
        for row in self.rows:
            room -= row.height
            if room < 0:
                break
            fitting += 1
        # An invoice is not left at the foot of a page with its lines on the next.
        while 0 < fitting < len(self.rows) and self.rows[fitting - 1].keep_with_next:
            fitting -= 1
        if fitting == 0:
            return []
        return [
            self._piece(self.rows[:fitting], self.continued),
            self._piece(self.rows[fitting:], continued=True),
        ]

    def draw(self) -> None:
        canvas = self.canv
        # The caption and the header are the same wherever the table is: they are drawn from
        # its top, as one text block made once.
        canvas._code.append(f"q 1 0 0 1 0 {fp_str(self.height)} cm")
        if self.header.lines:
            canvas._code.append(_shade(self.table_width, self.header.height))
        key = (RowsTable, self.caption, self.continued, self.table_width, self.header)
        same_block(canvas, key, self._draw_head)
        canvas._code.append("Q")
        top = self.height - CAPTION_HEIGHT - self.header.height
        rules = []
        with page_text(canvas) as text:
            text.color(INK)
            muted = False
            for row in self.rows:
                if row.emphasis:
                    rules.append(top)
                if row.muted != muted:
                    muted = row.muted
                    text.color(MUTED if muted else INK)
                _write(text, row, top, BOLD if row.emphasis else REGULAR)
                top -= row.height
        canvas._code.append(_RULE_PEN)
        canvas._code.extend(f"n {fp_str(0, y)} m {fp_str(self.table_width, y)} l S" for y in rules)

    def _draw_head(self, text: PageText) -> None:
        """The caption and the header, below the table's top."""
        text.style(HEADING.font, HEADING.size, INK)
        caption = f"{self.caption} (continued)" if self.continued else self.caption
        text.left(0, -HEADING.size - 1, caption)
        if self.header.lines:
            text.color(MUTED)
            _write(text, self.header, -CAPTION_HEIGHT, BOLD)


@lru_cache(maxsize=16)
def _shade(width: float, height: float) -> str:
    """The header's shade, below the table's top."""

    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(SHADE)
        canvas.rect(0, -CAPTION_HEIGHT - height, width, height, stroke=0, fill=1)

    return operators(draw)


def _rule_pen(canvas: Canvas) -> None:
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)


# The operators the canvas writes to draw the rules above totals, made once.
_RULE_PEN = operators(_rule_pen)


def _write(text: PageText, block: _Block, top: float, font: str) -> None:
    for line in block.lines:
        text.style(font, line.size)
        text.left(line.x, top - line.drop, line.text)
