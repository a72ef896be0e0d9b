"""What every CSV cell of an export goes through: spreadsheet formula injection defused (R18),
and the date and amount styles the formats share."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence

# A spreadsheet takes a cell beginning with one of these as a formula (R18).
FORMULA_STARTS = frozenset("=+-@\t\r")


def defused(text: str) -> str:
    """The text with a leading `'` when a spreadsheet would read it as a formula."""
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def date_style(pattern: str) -> Callable[[dt.date | None], str]:
    """A date formatter for one format's style; each date is formatted once per export."""
    seen: dict[dt.date | None, str] = {None: ""}

    def styled(day: dt.date | None) -> str:
        text = seen.get(day)
        if text is None:
            text = seen[day] = day.strftime(pattern)  # type: ignore[union-attr]
        return text

    return styled


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 CSV with a header row and CRLF line ends, as spreadsheets and importers read it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
