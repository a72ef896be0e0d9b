"""The Send dialog's rows: each customer's channel, what this send does for it, and then what
became of it, in the clerk's words. Worked out from billing's plan, never re-derived."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.billing.deliveries import SendPlan
from app.jobs.sending import Delivered, delivery_lines
from app.models import Channel, DeliveryStatus

WAITING, SENDING = "Waiting", "Sending…"


@dataclass(frozen=True)
class SendRow:
    customer_number: str
    customer_name: str
    goes_by: str
    plan: str  # what this send does: "Email to …", "In the print part", "Cannot be sent: …"
    state: str = ""  # what became of it
    failed: bool = False


def rows_from_plan(plan: SendPlan) -> list[SendRow]:
    rows = []
    for line in delivery_lines(plan):
        plan_text = line.state[:1].upper() + line.state[1:] if line.state else "Nothing to send"
        cannot = "not sent:" in line.state or "not part" in line.state
        state = "" if cannot or "sent before" in line.state else WAITING
        rows.append(
            SendRow(line.customer_number, line.customer_name, line.goes_by, plan_text, state)
        )
    return rows


def outcome_text(delivered: Delivered) -> str:
    how = "Emailed" if delivered.channel == Channel.EMAIL else "Printed"
    if delivered.status == DeliveryStatus.SENT:
        return how  # the message id is in Delivery history (batch deliveries), not in the way
    if delivered.status == DeliveryStatus.UNKNOWN:
        return f"Outcome unknown: {delivered.error}"
    if delivered.status is None:
        return f"Not sent: {delivered.error}"
    return f"Failed: {delivered.error}"


def with_outcome(rows: list[SendRow], delivered: Delivered) -> list[SendRow]:
    """The rows with one customer's outcome; for a customer sent by both channels the outcomes
    are joined."""
    text = outcome_text(delivered)
    failed = delivered.status != DeliveryStatus.SENT
    result = []
    for row in rows:
        if row.customer_number == delivered.customer_number:
            before = "" if row.state in (WAITING, SENDING) else row.state
            state = f"{before}; {text}" if before else text
            row = replace(row, state=state, failed=row.failed or failed)
        result.append(row)
    return result
