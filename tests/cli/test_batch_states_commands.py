"""`batch approve|unapprove|notes` and R12's states in `batch show --json` and `batches --json`
(DESIGN.md §6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from app import billing
from app.models import Channel, Customer, DeliveryStatus, InvoiceBatch, StatementDelivery
from app.store import Database
from tests.cli.conftest import Cli


def test_approve_notes_and_unapprove(books: Cli) -> None:
    assert books("generate", "--close-date", "2026-11-15").code == 0
    approved = books("batch", "approve", "1")
    assert (approved.code, approved.out) == (0, "Approved invoice batch 1; it is locked.\n")
    again = books("batch", "approve", "1")
    assert again.code == 1
    assert "already approved" in again.err
    noted = books("batch", "notes", "1", "Checked by Ana; mail on Monday.")
    assert (noted.code, noted.out) == (0, "Saved the notes of invoice batch 1.\n")
    shown = books("batch", "show", "1", "--json").json()
    assert shown["notes"] == "Checked by Ana; mail on Monday."
    assert (shown["status"]["approved"], shown["status"]["locked"]) == (True, True)
    assert books("batches", "--json").json()[0]["status"] == shown["status"]
    reopened = books("batch", "unapprove", "1")
    assert (reopened.code, reopened.out) == (0, "Invoice batch 1 is open again.\n")
    status = books("batch", "show", "1", "--json").json()["status"]
    assert (status["approved"], status["locked"]) == (False, False)
    refused = books("batch", "unapprove", "1")
    assert (refused.code, refused.err) == (1, "invoice-batches: Invoice batch 1 is not approved.\n")


def test_usage_errors(books: Cli) -> None:
    assert books("batch", "approve").code == 2
    assert books("batch", "notes", "1").code == 2
    assert books("batch", "unapprove", "x").code == 2
    missing = books("batch", "approve", "9")
    assert missing.code == 1
    assert "9" in missing.err


def test_paid_and_sent_in_batch_show(books: Cli, db: Database, tmp_path: Path) -> None:
    assert books("generate", "--close-date", "2026-11-15").code == 0
    # C001 owes 950.00 after its check of 5 Nov; it pays 400.00 after the close date.
    payments = tmp_path / "payments.csv"
    payments.write_text(
        "customer,type,number,invoice_date,due_date,amount,tax,description\n"
        "C001,payment,CHK-2,2026-11-20,2026-11-20,400.00,,\n",
        encoding="utf-8",
    )
    assert books("import", "transactions", str(payments)).code == 0
    with db.transaction() as s:
        s.add(
            StatementDelivery(
                batch_id=s.scalar(select(InvoiceBatch.id).where(InvoiceBatch.number == 1)),
                customer_id=s.scalar(select(Customer.id).where(Customer.number == "C001")),
                channel=Channel.PRINT,
                addresses="post",
                status=DeliveryStatus.SENT,
                at=dt.datetime(2026, 11, 16, 9, 30),
                sent_by="clerk",
                pdf=b"%PDF-1.4 test",
            )
        )
        billing.not_audited(s, "a delivery written by the test, as sending would")
    shown = books("batch", "show", "1", "--json").json()
    assert shown["status"] == {
        "approved": False,
        "locked": False,
        "delivery": "sent",
        "last_sent": "2026-11-16T09:30:00",
        "payment": "partly paid",
        "paid_amount": "400.00",
    }
    (c001,) = shown["customers"]
    assert (c001["paid_amount"], c001["delivery"], c001["sent"]) == ("400.00", "print", True)
