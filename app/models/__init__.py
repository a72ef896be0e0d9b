"""The tables, and nothing else."""

from app.models.audit import AuditEntry
from app.models.base import CENT, Base, Money, Percent, Quantity
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
from app.models.kept import KeptBatch, KeptFigures, StaleCustomer
from app.models.line import InvoiceLine
from app.models.setting import Setting
from app.models.transaction import ARTransaction, MemoCategory, PaymentMethod, TransactionType
from app.models.work import ServiceType, WorkEntry

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
