"""Every CSV import by the name the command line and the File menu give it (DESIGN.md §6)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from app.billing.contract_imports import import_contracts
from app.billing.imports import ImportResult, import_customers, import_transactions
from app.billing.work_imports import import_service_types, import_work

Importer = Callable[[Session, Path], ImportResult]
IMPORTERS: dict[str, Importer] = {
    "customers": import_customers,
    "transactions": import_transactions,
    "service-types": import_service_types,
    "work": import_work,
    "contracts": import_contracts,
}
