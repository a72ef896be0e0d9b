"""A column no index serves: `+column`, SQLite's own way of leaving an index out of a plan.

SQLite keeps no statistics here, so where a condition could be read through two indexes it
may take the one that reads far more rows; a unary plus on the other column leaves it one
choice. PostgreSQL reads `+column` as the same value and plans from its statistics as ever.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression


def unindexed(column: Any) -> Any:
    return UnaryExpression(column.expression, operator=operators.custom_op("+"), type_=column.type)
