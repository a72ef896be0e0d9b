"""A PDF held in memory as a QPdfDocument, for the preview and for printing."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtPdf import QPdfDocument


class UnreadablePdf(Exception):
    """QtPdf could not read the bytes (they should come from our own report)."""


def load_pdf(data: bytes, parent: QObject) -> QPdfDocument:
    """Load synchronously from memory; the buffer is parented to the document, so it lives as
    long as the document reads from it."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise UnreadablePdf(f"The report could not be read ({document.error().name}).")
    return document
