"""A customer's own tax rate and terms, or the company's where the customer has none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.billing.settings import CompanySettings
from app.models import Customer


def tax_rate_for(customer: Customer, settings: CompanySettings) -> Decimal:
    return settings.tax_rate if customer.tax_rate is None else customer.tax_rate


def due_date_for(customer: Customer, settings: CompanySettings, invoice_date: dt.date) -> dt.date:
    """The invoice date plus the customer's terms in days."""
    terms = settings.terms_days if customer.terms_days is None else customer.terms_days
    return invoice_date + dt.timedelta(days=terms)
