"""The dry run: the same figures as the real run, nothing created, and who is left out and why."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from app import billing
from app.billing import GenerationPreview, GenerationRequest, LeftOut
from app.billing import LeftOutKind as K
from app.models import ARTransaction, InvoiceBatch
from app.store import Database
from tests.billing.helpers import count, counter, day, unbatched
from tests.factories import customer, transaction


def _ledger(s: Session) -> None:
    customer(s, "A", 15)
    customer(s, "B", 15)
    customer(s, "C", 20)
    customer(s, "D", None)
    customer(s, "E", 15, active=False)
    customer(s, "F", 15)
    customer(s, "G", 15)
    transaction(s, "A", "invoice", "INV-A1", "2027-03-01", "100.00", "7.00")
    transaction(s, "A", "debit_memo", "DM-A1", "2027-03-15", "2.50")
    transaction(s, "A", "payment", "P-A1", "2027-03-03", "30.00")
    transaction(s, "B", "invoice", "INV-B1", "2027-03-16", "1.00")
    transaction(s, "C", "invoice", "INV-C1", "2027-03-01", "1.00")
    transaction(s, "D", "invoice", "INV-D1", "2027-03-01", "1.00")
    transaction(s, "E", "invoice", "INV-E1", "2027-03-01", "1.00")
    transaction(s, "F", "credit_memo", "CM-F1", "2027-03-10", "10.00", "0.80")
    transaction(s, "G", "invoice", "INV-G1", "2027-03-01", "5.00")


REQUEST = GenerationRequest(day("2027-03-15"), "March", to_customer="F")


def _preview(db: Database, request: GenerationRequest) -> GenerationPreview:
    with db.transaction() as s:
        return billing.preview_generation(s, request)


def test_preview_has_the_figures_of_the_real_run(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
    preview = _preview(db, REQUEST)
    with db.transaction() as s:
        record = billing.generate_batch(s, REQUEST)
        real = billing.statement_of(s, record.number)
    assert preview.refusal is None
    assert preview.totals == real.totals
    assert preview.customers == real.customers
    assert preview.transaction_count == record.transaction_count == 3
    assert [c.customer.number for c in preview.customers] == ["A", "F"]
    assert preview.totals.invoice_amount == Decimal("68.70")
    assert record.number == 1


def test_preview_creates_nothing_and_takes_no_number(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
        before = unbatched(s)
    _preview(db, REQUEST)
    _preview(db, GenerationRequest(day("2027-03-15"), override=True))
    with db.transaction() as s:
        assert count(s, InvoiceBatch) == 0
        assert counter(s) == 0
        assert unbatched(s) == before
        assert count(s, ARTransaction) == 9


def test_preview_names_who_is_left_out_and_why(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
    preview = _preview(db, REQUEST)
    assert preview.left_out == (
        LeftOut(
            "B",
            "Customer B",
            "nothing unbatched dated on or before 2027-03-15",
            K.NOTHING_UNBATCHED,
        ),
        LeftOut(
            "C", "Customer C", "cutoff day 20 does not match the close date", K.OTHER_CUTOFF_DAY
        ),
        LeftOut(
            "D", "Customer D", "not in the invoice batch process (no cutoff day)", K.NO_CUTOFF_DAY
        ),
        LeftOut("E", "Customer E", "inactive", K.INACTIVE),
        LeftOut("G", "Customer G", "outside the customer range", K.OUTSIDE_RANGE),
    )


def test_preview_with_override_and_exclusion(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
        transaction(s, "A", "invoice", "LATE-A", "2027-09-01", "1.00")
        billing.generate_batch(s, GenerationRequest(day("2027-03-15"), from_customer="F"))
    preview = _preview(db, GenerationRequest(day("2027-03-15"), override=True))
    assert [c.customer.number for c in preview.customers] == ["A", "B", "C", "D"]
    assert preview.transaction_count == 6
    assert preview.left_out == (
        LeftOut("E", "Customer E", "inactive", K.INACTIVE),
        LeftOut("F", "Customer F", "nothing unbatched", K.NOTHING_UNBATCHED),
        LeftOut("G", "Customer G", "nothing unbatched", K.NOTHING_UNBATCHED),
    )


def test_preview_of_nothing_gives_the_refusal(db: Database) -> None:
    with db.transaction() as s:
        _ledger(s)
    preview = _preview(db, GenerationRequest(day("2027-03-14")))
    assert preview.refusal == (
        "No invoice batch was created for 2027-03-14: no active customer has cutoff day 14."
    )
    assert (preview.customers, preview.transaction_count) == ((), 0)
    assert preview.totals == billing.StatementFigures()
    assert len(preview.left_out) == 7
    with db.transaction() as s:
        assert count(s, InvoiceBatch) == 0
