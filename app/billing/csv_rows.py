"""Reading an import file's rows strictly: every broken row is named by its line, none is guessed.

Python's csv module forgives too much for money: a quote that is never closed, or one inside
a field (`"Widgets, 12" pack`), silently swallows the following rows into one field. Here a
field may not span lines, so a stray quote is refused on the line it stands on. Bytes are
decoded line by line, so a file that is not UTF-8 is refused at the line that is not.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.billing.errors import FieldProblem, InvalidInput


@dataclass(frozen=True)
class FileRow:
    """One row below the header: its line, {column: stripped text}, and what is wrong with it."""

    line: int
    values: dict[str, str]
    problems: tuple[FieldProblem, ...] = ()


def _decoded_lines(handle: BinaryIO) -> Iterator[tuple[int, str]]:
    for line, raw in enumerate(handle, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            reason = f"is not UTF-8 text (byte {error.start + 1} of this line)"
            raise InvalidInput([FieldProblem("file", reason, line)]) from None
        yield line, text.removeprefix("\ufeff") if line == 1 else text


def _fields(line: int, text: str) -> list[str]:
    """One line as its fields; a quote out of place, or never closed on the line, is refused."""
    try:
        return next(csv.reader([text], strict=True))
    except csv.Error:
        reason = (
            "has a quote that is not closed on this line, or one inside a quoted field "
            '(write "" for a quote within quotes)'
        )
        raise InvalidInput([FieldProblem("row", reason, line)]) from None


def _check_header(
    line: int, header: list[str], columns: Sequence[str], optional: Sequence[str]
) -> None:
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns and c not in optional]
    if missing or extra:
        problems = [FieldProblem(c, "column is missing from the header", line) for c in missing]
        problems += [FieldProblem(c, "is not a known column", line) for c in extra]
        raise InvalidInput(problems)


def _row(line: int, header: list[str], fields: list[str]) -> FileRow:
    if len(fields) > len(header):
        problem = FieldProblem("row", "has more values than the header has columns", line)
        return FileRow(line, {}, (problem,))
    values = {name: value.strip() for name, value in zip(header, fields, strict=False)}
    values |= dict.fromkeys(header[len(fields) :], "")
    problems = tuple(
        FieldProblem(name, "contains a NUL character", line)
        for name, value in values.items()
        if "\x00" in value
    )
    return FileRow(line, values, problems)


def read_rows(
    path: Path, columns: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[FileRow]:
    """Each non-blank row below the header; a file that cannot be read is refused whole,
    with the line where reading failed. Every one of `columns` must be in the header; an
    `optional` column may be left out of it, and then reads as empty on every row."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InvalidInput([FieldProblem("file", f"cannot be read: {error.strerror}")]) from None
    with handle:
        lines = ((n, text) for n, text in _decoded_lines(handle) if text.strip("\r\n"))
        first = next(lines, None)
        if first is None:
            raise InvalidInput([FieldProblem("file", "is empty; it needs a header row")])
        header = [name.strip() for name in _fields(*first)]
        _check_header(first[0], header, columns, optional)
        absent = dict.fromkeys((c for c in optional if c not in header), "")
        for line, text in lines:
            row = _row(line, header, _fields(line, text))
            yield FileRow(row.line, row.values | absent, row.problems) if absent else row
