"""The JSON the command line prints (DESIGN.md §6): amounts as strings with two decimals."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import orjson

from app import billing
from app.billing import BatchRecord, CustomerSummary
from app.billing.collector import collector_paused
from app.billing.records import AGING_KEYS


def print_json(value: object) -> None:
    """What every `--json` prints: indented by two, not ASCII-escaped."""
    print(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def money_text(value: Decimal) -> str:
    return f"{value:.2f}"


def figures_json(figures: billing.StatementFigures, aging: billing.Aging) -> dict[str, Any]:
    """R8's fields, then R17's buckets under "aging"."""
    shown: dict[str, Any] = {key: money_text(value) for key, value in figures.as_dict().items()}
    # R8's breakdowns (R14) come after its fields, before the aging.
    shown["discounts"] = money_text(figures.discounts)
    shown["card_fees"] = money_text(figures.card_fees)
    shown["aging"] = dict(zip(AGING_KEYS, map(money_text, aging.cells()), strict=True))
    return shown


def status_json(status: billing.BatchStatus) -> dict[str, Any]:
    """R12's derived states of a batch."""
    return {
        "approved": status.approved,
        "locked": status.locked,
        "delivery": status.delivery.value,
        "last_sent": None if status.last_sent is None else status.last_sent.isoformat(),
        "payment": status.payment.value,
        "paid_amount": money_text(status.paid_amount),
    }


def batch_json(record: BatchRecord, number: int | None = None) -> dict[str, Any]:
    assert record.aging is not None, "a listed batch is aged with billing.with_aging first"
    assert record.status is not None, "a listed batch gets its states with billing.with_states"
    return {
        "number": number,
        "close_date": record.close_date.isoformat(),
        "description": record.description,
        "kind": record.kind.value,
        "printed": record.printed,
        "notes": record.notes,
        "status": status_json(record.status),
        "totals": figures_json(record.totals, record.aging),
    }


def customers_json(
    customers: Sequence[CustomerSummary], status: billing.BatchStatus | None = None
) -> list[dict[str, Any]]:
    """Each customer's figures; with the batch's `status`, its paid amount and whether its
    statement went out by every channel of its own (R12). A dry run has neither: null, false."""
    with collector_paused():  # tens of thousands of small dicts and lists, with no cycle
        return _customers_json(customers, status)


def _customers_json(
    customers: Sequence[CustomerSummary], status: billing.BatchStatus | None
) -> list[dict[str, Any]]:
    # By id once: asking the status customer by customer would read its list once per customer.
    states = {} if status is None else {state.customer_id: state for state in status.customers}
    listed = []
    for c in customers:
        state = states.get(c.customer.id)
        listed.append(
            {
                "customer": c.customer.number,
                **figures_json(c.figures, c.aging),
                "paid_amount": None if state is None else money_text(state.paid_amount),
                "delivery": c.customer.delivery.value,
                "sent": state is not None and state.sent,
                "transactions": list(c.transactions),
            }
        )
    return listed


def audit_json(entry: billing.AuditRecord) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "user": entry.user,
        "action": entry.action,
        "batch": entry.batch_number,
        "customer": entry.customer_number,
        "transaction": entry.transaction_number,
        "detail": entry.detail,
    }


def work_json(entry: billing.WorkRecord) -> dict[str, Any]:
    return {
        "customer": entry.customer_number,
        "date": entry.work_date.isoformat(),
        "service_type": entry.service_type,
        "description": entry.description,
        "worker": entry.worker,
        "quantity": money_text(entry.quantity),
        "rate": money_text(entry.rate),
        "amount": money_text(entry.amount),
        "billable": entry.billable,
        "invoice": entry.invoice_number,
    }


def work_invoice_json(invoice: billing.WorkInvoice) -> dict[str, Any]:
    return {
        "customer": invoice.customer_number,
        "number": invoice.number,
        "invoice_date": invoice.invoice_date.isoformat(),
        "due_date": invoice.due_date.isoformat(),
        "amount": money_text(invoice.amount),
        "tax": money_text(invoice.tax),
        "lines": len(invoice.lines),
    }


def recurring_json(run: billing.RecurringRun) -> dict[str, Any]:
    """`bill-recurring --json`: what was billed, credited and not ready (numbers null in a
    dry run)."""
    return {
        "invoices": [
            {
                "customer": invoice.customer_number,
                "number": invoice.number,
                "invoice_date": invoice.invoice_date.isoformat(),
                "due_date": invoice.due_date.isoformat(),
                "amount": money_text(invoice.amount),
                "tax": money_text(invoice.tax),
                "lines": [
                    {
                        "contract": line.contract,
                        "period_start": line.period_start.isoformat(),
                        "period_end": line.period_end.isoformat(),
                        "amount": money_text(line.amount),
                        "tax": money_text(line.tax),
                    }
                    for line in invoice.lines
                ],
            }
            for invoice in run.invoices
        ],
        "credits": [
            {
                "customer": credit.customer_number,
                "number": credit.number,
                "contract": credit.contract,
                "period_start": credit.period_start.isoformat(),
                "period_end": credit.period_end.isoformat(),
                "amount": money_text(credit.amount),
                "tax": money_text(credit.tax),
            }
            for credit in run.credits
        ],
        "not_ready": [{"contract": n.contract, "reason": n.reason} for n in run.not_ready],
    }


def run_due_json(result: billing.RunDueResult) -> dict[str, Any]:
    """`run-due --json`: the date, what was billed (null without --bill-recurring), the
    batches made."""
    return {
        "through": result.through.isoformat(),
        "billed": None if result.billed is None else recurring_json(result.billed),
        "batches": [
            {"number": batch.number, "close_date": batch.close_date.isoformat()}
            for batch in result.batches
        ],
    }
