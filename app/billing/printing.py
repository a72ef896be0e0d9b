"""R9: the print state of a batch, and the bytes of its first print kept as mailed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.billing.approval import refuse_unless_approved
from app.billing.audit import record
from app.billing.batches import find_batch, lock, now
from app.billing.errors import ChangedWhilePrinting, NotFound
from app.billing.records import BatchStatement
from app.billing.statements import batch_statement
from app.models import BatchKind, OriginalPrint


@dataclass(frozen=True)
class PrintJob:
    """A print about to be made: the batch as it stood when its report was rendered."""

    statement: BatchStatement

    @property
    def batch_number(self) -> int:
        return self.statement.batch.number

    @property
    def reprint(self) -> bool:
        """Whether the report must say "Reprint": the batch was printed before."""
        return self.statement.batch.printed


def begin_print(session: Session, number: int) -> PrintJob:
    """What to print: the batch's statement and print state. Locks nothing, so it may be read
    in a session that only reads. Refused before approval when the company requires it."""
    batch = find_batch(session, number)
    refuse_unless_approved(session, batch, "printed")
    return PrintJob(batch_statement(session, batch))


def record_print(session: Session, job: PrintJob, pdf: bytes) -> None:
    """Mark the batch printed once the report really went out; keep a first print's bytes.

    Refused, changing nothing, when the batch is no longer as `begin_print` found it: printed
    by someone else meanwhile, or (before it is locked) its statement changed.
    """
    batch = find_batch(session, job.batch_number, for_update=True)
    rendered = job.statement.batch
    if (batch.printed_at, batch.print_count) != (rendered.printed_at, rendered.print_count):
        raise ChangedWhilePrinting(
            f"Invoice batch {batch.number} was printed by someone else while this print was "
            "being made; nothing was recorded. Print it again."
        )
    # A reprint recalculates from the data as it is, so only a first print must match: what it
    # locks has to be what was mailed.
    if batch.locked_at is None and batch_statement(session, batch) != job.statement:
        raise ChangedWhilePrinting(
            f"Invoice batch {batch.number} changed while it was printing; nothing was "
            "recorded. Print it again."
        )
    batch.print_count += 1
    first = batch.printed_at is None
    if first:
        batch.printed_at = now()
        lock(batch, batch.printed_at)
        session.add(OriginalPrint(batch_id=batch.id, printed_at=batch.printed_at, pdf=pdf))
    session.flush()
    what = "first print, kept as mailed" if first else f"reprint {batch.print_count}"
    record(session, "print", batch=batch.number, detail=what)


def original_print(session: Session, number: int) -> bytes:
    """The exact bytes of the batch's first print, as mailed."""
    batch = find_batch(session, number)
    original = session.get(OriginalPrint, batch.id)
    if original is None:
        if batch.kind == BatchKind.OPENING:
            raise NotFound(f"Invoice batch {number} is an opening batch; it was never printed.")
        raise NotFound(f"Invoice batch {number} has not been printed yet.")
    return original.pdf
