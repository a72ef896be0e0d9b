"""A canvas that writes "Page x of y" counted within each section, one section at a time.

Each page says, while it is drawn, which section it belongs to and where its label goes
(`label_page`). The pages of a section are kept, as ReportLab's numbered-canvas recipe keeps
them, but only until the first page of the next section is done (or `save`): then the
section's length is known, its labels are drawn and its pages written out. So memory follows
the longest section, not the whole report. Sections are runs of consecutive pages: the report
starts each section on a new page and never returns to one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from app.reports.page_stream import compress_page_stream
from app.reports.page_text import page_text


@dataclass(frozen=True)
class PageLabel:
    """Where a page's "x of y" goes: the section it counts in, its right end, its wording."""

    section: str
    right: float
    baseline: float
    font: str
    size: float
    wording: str = "Page {page} of {pages}"


@dataclass
class _SectionRun:
    """The pages of the section being laid out, and what was written before it.

    One object for the whole build: a kept page's state holds a reference to it, so bringing
    a page's state back leaves the count as it is."""

    section: str | None = None
    kept: list[dict[str, Any]] = field(default_factory=list)
    written: Counter[str] = field(default_factory=Counter)
    pages: int = 0


class NumberedCanvas(Canvas):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._run = _SectionRun()
        self.page_label: PageLabel | None = None

    @property
    def section_pages(self) -> Counter[str]:
        """Pages written so far, by section."""
        return self._run.written

    @property
    def page_count(self) -> int:
        """Pages written so far."""
        return self._run.pages

    def label_page(self, label: PageLabel) -> None:
        self.page_label = label

    def showPage(self) -> None:
        run = self._run
        label = self.page_label
        if label is not None and label.section != run.section:
            # This page opens a new section: the one before it is complete.
            page = dict(self.__dict__)
            self._write_section()
            self.__dict__.update(page)
            run.section = label.section
        run.kept.append(dict(self.__dict__))
        self.page_label = None
        self._startPage()

    def save(self) -> None:
        self._write_section()
        super().save()

    def _write_section(self) -> None:
        """Label the kept pages "x of y" within their section and hand them to the PDF."""
        run = self._run
        pages = sum(1 for page in run.kept if page["page_label"] is not None)
        seen = 0
        for page in run.kept:
            self.__dict__.update(page)
            label = self.page_label
            if label is not None:
                seen += 1
                self._draw_label(label, seen, pages)
            super().showPage()
            compress_page_stream(self._doc.Pages.pages[-1])
        if run.section is not None:
            run.written[run.section] += pages
        run.pages += len(run.kept)
        run.kept = []

    def _draw_label(self, label: PageLabel, page: int, pages: int) -> None:
        with page_text(self) as text:
            text.style(label.font, label.size, black)
            text.right(label.right, label.baseline, label.wording.format(page=page, pages=pages))
