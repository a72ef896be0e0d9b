"""The numbers the application gives invoices and memos (R14): a prefix per type from the
settings, then five digits from a counter, skipping numbers already taken by hand or import."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.billing.settings import CompanySettings
from app.models import ARTransaction, Counter, TransactionType

DIGITS = 5
COUNTERS = {
    TransactionType.INVOICE: "invoice_number",
    TransactionType.CREDIT_MEMO: "credit_memo_number",
    TransactionType.DEBIT_MEMO: "debit_memo_number",
}
CHUNK = 5_000  # under SQLite's limit of bound parameters


def prefix_of(settings: CompanySettings, kind: TransactionType) -> str:
    return {
        TransactionType.INVOICE: settings.invoice_prefix,
        TransactionType.CREDIT_MEMO: settings.credit_memo_prefix,
        TransactionType.DEBIT_MEMO: settings.debit_memo_prefix,
    }[kind]


def hold_numbers(session: Session, kind: TransactionType) -> None:
    """Lock this type's counter until the transaction ends: a second run that gives numbers
    waits here for the first, and then reads what the first left."""
    session.execute(select(Counter.value).where(Counter.name == COUNTERS[kind]).with_for_update())


def next_numbers(
    session: Session, settings: CompanySettings, kind: TransactionType, count: int
) -> list[str]:
    """`count` free numbers for documents of this type, in order; the counter moves past them.

    The counter row is locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite's
    writes are serial), so two clerks never get the same number, and the unique index on
    document numbers stands behind that.
    """
    name = COUNTERS[kind]
    prefix = prefix_of(settings, kind)
    last = session.scalar(select(Counter.value).where(Counter.name == name).with_for_update())
    if last is None:
        session.add(Counter(name=name, value=0))
        last = 0
    numbers: list[str] = []
    while len(numbers) < count:
        wanted = count - len(numbers)
        candidates = [f"{prefix}{n:0{DIGITS}d}" for n in range(last + 1, last + 1 + wanted)]
        taken = _taken(session, candidates)
        numbers += [number for number in candidates if number not in taken]
        last += wanted
    session.execute(update(Counter).where(Counter.name == name).values(value=last))
    return numbers


def _taken(session: Session, candidates: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(candidates), CHUNK):
        taken.update(
            session.scalars(
                select(ARTransaction.number).where(
                    ARTransaction.number.in_(candidates[start : start + CHUNK]),
                    ARTransaction.type != TransactionType.PAYMENT,
                )
            )
        )
    return taken
