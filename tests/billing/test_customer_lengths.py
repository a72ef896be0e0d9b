"""Every customer text field longer than its column is refused by name, on both databases
(PostgreSQL would otherwise fail the insert with a database error)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import billing
from app.billing import CustomerDraft, InvalidInput
from app.billing.imports import CUSTOMER_COLUMNS
from app.store import Database

LENGTHS = {
    "number": 20,
    "name": 120,
    "address1": 120,
    "address2": 120,
    "city": 80,
    "region": 80,
    "postal_code": 20,
    "country": 80,
    "phone": 40,
}


def _draft(field: str, value: str) -> CustomerDraft:
    values: dict[str, Any] = {"number": "C1", "name": "Ann", field: value}
    return CustomerDraft(**values)


@pytest.mark.parametrize(("field", "length"), LENGTHS.items())
def test_a_field_longer_than_its_column_is_refused(db: Database, field: str, length: int) -> None:
    draft = _draft(field, "x" * (length + 1))
    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        billing.create_customer(session, draft)
    assert [(p.field, p.reason) for p in refused.value.problems] == [
        (field, f"is longer than {length} characters")
    ]
    at_limit = _draft(field, "x" * length)
    with db.transaction() as session:
        billing.create_customer(session, at_limit)
        assert billing.count_customers(session) == 1


def test_an_import_names_the_long_field_and_its_line(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    rows = [
        ",".join(CUSTOMER_COLUMNS),
        "C1,Ann,1 Main St,,Springfield,,,,,,15",
        f"C2,Bob,2 Main St,,{'y' * 81},,,,,,15",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        billing.import_customers(session, path)
    assert str(refused.value) == "line 3, city: is longer than 80 characters"
    with db.transaction() as session:
        assert billing.count_customers(session) == 0
