"""Invoices and memos with lines: amount and tax are the sums of the lines at the customer's
tax rate, to the cent, half up; anything else is refused and nothing is saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import billing
from app.billing import (
    BatchPrinted,
    InvalidInput,
    LineDraft,
    ServiceTypeDraft,
    TransactionDraft,
    TransactionQuery,
    TransactionType,
)
from app.models import ARTransaction, AuditEntry, InvoiceLine
from app.store import Database
from tests.billing.helpers import count, day, mark_printed
from tests.factories import customer, transaction

HALF = LineDraft("Valve, half a box", Decimal("0.5"), Decimal("12.75"))  # 6.375 → 6.38


def _draft(
    lines: tuple[LineDraft, ...],
    amount: str,
    tax: str,
    kind: TransactionType = TransactionType.INVOICE,
    number: str = "INV-1",
    customer_number: str = "C001",
) -> TransactionDraft:
    return TransactionDraft(
        customer_number=customer_number,
        type=kind,
        number=number,
        invoice_date=dt.date(2026, 11, 2),
        due_date=dt.date(2026, 12, 2),
        amount=Decimal(amount),
        tax=Decimal(tax),
        description="Parts",
        lines=lines,
    )


def _books(session: Session, tax_rate: str | None = "8.25") -> None:
    """C001 taxed at 8.25 %; the company's rate is 5 %."""
    billing.set_setting(session, "tax_rate", "5")
    rate = None if tax_rate is None else Decimal(tax_rate)
    customer(session, "C001", name="Acme Tools", tax_rate=rate)


def _refusal(db: Database, draft: TransactionDraft) -> list[tuple[str, str]]:
    """What billing says to the draft; nothing of it is stored."""
    with db.transaction() as session, pytest.raises(InvalidInput) as refused:
        billing.create_transaction(session, draft)
    with db.read() as session:
        assert (count(session, ARTransaction), count(session, InvoiceLine)) == (0, 0)
    return [(p.field, p.reason) for p in refused.value.problems]


