"""One renderer per export format, and where a format's companion file goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.billing.exports import ExportData
from app.exports import iif, plain_csv, quickbooks_online, xero
from app.models import ExportFormat

RENDERERS: dict[ExportFormat, Callable[[ExportData], tuple[bytes, bytes | None]]] = {
    ExportFormat.IIF: iif.render,
    ExportFormat.QBO: quickbooks_online.render,
    ExportFormat.XERO: xero.render,
    ExportFormat.CSV: plain_csv.render,
}


@dataclass(frozen=True)
class Rendered:
    """An export's bytes: the file, and the credit memos' companion file where the format has
    one and the batch holds credit memos."""

    data: bytes
    credit_memos: bytes | None


def render(data: ExportData, format: ExportFormat) -> Rendered:
    """The batch in `format`, as bytes."""
    main, companion = RENDERERS[format](data)
    return Rendered(main, companion)


def companion_path(path: Path) -> Path:
    """The credit memos' file beside `path`: `-credit-memos` before the extension."""
    return path.with_name(f"{path.stem}-credit-memos{path.suffix}")
