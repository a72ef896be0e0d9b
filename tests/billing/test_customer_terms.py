"""A customer's own tax rate, terms, statement delivery and tags (DESIGN.md §2, v2): checked by
billing with the sentence the form shows at the field, kept exactly, and changed on update."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app import billing
from app.billing import AuditQuery, CustomerDraft, Delivery, InvalidInput
from app.billing.customers import check_customer
from app.store import Database

RATE = "Tax rate must be a percentage from 0 to 100 with at most four decimals, or empty"
TERMS = "Terms must be a number of days from 0 to 3650, or empty"


def _sentences(draft: CustomerDraft) -> list[tuple[str, str]]:
    return [(p.field, p.sentence) for p in check_customer(draft)]


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"tax_rate": Decimal("-0.0001")}, ("tax_rate", RATE)),
        ({"tax_rate": Decimal("100.0001")}, ("tax_rate", RATE)),
        ({"tax_rate": Decimal("8.12345")}, ("tax_rate", RATE)),
        ({"terms_days": -1}, ("terms_days", TERMS)),
        ({"terms_days": 3651}, ("terms_days", TERMS)),
        ({"tags": "a;" + "b" * 41},
         ("tags", f"Tags has a tag longer than 40 characters: '{'b' * 41}'")),
    ],
)  # fmt: skip
def test_a_bad_value_is_named_in_the_forms_words(
    values: dict[str, object], problem: tuple[str, str]
) -> None:
    draft = CustomerDraft(number="C1", name="Ann", **values)  # type: ignore[arg-type]
    assert _sentences(draft) == [problem]


@pytest.mark.parametrize(
    "values",
    [
        {"tax_rate": Decimal(0), "terms_days": 0},
        {"tax_rate": Decimal(100), "terms_days": 3650},
        {"tax_rate": Decimal("8.2500"), "delivery": Delivery.BOTH, "tags": "b" * 40},
    ],
)
def test_the_edges_are_accepted(values: dict[str, object]) -> None:
    assert _sentences(CustomerDraft(number="C1", name="Ann", **values)) == []  # type: ignore[arg-type]


def test_created_and_updated_values_are_kept_exactly(db: Database) -> None:
    draft = CustomerDraft(
        number="C1",
        name="Ann",
        cutoff_day=15,
        tax_rate=Decimal("8.25"),
        terms_days=45,
        delivery=Delivery.EMAIL,
        tags=" retail ;North;north; ",
        address1="1 Main St",
        city="Springfield",
    )
    with db.transaction() as session:
        created = billing.create_customer(session, draft)
    assert (created.tax_rate, created.terms_days, created.delivery, created.tags) == (
        Decimal("8.25"),
        45,
        Delivery.EMAIL,
        "retail;North",
    )
    exempt = CustomerDraft(
        number="C1",
        name="Ann",
        cutoff_day=15,
        tax_rate=Decimal(0),
        delivery=Delivery.BOTH,
        address1="1 Main St",
        city="Springfield",
    )
    with db.transaction() as session:
        billing.update_customer(session, created.id, exempt)
    with db.transaction() as session:
        stored = billing.get_customer(session, created.id)
        trail = billing.list_audit(session, AuditQuery())
    assert (stored.tax_rate, stored.terms_days, stored.delivery, stored.tags) == (
        Decimal(0),
        None,
        Delivery.BOTH,
        "",
    )
    assert trail[-1].detail == "tax_rate, terms_days, delivery, tags"


def test_a_refused_update_changes_nothing(db: Database) -> None:
    with db.transaction() as session:
        created = billing.create_customer(
            session, CustomerDraft(number="C1", name="Ann", terms_days=30)
        )
    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        billing.update_customer(
            session, created.id, CustomerDraft(number="C1", name="Ann", terms_days=4000)
        )
    assert [p.field for p in refused.value.problems] == ["terms_days"]
    with db.transaction() as session:
        assert billing.get_customer(session, created.id).terms_days == 30


def test_a_customer_may_have_several_email_addresses(db: Database) -> None:
    with db.transaction() as session:
        made = billing.create_customer(
            session, CustomerDraft("M1", "Several", email="ap@a.example; ceo@a.example")
        )
    assert made.email == "ap@a.example; ceo@a.example"
    with pytest.raises(billing.InvalidInput) as refused, db.transaction() as session:
        billing.create_customer(
            session, CustomerDraft("M2", "Bad", email="ap@a.example;not an address")
        )
    assert [str(p) for p in refused.value.problems] == [
        "email: 'not an address' is not an email address"
    ]
