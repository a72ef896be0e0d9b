"""Reading an export back as the accounting package would: CSV rows as dicts, IIF split on tabs."""

from __future__ import annotations

import csv
import io
from decimal import Decimal


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def iif_rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    return [line.split("\t") for line in text.removesuffix("\r\n").split("\r\n")]


def iif_transactions(rows: list[list[str]]) -> list[list[list[str]]]:
    """Each TRNS row with its SPL rows, up to its ENDTRNS."""
    found: list[list[list[str]]] = []
    for row in rows:
        if row[0] == "TRNS":
            found.append([row])
        elif row[0] == "SPL":
            found[-1].append(row)
        elif row[0] == "ENDTRNS":
            assert found
            assert found[-1][0][0] == "TRNS"
    return found


def total(rows: list[dict[str, str]], *columns: str) -> Decimal:
    return sum((Decimal(row[c]) for row in rows for c in columns), Decimal("0.00"))
