"""A canvas that writes "Page x of y" counted within each section, once all pages are known.

Each page says, while it is drawn, which section it belongs to and where its label goes
(`label_page`). The pages are kept until `save`, when every section's length is known; then
each label is drawn and the pages are written out, as ReportLab's numbered-canvas recipe does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class PageLabel:
    """Where a page's "x of y" goes: the section it counts in, its right end, its wording."""

    section: str
    right: float
    baseline: float
    font: str
    size: float
    wording: str = "Page {page} of {pages}"


class NumberedCanvas(Canvas):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept_pages: list[dict[str, Any]] = []
        self.page_label: PageLabel | None = None
        self.section_pages: Counter[str] = Counter()
        self.page_count = 0

    def label_page(self, label: PageLabel) -> None:
        self.page_label = label

    def showPage(self) -> None:
        self._kept_pages.append(dict(self.__dict__))
        self.page_label = None
        self._startPage()

    def save(self) -> None:
        totals = Counter(
            page["page_label"].section for page in self._kept_pages if page["page_label"]
        )
        seen: Counter[str] = Counter()
        pages = self._kept_pages
        for page in pages:
            self.__dict__.update(page)
            label = self.page_label
            if label is not None:
                seen[label.section] += 1
                self._draw_label(label, seen[label.section], totals[label.section])
            super().showPage()
        self._kept_pages = []  # each page's state brought back the list with it
        self.section_pages = totals
        self.page_count = len(pages)
        super().save()

    def _draw_label(self, label: PageLabel, page: int, pages: int) -> None:
        self.setFillColor(black)
        self.setFont(label.font, label.size)
        text = label.wording.format(page=page, pages=pages)
        self.drawRightString(label.right, label.baseline, text)