def test_a_line_rounds_half_up_and_its_tax_too(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
        saved = billing.create_transaction(session, _draft((HALF,), "6.38", "0.53"))
    assert (saved.amount, saved.tax) == (Decimal("6.38"), Decimal("0.53"))
    with db.read() as session:
        (line,) = billing.transaction_lines(session, saved.id)
    assert (line.position, line.description, line.quantity, line.rate) == (
        1,
        "Valve, half a box",
        Decimal("0.50"),
        Decimal("12.75"),
    )
    assert (line.amount, line.taxable, line.tax) == (Decimal("6.38"), True, Decimal("0.53"))
    assert saved.lines == (line,)


def test_the_tax_is_the_sum_of_each_lines_rounded_tax(db: Database) -> None:
    # 12.76 × 8.25 % is 1.0527, 1.05; each line's 0.52635 rounds to 0.53, so the tax is 1.06.
    with db.transaction() as session:
        _books(session)
        with pytest.raises(InvalidInput) as refused:
            billing.create_transaction(session, _draft((HALF, HALF), "12.76", "1.05"))
        assert [(p.field, p.reason) for p in refused.value.problems] == [
            (
                "tax",
                "must be 1.06, what the lines add up to at the customer's tax rate of 8.25 %",
            )
        ]
        saved = billing.create_transaction(session, _draft((HALF, HALF), "12.76", "1.06"))
    assert (saved.amount, saved.tax, len(saved.lines)) == (Decimal("12.76"), Decimal("1.06"), 2)


def test_an_exempt_customer_pays_no_tax_on_any_line(db: Database) -> None:
    with db.transaction() as session:
        _books(session, tax_rate="0")
        assert billing.customer_tax_rate(session, "C001") == Decimal("0")
    assert _refusal(db, _draft((HALF,), "6.38", "0.53")) == [
        ("tax", "must be 0.00, what the lines add up to at the customer's tax rate of 0 %")
    ]
    with db.transaction() as session:
        saved = billing.create_transaction(session, _draft((HALF,), "6.38", "0.00"))
    assert [(line.amount, line.tax) for line in saved.lines] == [(Decimal("6.38"), Decimal("0"))]


def test_a_customer_without_a_rate_is_taxed_at_the_companys(db: Database) -> None:
    with db.transaction() as session:
        _books(session, tax_rate=None)
        assert billing.customer_tax_rate(session, "C001") == Decimal("5")
        assert billing.customer_tax_rate(session, "C404") is None
        # 6.38 × 5 % = 0.319 → 0.32
        saved = billing.create_transaction(session, _draft((HALF,), "6.38", "0.32"))
    assert saved.tax == Decimal("0.32")


def test_lines_that_are_not_taxable_carry_no_tax(db: Database) -> None:
    freight = LineDraft("Freight", Decimal("1"), Decimal("25.00"), taxable=False)
    labour = LineDraft("Labour", Decimal("2.25"), Decimal("80.00"))  # 180.00, tax 14.85
    with db.transaction() as session:
        _books(session)
        saved = billing.create_transaction(session, _draft((freight, labour), "205.00", "14.85"))
    assert [(line.amount, line.taxable, line.tax) for line in saved.lines] == [
        (Decimal("25.00"), False, Decimal("0.00")),
        (Decimal("180.00"), True, Decimal("14.85")),
    ]


def test_an_amount_other_than_the_lines_sum_is_refused(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
    assert _refusal(db, _draft((HALF,), "6.37", "0.53")) == [
        ("amount", "must be 6.38, what the lines add up to")
    ]
    assert _refusal(db, _draft((HALF,), "6.00", "0.00")) == [
        ("amount", "must be 6.38, what the lines add up to"),
        ("tax", "must be 0.53, what the lines add up to at the customer's tax rate of 8.25 %"),
    ]


def test_a_payment_has_no_lines(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
    draft = _draft((HALF,), "6.38", "0.00", TransactionType.PAYMENT, "CHK 1")
    assert _refusal(db, draft) == [("lines", "a payment has no lines")]


def test_each_bad_line_is_named_by_its_number(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
        billing.create_service_type(session, ServiceTypeDraft("LAB", "Labour", Decimal("80")))
    lines = (
        LineDraft("Labour", Decimal("1"), Decimal("80.00"), service_type="LAB"),
        LineDraft("Bolts", Decimal("1.005"), Decimal("0.10")),
        LineDraft("Travel", Decimal("1"), Decimal("30.00"), service_type="TRAVEL"),
        LineDraft("Nothing", Decimal("0"), Decimal("-1.00")),
    )
    assert _refusal(db, _draft(lines, "110.00", "9.08")) == [
        ("lines", "line 2: quantity has more than two decimals"),
        ("lines", "line 4: quantity must be from 0.01 to 9999999.99"),
        ("lines", "line 4: rate must be from 0 to 999999999.99"),
        ("lines", "line 3: there is no service type TRAVEL"),
    ]


def test_lines_that_add_up_to_nothing_are_refused(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
    free = (
        LineDraft("Goodwill visit", Decimal("1"), Decimal("0.00")),
        LineDraft("A screw", Decimal("0.01"), Decimal("0.40")),  # 0.004 → 0.00
    )
    assert _refusal(db, _draft(free, "0.00", "0.00")) == [
        ("amount", "must be greater than 0"),
        ("lines", "the lines add up to 0.00: the amount must be greater than 0"),
    ]


def test_a_line_cannot_claim_work_it_was_not_made_from(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
        billing.create_service_type(session, ServiceTypeDraft("LAB", "Labour", Decimal("80")))
        work = billing.create_work(
            session, billing.WorkDraft("C001", day("2026-11-01"), "LAB", Decimal("1"))
        )
    stolen = LineDraft("Labour", Decimal("1"), Decimal("80.00"), work_entry_id=work.id)
    reason = "bills work that is not on this invoice (work is invoiced from Unbilled Work)"
    assert _refusal(db, _draft((stolen,), "80.00", "6.60")) == [("lines", f"line 1: {reason}")]


def test_updating_replaces_the_lines_and_the_audit_counts_them(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
        saved = billing.create_transaction(session, _draft((HALF, HALF), "12.76", "1.06"))
        bolts = LineDraft("Bolts", Decimal("3"), Decimal("1.10"), taxable=False)
        updated = billing.update_transaction(
            session, saved.id, _draft((bolts, HALF), "9.68", "0.53")
        )
    assert [(line.position, line.description, line.amount) for line in updated.lines] == [
        (1, "Bolts", Decimal("3.30")),
        (2, "Valve, half a box", Decimal("6.38")),
    ]
    with db.transaction() as session:
        assert billing.get_transaction(session, saved.id) == updated
        typed = billing.update_transaction(session, saved.id, _draft((), "50.00", "4.00"))
        assert (typed.amount, typed.tax, typed.lines) == (Decimal("50.00"), Decimal("4.00"), ())
        assert count(session, InvoiceLine) == 0
        details = session.scalars(
            select(AuditEntry.detail)
            .where(AuditEntry.transaction_number == "INV-1")
            .order_by(AuditEntry.id)
        ).all()
    assert details == [
        "invoice 12.76 + tax 1.06, dated 2026-11-02, 2 lines",
        "invoice 9.68 + tax 0.53, dated 2026-11-02, 2 lines",
        "invoice 50.00 + tax 4.00, dated 2026-11-02",
    ]


def test_a_credit_memo_has_lines_too(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
        transaction(session, "C001", "credit_memo", "CM-1", "2026-11-02", lines=[HALF])
        (memo,) = billing.list_transactions(session, TransactionQuery())
    assert (memo.type, memo.signed_amount, memo.signed_tax) == (
        TransactionType.CREDIT_MEMO,
        Decimal("-6.38"),
        Decimal("-0.53"),
    )


def test_deleting_an_invoice_deletes_its_lines(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
        kept = transaction(session, "C001", "invoice", "INV-1", "2026-11-02", lines=[HALF])
        gone = transaction(session, "C001", "invoice", "INV-2", "2026-11-02", lines=[HALF, HALF])
        billing.delete_transaction(session, gone.id)
    with db.read() as session:
        owners = session.scalars(select(InvoiceLine.transaction_id)).all()
        assert owners == [kept.id]
        assert billing.transaction_lines(session, gone.id) == ()


def test_lines_of_a_printed_batch_stay_as_mailed(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
        tx = transaction(session, "C001", "invoice", "INV-1", "2026-11-02", lines=[HALF])
        number = billing.create_manual_batch(session, day("2026-11-15"), "November").number
        billing.add_transactions(session, number, ["INV-1"])
        mark_printed(session, number)
    more = (HALF, LineDraft("Seal", Decimal("1"), Decimal("2.00")))
    for change in (
        lambda s: billing.update_transaction(s, tx.id, _draft(more, "8.38", "0.70")),
        lambda s: billing.update_transaction(s, tx.id, _draft((), "6.38", "0.53")),
        lambda s: billing.delete_transaction(s, tx.id),
    ):
        with db.transaction() as session, pytest.raises(BatchPrinted):
            change(session)
    with db.read() as session:
        assert billing.get_transaction(session, tx.id).lines == tx.lines
        assert session.scalar(select(func.count()).select_from(InvoiceLine)) == 1


def test_a_statement_carries_the_lines_while_the_report_shows_them(db: Database) -> None:
    with db.transaction() as session:
        _books(session)
        transaction(session, "C001", "invoice", "INV-1", "2026-11-02", lines=[HALF, HALF])
        transaction(session, "C001", "invoice", "INV-2", "2026-11-03", "10.00")
        number = billing.create_manual_batch(session, day("2026-11-15"), "November").number
        billing.add_transactions(session, number, ["INV-1", "INV-2"])
    with db.transaction() as session:
        (shown,) = billing.statement_of(session, number).customers
        billing.set_setting(session, "show_invoice_lines", "false")
        (hidden,) = billing.statement_of(session, number).customers
    assert [len(t.lines) for t in shown.transactions] == [2, 0]
    assert [t.lines[0].amount for t in shown.transactions if t.lines] == [Decimal("6.38")]
    assert [len(t.lines) for t in hidden.transactions] == [0, 0]
    assert shown.figures == hidden.figures
