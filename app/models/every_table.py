"""The declarative base with every table declared on its metadata, as `from app.models import
Base` gives it: what the migrations' environment compares and what the tests empty."""

# Declaring a table's class is what puts the table on Base.metadata: every module of tables.
from app.models import (  # noqa: F401
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

__all__ = ["Base"]
