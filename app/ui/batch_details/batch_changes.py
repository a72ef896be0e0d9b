"""The changes a clerk makes to an unprinted batch, each asked for, sent to billing, and
refused through the one error path. Each returns how many transactions moved, or None."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from app import billing
from app.billing import CustomerStatement, NotEligible, TransactionRecord
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.widgets.display import counted


def add_customer(
    parent: QWidget, context: UiContext, batch_number: int, customer_number: str
) -> int | None:
    """R6; a customer refused by the rules (R1) is offered again with the override (R3)."""
    title = "Add Customer"
    refusals: list[NotEligible] = []

    def add(override: bool) -> int | None:
        try:
            with context.transaction() as session:
                return billing.add_customer(session, batch_number, customer_number, override)
        except NotEligible as refusal:
            if override:
                raise
            refusals.append(refusal)
            return None

    added = attempt(parent, title, lambda: add(False))
    if refusals:
        question = (
            f"{refusals[0]}\n\nOverride the invoice batch creation rules and add customer "
            f"{customer_number} to invoice batch {batch_number}? All of its unbatched invoices "
            "and memos go in, whatever their date."
        )
        if messages.confirm(parent, title, question, "Add Anyway"):
            added = attempt(parent, title, lambda: add(True))
    return added


def add_transactions(
    parent: QWidget, context: UiContext, batch_number: int, numbers: Sequence[str]
) -> int | None:
    def add() -> int:
        with context.transaction() as session:
            return billing.add_transactions(session, batch_number, numbers)

    return attempt(parent, "Add Transactions", add)


def remove_transactions(
    parent: QWidget,
    context: UiContext,
    batch_number: int,
    transactions: Sequence[TransactionRecord],
) -> int | None:
    numbers = [t.number for t in transactions]
    what = counted(len(numbers), "transaction")
    question = (
        f"Remove {what} ({', '.join(numbers)}) from invoice batch {batch_number}? "
        f"{'It becomes' if len(numbers) == 1 else 'They become'} unbatched and can go into "
        "another batch."
    )
    if not messages.confirm(parent, "Remove Transactions", question, "Remove"):
        return None

    def remove() -> int:
        with context.transaction() as session:
            return billing.remove_transactions(session, batch_number, numbers)

    return attempt(parent, "Remove Transactions", remove)


def remove_customer(
    parent: QWidget, context: UiContext, batch_number: int, statement: CustomerStatement
) -> int | None:
    customer = statement.customer
    what = counted(len(statement.transactions), "transaction")
    question = (
        f"Remove customer {customer.number} ({customer.name}) from invoice batch "
        f"{batch_number}? Its {what} will be released and can go into another batch."
    )
    if not messages.confirm(parent, "Remove Customer", question, "Remove"):
        return None

    def remove() -> int:
        with context.transaction() as session:
            return billing.remove_customer(session, batch_number, customer.number)

    return attempt(parent, "Remove Customer", remove)
