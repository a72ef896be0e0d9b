"""The tables, and nothing else."""

from app.models.audit import AuditEntry
from app.models.base import CENT, Base, Money
from app.models.batch import BatchKind, Counter, InvoiceBatch, OriginalPrint
from app.models.customer import Customer
from app.models.setting import Setting
from app.models.transaction import ARTransaction, TransactionType

__all__ = [
    "CENT",
    "ARTransaction",
    "AuditEntry",
    "Base",
    "BatchKind",
    "Counter",
    "Customer",
    "InvoiceBatch",
    "Money",
    "OriginalPrint",
    "Setting",
    "TransactionType",
]
