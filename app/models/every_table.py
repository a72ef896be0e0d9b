"""The declarative base with every table declared on its metadata, as `from app.models import
Base` gives it: what the migrations' environment compares and what the tests empty."""

from app.models import (
    audit,
    batch,
    contract,
    customer,
    delivery,
    kept,
    line,
    setting,
    transaction,
    work,
)
from app.models.base import Base

# Declaring a table's class is what puts the table on Base.metadata: every module of tables.
MODULES_OF_TABLES = (
    audit,
    batch,
    contract,
    customer,
    delivery,
    kept,
    line,
    setting,
    transaction,
    work,
)

__all__ = ["MODULES_OF_TABLES", "Base"]
