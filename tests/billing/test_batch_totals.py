"""The batch list's totals, computed for all batches at once, equal each batch's own R8."""

from __future__ import annotations

from decimal import Decimal

from app import billing
from app.billing import BatchQuery
from app.store import Database
from tests.billing.helpers import day, generate, mark_printed
from tests.factories import customer, transaction


def _history(db: Database) -> None:
    """Three customers over three months: an opening batch, cutoff runs, a manual batch on the
    same close date as a run, and payments before, between and after the close dates."""
    with db.transaction() as s:
        customer(s, "C001", 15)
        customer(s, "C002", 30)
        customer(s, "C003", 15)
        transaction(s, "C001", "invoice", "OLD-1", "2026-08-20", "400.00", "40.00")
        transaction(s, "C002", "invoice", "OLD-2", "2026-08-25", "150.00")
        transaction(s, "C001", "payment", "P-0", "2026-08-30", "100.00")
        billing.create_opening_batch(s, day("2026-08-31"))
        transaction(s, "C001", "invoice", "A-1", "2026-09-02", "1000.00", "100.00")
        transaction(s, "C001", "credit_memo", "A-2", "2026-09-10", "50.00", "5.00")
        transaction(s, "C003", "invoice", "A-3", "2026-09-12", "75.25", "7.53")
        transaction(s, "C002", "debit_memo", "A-4", "2026-09-20", "12.50")
        transaction(s, "C001", "payment", "P-1", "2026-09-05", "340.00")
        generate(s, "2026-09-15")
        generate(s, "2026-09-30")
        transaction(s, "C001", "invoice", "B-1", "2026-10-01", "210.00", "21.00")
        transaction(s, "C003", "invoice", "B-2", "2026-10-03", "19.99")
        transaction(s, "C001", "payment", "P-2", "2026-09-20", "500.00")
        transaction(s, "C003", "payment", "P-3", "2026-10-14", "82.78")
        transaction(s, "C001", "payment", "P-4", "2026-11-20", "999.00")
        generate(s, "2026-10-15")
        late = billing.create_manual_batch(s, day("2026-10-15"), "Late").number
        transaction(s, "C003", "debit_memo", "B-3", "2026-10-15", "5.00", "0.40")
        billing.add_transactions(s, late, ["B-3"])
        mark_printed(s, 2)


def test_the_list_equals_each_batch_on_its_own(db: Database) -> None:
    _history(db)
    with db.transaction() as s:
        listed = billing.list_batches(s)
        aged = billing.with_aging(s, listed)
        one_by_one = [billing.batch_row(s, record.number) for record in listed]
    assert [r.number for r in listed] == [5, 4, 3, 2, 1]
    # The list leaves R17 out, so that it stays at two queries; aged, it is each batch's own.
    assert [r.aging for r in listed] == [None] * 5
    assert aged == one_by_one
    assert [r.aging and r.aging.total for r in aged] == [r.totals.invoice_amount for r in aged]
    assert [r.customer_count for r in listed] == [1, 2, 1, 2, 2]
    assert [r.transaction_count for r in listed] == [1, 2, 1, 3, 2]
    # Batch 4, C001: former 440.00 + 1,045.00 - (100.00 + 340.00) paid by S (15 Sep) =
    # 1,045.00; paid 500.00 after S; 1,045.00 - 500.00 + 210.00 + 21.00 = 776.00 due.
    # C003: former 82.78, paid 82.78, 19.99 due.
    october = listed[1].totals
    assert october.former_amount == Decimal("1127.78")
    assert october.payments == Decimal("582.78")
    assert october.invoice_amount == Decimal("795.99")
    # Batch 5 shares batch 4's close date and comes after it by number: C003's former amount
    # is what batch 4 asked of it.
    late = listed[0].totals
    assert (late.former_amount, late.payments) == (Decimal("19.99"), Decimal("0.00"))
    assert late.invoice_amount == Decimal("25.39")


def test_a_search_lists_only_its_batches_with_the_same_totals(db: Database) -> None:
    _history(db)
    with db.transaction() as s:
        found = billing.list_batches(s, BatchQuery(customer_number="C003"))
        aged = billing.with_aging(s, found)
        assert aged == [billing.batch_row(s, number) for number in (5, 4, 2)]
