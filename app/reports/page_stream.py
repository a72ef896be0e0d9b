"""A written page's content, compressed as soon as the page is done rather than at `save`.

ReportLab keeps every page's content as text until the whole document is saved, and only
then compresses each one; a report of ten thousand pages would hold all of that text at
once. Encoding a page's stream when it is written, with the very filters ReportLab would
apply at `save`, keeps only the compressed bytes waiting, and the saved file is the same.
Once `save` has copied a stream into the file, the stream lets go of its bytes.
"""

from __future__ import annotations

from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFBase85Encode,
    PDFName,
    PDFPage,
    PDFStream,
    PDFZCompress,
)


class _PageContent(PDFStream):  # type: ignore[misc]
    """A page's encoded content, which `save` writes exactly once."""

    def format(self, document: Any) -> bytes:
        formatted: bytes = super().format(document)
        self.content = b""  # the file being saved holds it now: no second copy till the end
        return formatted


def compress_page_stream(page: PDFPage) -> None:
    """Give `page` its content stream already encoded; ReportLab then writes it as it is."""
    if not page.compression or not page.stream or page.Contents:
        return  # ReportLab's own way: an uncompressed or empty page is left to `save`
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content = page.stream
    for step in reversed(filters):  # the last filter listed is applied first
        content = step.encode(content)
    stream = _PageContent(content=content)
    # With its Filter entry set, the stream is written without being encoded again.
    stream.dictionary["Filter"] = PDFArray([PDFName(step.pdfname) for step in filters])
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None
