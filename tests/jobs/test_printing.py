"""R9 through the print job: first print, reprints marked on every page, the kept original."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from app import billing
from app.jobs.printing import preview, print_report
from app.store import Database
from tests.factories import transaction
from tests.reports.pdf_reading import page_count, page_lines, page_runs, texts
from tests.reports.printing import print_batch
from tests.reports.scenario import company, customers, move_payment, two_batches

BAND = "Previous balance Payments Balance carried New invoices Charges Tax Amount due"


def _reprint_marks(pdf: bytes) -> list[int]:
    return [texts(runs).count("Reprint") for runs in page_runs(pdf)]


def _first_band(pdf: bytes) -> str:
    first = page_lines(page_runs(pdf)[1])
    return first[first.index(BAND) + 2]


def test_first_print_marks_the_batch_and_keeps_its_bytes(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    first = print_batch(db, number)
    assert not first.report.reprint
    assert first.report.pdf == first.delivered
    assert _reprint_marks(first.delivered) == [0, 0, 0, 0]
    with db.transaction() as session:
        record = billing.batch_row(session, number)
        assert record.printed
        assert record.print_count == 1
        assert billing.original_print(session, number) == first.delivered


def test_reprint_says_reprint_on_every_page(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    with mock.patch("app.billing.printing.now", return_value=dt.datetime(2026, 11, 16, 9, 30)):
        first = print_batch(db, number)
    again = print_batch(db, number)
    assert again.report.reprint
    assert again.report.pages == page_count(again.delivered) == 4
    assert _reprint_marks(again.delivered) == [1, 1, 1, 1]
    control = " ".join(page_lines(again.pages[0]))
    assert (
        "Print Reprint, recalculated from the data as it is now "
        "(first printed 2026-11-16 09:30; printed once before)"
    ) in control
    with db.transaction() as session:
        assert billing.batch_row(session, number).print_count == 2
        assert billing.original_print(session, number) == first.delivered


def test_an_opening_batch_prints_only_as_a_reprint(db: Database) -> None:
    with db.transaction() as session:
        company(session)
        customers(session)
        transaction(session, "C001", "invoice", "OLD-1", "2026-08-20", "80.00")
    opened = dt.datetime(2026, 9, 1, 8, 0)
    with (
        mock.patch("app.billing.generation.now", return_value=opened),
        db.transaction() as session,
    ):
        number = billing.create_opening_batch(session, dt.date(2026, 8, 31)).number
    printout = print_batch(db, number)
    assert printout.report.reprint
    assert _reprint_marks(printout.delivered) == [1, 1]
    control = " ".join(page_lines(printout.pages[0]))
    assert "Kind Opening" in control
    assert "(marked printed 2026-09-01 without a print)" in control
    with db.transaction() as session, pytest.raises(billing.NotFound, match="never printed"):
        billing.original_print(session, number)


def test_original_bytes_stay_when_a_payment_date_moves(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    first = print_batch(db, number)
    assert _first_band(first.delivered) == "390.00 300.00 90.00 950.00 12.50 100.00 1,152.50"
    with db.transaction() as session:
        move_payment(session, "CHK-1", dt.date(2026, 11, 20))  # now after the close date
    reprint = print_batch(db, number)
    assert _first_band(reprint.delivered) == "390.00 0.00 390.00 950.00 12.50 100.00 1,452.50"
    with db.transaction() as session:
        kept = billing.original_print(session, number)
    assert kept == first.delivered
    assert _first_band(kept) == "390.00 300.00 90.00 950.00 12.50 100.00 1,152.50"


def test_a_failed_delivery_records_nothing(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)

    def refuse(pdf: bytes) -> None:
        raise OSError("the printer is offline")

    with pytest.raises(OSError, match="offline"):
        print_report(db, number, refuse)
    with db.transaction() as session:
        assert not billing.batch_row(session, number).printed
        with pytest.raises(billing.NotFound, match="has not been printed yet"):
            billing.original_print(session, number)
    assert not print_batch(db, number).report.reprint


def test_preview_marks_nothing_and_follows_the_print_state(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    unprinted = preview(db, number)
    with db.read() as session:
        assert billing.batch_row(session, number).print_count == 0
    assert _reprint_marks(unprinted) == [0, 0, 0, 0]
    print_batch(db, number)
    printed = preview(db, number)
    with db.read() as session:
        assert billing.batch_row(session, number).print_count == 1
    assert _reprint_marks(printed) == [1, 1, 1, 1]
