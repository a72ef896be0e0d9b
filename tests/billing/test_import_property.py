"""R11 as a property: any file is imported whole with every value intact, or refused with a
line and a field, and the database is left as it was."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from app import billing
from app.billing import InvalidInput
from app.billing.imports import CUSTOMER_COLUMNS, TRANSACTION_COLUMNS
from app.models import ARTransaction, Customer
from app.store import Database
from tests.billing.helpers import count
from tests.factories import customer

# Any text at all, and text that fits on one line: the second makes most files importable, so
# the values are checked too, not only the refusals.
TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
LINE = st.text(st.characters(codec="utf-8", exclude_characters="\x00\n\r"), max_size=12)


def mostly(
    good: st.SearchStrategy[str], *hostile: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    """`good` about nineteen times in twenty, else anything (one_of alone would pick evenly)."""
    anything = st.one_of(TEXT, *hostile)
    return st.integers(0, 19).flatmap(lambda pick: good if pick else anything)


NUMBER = st.text("ABCXYZ0123456789-", min_size=4, max_size=8)
CUSTOMER_ROW = st.fixed_dictionaries(
    {
        "number": mostly(NUMBER),
        "name": mostly(LINE.filter(str.strip)),
        **{
            column: mostly(LINE)
            for column in ("address1", "address2", "city", "region", "postal_code", "country")
        },
        "email": mostly(st.sampled_from(["", "ap@example.com"])),
        "phone": mostly(LINE),
        "cutoff_day": mostly(
            st.one_of(st.just(""), st.integers(1, 31).map(str)),
            st.integers(-1, 99).map(str),
            st.sampled_from(["1_0", "١٠", "1e1", "2147483648"]),
        ),
    }
)
AMOUNT = mostly(
    st.decimals("0.01", "999999999.99", places=2).map(str),
    st.integers(-5, 10**31).map(str),
    st.floats().map(str),
    st.sampled_from(["1e30", "1e3", "1_000", "١٢٣", "9" * 29, "1.000", " 5 ", "+5"]),
)


@st.composite
def transaction_row(draw: st.DrawFn) -> dict[str, str]:
    invoice_date = draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)))
    due_date = invoice_date + dt.timedelta(days=draw(st.integers(-3, 60)))
    return {
        "customer": draw(st.sampled_from(["C001", "C002", "C001", "C002", ""])),
        "type": draw(st.sampled_from(["invoice", "credit_memo", "debit_memo", "payment", "bill"])),
        "number": draw(mostly(NUMBER)),
        "invoice_date": draw(mostly(st.just(str(invoice_date)), st.just(f"{invoice_date:%Y%m%d}"))),
        "due_date": draw(mostly(st.just(str(due_date)))),
        "amount": draw(AMOUNT),
        "tax": draw(mostly(st.just(""), AMOUNT)),
        "description": draw(mostly(LINE)),
    }


EXAMPLES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _written(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _import(db: Database, importer: str, path: Path) -> InvalidInput | None:
    """Import; on a refusal check that every problem says where, and that nothing changed."""
    with db.transaction() as s:
        before = (count(s, Customer), count(s, ARTransaction))
    refused = None
    try:
        with db.transaction() as s:
            getattr(billing, importer)(s, path)
    except InvalidInput as error:
        refused = error
    if refused is not None:
        assert refused.problems
        assert all(p.reason and (p.line is not None or p.field == "file") for p in refused.problems)
        with db.transaction() as s:
            assert (count(s, Customer), count(s, ARTransaction)) == before
    return refused


@EXAMPLES
@given(rows=st.lists(CUSTOMER_ROW, min_size=1, max_size=4))
def test_customers_are_imported_intact_or_refused_where(
    db: Database, tmp_path: Path, rows: list[dict[str, str]]
) -> None:
    path = _written(tmp_path / "customers.csv", CUSTOMER_COLUMNS, rows)
    refused = _import(db, "import_customers", path)
    event("refused" if refused else "imported")
    if refused:
        return
    with db.transaction() as s:
        stored = {c.number: c for c in billing.list_customers(s)}
        billing.not_audited(s, "emptied for the next example")
        s.execute(delete(Customer))
    assert len(stored) == len(rows)
    for row in rows:
        saved = stored[row["number"].strip()]
        for column in CUSTOMER_COLUMNS:
            value = getattr(saved, column)
            expected = row[column].strip()
            assert (str(value) if value is not None else "") == expected, column


@EXAMPLES
@given(rows=st.lists(transaction_row(), min_size=1, max_size=4))
def test_transactions_are_imported_intact_or_refused_where(
    db: Database, tmp_path: Path, rows: list[dict[str, str]]
) -> None:
    with db.transaction() as s:
        if not count(s, Customer):
            customer(s, "C001")
            customer(s, "C002")
    path = _written(tmp_path / "transactions.csv", TRANSACTION_COLUMNS, rows)
    refused = _import(db, "import_transactions", path)
    event("refused" if refused else "imported")
    if refused:
        return
    with db.transaction() as s:
        stored = [
            (t.customer_number, t.type.value, t.number, str(t.invoice_date), str(t.due_date),
             f"{t.amount:.2f}", f"{t.tax:.2f}", t.description)
            for t in billing.list_transactions(s)
        ]  # fmt: skip
        billing.not_audited(s, "emptied for the next example")
        s.execute(delete(ARTransaction))
    expected = [
        (
            r["customer"],
            r["type"],
            r["number"].strip(),
            r["invoice_date"].strip(),
            r["due_date"].strip(),
            f"{billing.parse_amount(r['amount']):.2f}",
            f"{billing.parse_amount(r['tax'].strip() or '0'):.2f}",
            r["description"].strip(),
        )
        for r in rows
    ]
    assert sorted(stored) == sorted(expected)
