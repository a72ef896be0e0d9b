"""Billing gives the whole sentence a form shows at a field; no window assembles it."""

from __future__ import annotations

import pytest

from app.billing import CustomerDraft, FieldProblem
from app.billing.customers import check_customer


@pytest.mark.parametrize(
    ("problem", "sentence"),
    [
        (FieldProblem("name", "is required"), "Name is required"),
        (FieldProblem("cutoff_day", "must be a day from 1 to 31, or empty"),
         "Cutoff day must be a day from 1 to 31, or empty"),
        (FieldProblem("address1", "is longer than 120 characters", 7),
         "Address line 1 is longer than 120 characters"),
        (FieldProblem("customer", "there is no customer C9"), "There is no customer C9"),
        (FieldProblem("email", "'x' is not an email address"), "'x' is not an email address"),
    ],
)  # fmt: skip
def test_a_problem_reads_as_a_sentence(problem: FieldProblem, sentence: str) -> None:
    assert problem.sentence == sentence


def test_a_customer_with_a_cutoff_day_needs_what_the_envelope_shows() -> None:
    mailed = CustomerDraft(number="C1", name="Ann", cutoff_day=15)
    assert [p.sentence for p in check_customer(mailed)] == [
        "Address line 1 is required for a customer with a cutoff day: the envelope window shows it",
        "A customer with a cutoff day needs a city or a postal code for the envelope",
    ]
    assert (
        check_customer(CustomerDraft("C1", "Ann", "1 Main St", postal_code="0150", cutoff_day=1))
        == []
    )
    assert check_customer(CustomerDraft(number="C1", name="Ann")) == []  # not mailed: no cutoff day
