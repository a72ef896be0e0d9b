"""A batch to send (R13): customers by email (one with two addresses), by post, by both, and
one set to email without an address; and the company's mail settings for a test server."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session

from app import billing
from app.billing import GenerationRequest
from app.models import Customer, Delivery
from tests.factories import customer, transaction

CLOSE = dt.date(2026, 11, 15)
NAMES = {
    "C001": "Łódź Müller & Søn",
    "C002": "Acme Hardware Supply",
    "C003": "Ørsted Café Ζωή",
    "C004": "Brightside Bakery",
    "C005": "Delta Dental Group",
}
ADDRESSES = {
    "C001": ("anna@lodz.example", "biuro@lodz.example"),
    "C002": ("ap@acme.example",),
    "C005": ("office@delta.example",),
}
AMOUNTS = {"C001": "1100.00", "C002": "220.00", "C003": "106.99", "C004": "55.00", "C005": "330.00"}
DELIVERY = {
    "C001": Delivery.EMAIL,
    "C002": Delivery.EMAIL,
    "C003": Delivery.PRINT,
    "C004": Delivery.EMAIL,
    "C005": Delivery.BOTH,
}


def mail_settings(session: Session, port: int, security: str = "none") -> None:
    for key, value in (
        ("company_name", "Nordlicht Bürobedarf GmbH"),
        ("address1", "Große Straße 5"),
        ("city_line", "20095 Hamburg"),
        ("smtp_host", "127.0.0.1"),
        ("smtp_port", str(port)),
        ("smtp_security", security),
        ("mail_from", "billing@nordlicht.example"),
        ("mail_subject", "Statement {statement_date}, customer {customer_number}"),
        ("mail_body", "Dear {customer_name},\nthe amount due is {amount_due}.\n{company_name}"),
    ):
        billing.set_setting(session, key, value)


def sending_batch(session: Session, port: int) -> int:
    """The batch of 15 Nov 2026 with C001-C005; returns its number."""
    mail_settings(session, port)
    for number, name in NAMES.items():
        customer(session, number, 15, name=name, delivery=DELIVERY[number])
        transaction(session, number, "invoice", f"INV-{number}", "2026-11-02", AMOUNTS[number])
    # Several addresses separated by ';' (DESIGN §2), written as the customer keeps them.
    for number, addresses in ADDRESSES.items():
        session.execute(
            update(Customer).where(Customer.number == number).values(email="; ".join(addresses))
        )
    return billing.generate_batch(session, GenerationRequest(CLOSE)).number
