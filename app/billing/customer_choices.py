"""The customers a chooser offers: each one's number and name, in number order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Customer


@dataclass(frozen=True)
class CustomerChoice:
    number: str
    name: str


def customer_choices(session: Session) -> list[CustomerChoice]:
    """Every customer, as a chooser names them. Two columns, not whole records: ten thousand
    customers read as records take a second of the reading thread's Python, which the window's
    thread waits on meanwhile."""
    rows = session.execute(select(Customer.number, Customer.name).order_by(Customer.number))
    return [CustomerChoice(number, name) for number, name in rows]
