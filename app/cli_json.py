"""The JSON the command line prints (DESIGN.md §6): amounts as strings with two decimals."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from app import billing
from app.billing import BatchRecord, CustomerStatement


def money_text(value: Decimal) -> str:
    return f"{value:.2f}"


def figures_json(figures: billing.StatementFigures, aging: billing.Aging) -> dict[str, Any]:
    """R8's fields, then R17's buckets under "aging"."""
    return {key: money_text(value) for key, value in figures.as_dict().items()} | {
        "aging": {key: money_text(value) for key, value in aging.as_dict().items()}
    }


def batch_json(record: BatchRecord, number: int | None = None) -> dict[str, Any]:
    assert record.aging is not None, "a listed batch is aged with billing.with_aging first"
    return {
        "number": number,
        "close_date": record.close_date.isoformat(),
        "description": record.description,
        "kind": record.kind.value,
        "printed": record.printed,
        "totals": figures_json(record.totals, record.aging),
    }


def customers_json(customers: Sequence[CustomerStatement]) -> list[dict[str, Any]]:
    return [
        {"customer": c.customer.number}
        | figures_json(c.figures, c.aging)
        | {"transactions": [t.number for t in c.transactions]}
        for c in customers
    ]


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
