"""R7: the database refuses any change to a locked batch; this says so in the clerk's words.

The triggers of migration 0008 refuse with "R7: invoice batch N is locked: <what>" (on SQLite
without the number, which its RAISE cannot compute). Every engine in the process turns that
refusal into BatchPrinted, whichever code path wrote: ORM flush, bulk UPDATE or plain SQL.
The billing functions still refuse first, saying what locked the batch and when.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, event, exc
from sqlalchemy.engine import ExceptionContext

from app.billing.errors import BatchPrinted

REFUSAL = re.compile(
    r"R7: invoice batch (?:(?P<number>\d+) )?is (?:printed|locked): (?P<what>[^\n]+)"
)


def batch_printed(message: str) -> BatchPrinted | None:
    """The clerk's error for a trigger's refusal, or None when `message` is something else."""
    refusal = REFUSAL.search(message)
    if refusal is None:
        return None
    number = refusal["number"]
    batch = f"Invoice batch {number}" if number else "This invoice batch"
    return BatchPrinted(
        f"{batch} is locked (approved, printed, sent or exported): {refusal['what']}. "
        "Enter a credit or debit memo instead; it falls into the next batch."
    )


@event.listens_for(Engine, "handle_error")
def _refused_by_a_trigger(context: ExceptionContext) -> BatchPrinted | None:
    if not isinstance(context.sqlalchemy_exception, exc.IntegrityError):
        return None
    return batch_printed(str(context.original_exception))
