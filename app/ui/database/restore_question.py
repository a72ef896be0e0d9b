"""What the clerk reads before a restore: whose backup it is, how far it goes, and what the
restore will lose."""

from __future__ import annotations

from app.store.restore import RestorePlan
from app.ui.widgets.display import date_text


def _numbers(numbers: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in numbers)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _losses(plan: RestorePlan) -> list[str]:
    lost = []
    if plan.batches_made_after:
        lost.append(
            f"Batches made after the backup will be gone: {_numbers(plan.batches_made_after)}."
        )
    if plan.batches_printed_after:
        lost.append(
            "Batches printed after the backup will no longer show as printed: "
            f"{_numbers(plan.batches_printed_after)}."
        )
    counts = []
    if plan.customers_lost > 0:
        counts.append(_count(plan.customers_lost, "customer", "customers"))
    if plan.transactions_lost > 0:
        counts.append(_count(plan.transactions_lost, "transaction", "transactions"))
    if counts:
        lost.append(f"The database will have {' and '.join(counts)} fewer.")
    if plan.batches_made_after:
        lost.append("Batch numbers already handed out are not handed out again.")
    return lost


def restore_question(plan: RestorePlan) -> str:
    """The confirmation text for restoring `plan.backup` over the database file in use."""
    company = plan.company_name or "a company with no name set"
    newest = plan.newest_batch
    holds = (
        f"its newest batch is {newest.number}, closed {date_text(newest.close_date)}"
        if newest is not None
        else "it holds no batches"
    )
    lines = [
        f"Replace the database {plan.database} with the backup {plan.backup.name}?",
        f"The backup is of {company}; {holds}.",
    ]
    if plan.judged_by_name:
        lines.append(
            "It was made before backups carried their database's identity, so it is "
            "recognised as this database's by its company name only."
        )
    lines.append("Everything entered or changed since that backup was made will be gone.")
    lines += _losses(plan)
    lines.append("A safety backup of the database as it is now is made first.")
    return "\n\n".join(lines)
