"""Every CSV import by the name the command line and the File menu give it (DESIGN.md §6).

Each import's module is imported when it runs: the command line lists these names for every
command it parses, and those modules import most of the rules of customers, transactions,
work and contracts, which `batches --json` or the window's start never need.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.billing.imports import ImportResult

Importer = Callable[["Session", Path], "ImportResult"]


def _customers(session: Session, path: Path) -> ImportResult:
    from app.billing.imports import import_customers

    return import_customers(session, path)


def _transactions(session: Session, path: Path) -> ImportResult:
    from app.billing.imports import import_transactions

    return import_transactions(session, path)


def _service_types(session: Session, path: Path) -> ImportResult:
    from app.billing.work_imports import import_service_types

    return import_service_types(session, path)


def _work(session: Session, path: Path) -> ImportResult:
    from app.billing.work_imports import import_work

    return import_work(session, path)


def _contracts(session: Session, path: Path) -> ImportResult:
    from app.billing.contract_imports import import_contracts

    return import_contracts(session, path)


IMPORTERS: dict[str, Importer] = {
    "customers": _customers,
    "transactions": _transactions,
    "service-types": _service_types,
    "work": _work,
    "contracts": _contracts,
}
