"""Plain text wrapped to the frame's width, drawn as written: no markup is read from the data."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from app.reports.fonts import descent
from app.reports.page_text import page_text
from app.reports.plain_flowable import PlainFlowable
from app.reports.styles import INK, TextStyle
from app.reports.text_fit import wrap


class TextLines(PlainFlowable):
    """Paragraphs of one style, wrapped at spaces; splits between lines across pages."""

    def __init__(
        self,
        paragraphs: Sequence[str],
        style: TextStyle,
        width: float,
        color: Color = INK,
        *,
        lines: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self.width = width
        self.color = color
        self.lines = (
            tuple(lines)
            if lines is not None
            else tuple(
                line
                for paragraph in paragraphs
                for line in wrap(paragraph, width, style.font, style.size)
            )
        )

    def _height(self, count: int) -> float:
        return count * self.style.leading + descent(self.style.size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = self._height(len(self.lines))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fitting = 0
        while fitting < len(self.lines) and self._height(fitting + 1) <= avail_height:
            fitting += 1
        if fitting == 0:
            return []
        return [self._part(self.lines[:fitting]), self._part(self.lines[fitting:])]

    def _part(self, lines: Sequence[str]) -> TextLines:
        return TextLines((), self.style, self.width, self.color, lines=lines)

    def draw(self) -> None:
        with page_text(self.canv) as text:
            text.style(self.style.font, self.style.size, self.color)
            baseline = self.height - self.style.size
            for line in self.lines:
                text.left(0, baseline, line)
                baseline -= self.style.leading
