"""Customer search ignores case for every letter, and takes % and _ literally."""

from __future__ import annotations

from app import billing
from app.billing import CustomerQuery
from app.store import Database
from tests.factories import customer


def _found(db: Database, text: str) -> list[str]:
    with db.transaction() as s:
        return [c.number for c in billing.list_customers(s, CustomerQuery(text=text))]


def test_search_folds_letters_beyond_ascii(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "C001", name="Łódź Müller & Søn")
        customer(s, "C002", name="ÉCOLE ÖRNSKÖLDSVIK")
        customer(s, "C003", name="Acme")
    assert _found(db, "łódź") == ["C001"]
    assert _found(db, "MÜLLER") == ["C001"]
    assert _found(db, "école örnsköldsvik") == ["C002"]
    assert _found(db, "c00") == ["C001", "C002", "C003"]


def test_search_takes_wildcards_literally(db: Database) -> None:
    with db.transaction() as s:
        customer(s, "C001", name="100% Cotton")
        customer(s, "C002", name="1000 Things")
        customer(s, "C003", name="Under_score")
        customer(s, "C004", name="Under score")
    assert _found(db, "100%") == ["C001"]
    assert _found(db, "under_") == ["C003"]
