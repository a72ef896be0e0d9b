"""R18 as a job: read the batch, render the file, write it, then record the export.

The read and the record are short transactions; none is open while the file renders or while
the disk takes it. Files are written beside their destination and renamed into place, so an
export that fails leaves no half-written file. A second export in the same format is refused,
naming when the first was made, unless it is asked for with `again`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.billing.exports import (
    PreviousExport,
    export_data,
    previous_export,
    record_export,
    refuse_if_exported,
)
from app.exports import companion_path, render
from app.models import ExportFormat
from app.store import Database


class CannotWrite(Exception):
    """The file could not be written; nothing was recorded. The message is for the clerk."""


@dataclass(frozen=True)
class ExportedFiles:
    """An export that was written and recorded."""

    batch_number: int
    format: ExportFormat
    path: Path
    sha256: str
    credit_memos: Path | None  # the companion file, when one was written
    documents: int
    lines: int


def exported_before(db: Database, number: int, format: ExportFormat) -> PreviousExport | None:
    """The latest export of the batch in this format, for the clerk's "export again?"."""
    with db.read() as session:
        return previous_export(session, number, format)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as error:
        raise CannotWrite(f"Cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CannotWrite(f"Cannot write {path}: {error.strerror}") from None


def export_batch(
    db: Database, number: int, format: ExportFormat, path: Path, *, again: bool = False
) -> ExportedFiles:
    """Export batch `number` in `format` to `path` (and its credit memos' companion file), then
    record it, which locks the batch. Refused (BillingError, nothing written) before approval
    when required, and when exported in this format before unless `again`."""
    with db.read() as session:
        if not again:
            refuse_if_exported(session, number, format)
        data = export_data(session, number)
    rendered = render(data, format)
    companion = companion_path(path) if rendered.credit_memos is not None else None
    write_atomically(path, rendered.data)
    detail = f"{format.value} to {path.name}"
    if companion is not None and rendered.credit_memos is not None:
        write_atomically(companion, rendered.credit_memos)
        companion_sha = hashlib.sha256(rendered.credit_memos).hexdigest()
        detail += f", credit memos to {companion.name} (SHA-256 {companion_sha})"
    sha256 = hashlib.sha256(rendered.data).hexdigest()
    with db.transaction() as session:
        record_export(
            session, number, format, str(path), sha256, exported=data, again=again, detail=detail
        )
    lines = sum(len(doc.lines) for doc in data.documents)
    return ExportedFiles(number, format, path, sha256, companion, len(data.documents), lines)
