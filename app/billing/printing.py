"""R9: the print state of a batch, and the bytes of its first print kept as mailed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.billing.batches import find_batch, now
from app.billing.errors import NotFound
from app.models import BatchKind, OriginalPrint


@dataclass(frozen=True)
class PrintJob:
    """A print about to be made: of which batch, and whether it is a reprint."""

    batch_number: int
    reprint: bool


def begin_print(session: Session, number: int) -> PrintJob:
    """Lock the batch for printing; tells whether the report must say "Reprint"."""
    batch = find_batch(session, number, for_update=True)
    return PrintJob(number, reprint=batch.printed_at is not None)


def record_print(session: Session, job: PrintJob, pdf: bytes) -> None:
    """Mark the batch printed once the report really went out; keep a first print's bytes."""
    batch = find_batch(session, job.batch_number, for_update=True)
    if (batch.printed_at is not None) != job.reprint:
        raise NotFound(f"Invoice batch {batch.number} was printed by someone else meanwhile.")
    batch.print_count += 1
    if batch.printed_at is None:
        batch.printed_at = now()
        session.add(OriginalPrint(batch_id=batch.id, printed_at=batch.printed_at, pdf=pdf))
    session.flush()


def original_print(session: Session, number: int) -> bytes:
    """The exact bytes of the batch's first print, as mailed."""
    batch = find_batch(session, number)
    original = session.get(OriginalPrint, batch.id)
    if original is None:
        if batch.kind == BatchKind.OPENING:
            raise NotFound(f"Invoice batch {number} is an opening batch; it was never printed.")
        raise NotFound(f"Invoice batch {number} has not been printed yet.")
    return original.pdf
