"""A written page's content, compressed as soon as the page is done rather than at `save`.

ReportLab keeps every page's content as text until the whole document is saved, and only
then compresses each one; a report of ten thousand pages would hold all of that text at
once. Encoding a page's stream when it is written keeps only the compressed bytes waiting.
Once `save` has copied a stream into the file, the stream lets go of its bytes.

Pages are Flate-compressed binary streams, without the ASCII85 layer ReportLab adds to them by
default: that layer only keeps a PDF 7-bit clean, makes each page a quarter bigger, and its
pure-Python encoder cost more than laying out the page's table.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
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
    stream = _PageContent(content=PDFZCompress.encode(page.stream))
    # With its Filter entry set, the stream is written without being encoded again.
    stream.dictionary["Filter"] = PDFArray([PDFName(PDFZCompress.pdfname)])
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None
