"""The report is a pure function of its input: statement and settings in, the same bytes out."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app import billing
from app.reports import render_batch_report
from app.store import Database
from tests.reports.scenario import two_batches


def test_same_input_same_bytes(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        number = two_batches(session)
    with sqlite_db.read() as session:
        statement = billing.statement_of(session, number)
        settings = billing.load_settings(session)
    day = dt.date(2026, 11, 16)
    once = render_batch_report(statement, settings, reprint=False, printed_on=day)
    twice = render_batch_report(statement, settings, reprint=False, printed_on=day)
    assert once == twice
    renamed = dataclasses.replace(settings, company_name="Another Name")
    assert render_batch_report(statement, renamed, reprint=False, printed_on=day) != once
