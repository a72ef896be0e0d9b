"""The tables, and nothing else.

Each name is imported from its module when first asked for (app/lazy_names.py), so a command
declares only the tables it reads. `Base` from here has every table on its metadata (what the
migrations compare and the tests empty); the tables' own modules use app.models.base's.
"""

from typing import TYPE_CHECKING

from app.lazy_names import import_when_asked

if TYPE_CHECKING:
    from app.models.audit import AuditEntry
    from app.models.base import CENT, Money, Percent, Quantity
    from app.models.batch import BatchKind, Counter, InvoiceBatch, OriginalPrint
    from app.models.contract import Billing, Contract, ContractPeriod, PeriodState
    from app.models.customer import Customer, Delivery
    from app.models.delivery import (
        BatchExport,
        Channel,
        DeliveryStatus,
        ExportFormat,
        StatementDelivery,
    )
    from app.models.every_table import Base
    from app.models.kept import KeptBatch, KeptFigures, StaleCustomer
    from app.models.line import InvoiceLine
    from app.models.setting import Setting
    from app.models.transaction import ARTransaction, MemoCategory, PaymentMethod, TransactionType
    from app.models.work import ServiceType, WorkEntry

import_when_asked(
    __name__,
    {
        "app.models.audit": "AuditEntry",
        "app.models.base": "CENT Money Percent Quantity",
        "app.models.batch": "BatchKind Counter InvoiceBatch OriginalPrint",
        "app.models.contract": "Billing Contract ContractPeriod PeriodState",
        "app.models.customer": "Customer Delivery",
        "app.models.delivery": (
            "BatchExport Channel DeliveryStatus ExportFormat StatementDelivery"
        ),
        "app.models.every_table": "Base",
        "app.models.kept": "KeptBatch KeptFigures StaleCustomer",
        "app.models.line": "InvoiceLine",
        "app.models.setting": "Setting",
        "app.models.transaction": "ARTransaction MemoCategory PaymentMethod TransactionType",
        "app.models.work": "ServiceType WorkEntry",
    },
)

__all__ = [
    "CENT",
    "ARTransaction",
    "AuditEntry",
    "Base",
    "BatchExport",
    "BatchKind",
    "Billing",
    "Channel",
    "Contract",
    "ContractPeriod",
    "Counter",
    "Customer",
    "Delivery",
    "DeliveryStatus",
    "ExportFormat",
    "InvoiceBatch",
    "InvoiceLine",
    "KeptBatch",
    "KeptFigures",
    "MemoCategory",
    "Money",
    "OriginalPrint",
    "PaymentMethod",
    "Percent",
    "PeriodState",
    "Quantity",
    "ServiceType",
    "Setting",
    "StaleCustomer",
    "StatementDelivery",
    "TransactionType",
    "WorkEntry",
]
