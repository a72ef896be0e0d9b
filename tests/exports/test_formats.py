"""R18's four formats read back with exact figures, on both engines: one row per line, totals
adding up to the batch's Invoiced + Charges + Taxes, IIF transactions balancing to zero,
credit memos where each format wants them, each format's date style, names intact, formula
injection defused, and byte-for-byte golden files."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from app import billing
from app.billing.exports import ExportData, export_data
from app.exports import render
from app.models import ExportFormat
from app.store import Database
from tests.exports.reading import csv_rows, iif_rows, iif_transactions, total
from tests.exports.scenario import FORMULA, POLISH, small_batch

GOLDEN = Path(__file__).parent / "golden"
DEFUSED_FORMULA = "'" + FORMULA


@pytest.fixture
def exported(db: Database) -> tuple[ExportData, Decimal]:
    """The small batch as an export reads it, and its Invoiced + Charges + Taxes."""
    with db.transaction() as session:
        number = small_batch(session)
    with db.read() as session:
        figures = billing.batch_row(session, number).totals
        return export_data(session, number), figures.invoiced + figures.charges + figures.taxes


def test_plain_csv_has_one_signed_row_per_line(exported: tuple[ExportData, Decimal]) -> None:
    data, batch_total = exported
    rendered = render(data, ExportFormat.CSV)
    assert rendered.credit_memos is None
    rows = csv_rows(rendered.data)
    assert [(r["number"], r["line"], r["amount"], r["tax"], r["total"]) for r in rows] == [
        ("INV-1001", "1", "100.00", "10.00", "110.00"),
        ("INV-1001", "2", "25.00", "0.00", "25.00"),
        ("CM-17", "1", "-20.00", "-2.00", "-22.00"),
        ("INV-1002", "1", "37.50", "3.00", "40.50"),
        ("DM-5", "1", "15.00", "0.00", "15.00"),
    ]
    assert batch_total == Decimal("168.50")
    assert total(rows, "total") == total(rows, "amount", "tax") == batch_total
    first, memo = rows[0], rows[2]
    assert (first["batch"], first["customer"], first["customer_name"]) == ("1", "C001", POLISH)
    assert (first["invoice_date"], first["due_date"]) == ("2026-11-03", "2026-12-03")
    assert (first["quantity"], first["rate"], first["type"], first["category"]) == (
        "2.00", "50.00", "invoice", "",
    )  # fmt: skip
    assert (memo["type"], memo["category"], memo["description"]) == (
        "credit_memo", "return", "'@Returned parts",
    )  # fmt: skip
    assert rows[1]["description"] == "'-Parts"
    assert rows[3]["customer_name"] == DEFUSED_FORMULA
    assert rows[3]["description"] == "'+Cables\tblue"


def test_iif_transactions_balance_to_zero(exported: tuple[ExportData, Decimal]) -> None:
    data, batch_total = exported
    rendered = render(data, ExportFormat.IIF)
    assert rendered.credit_memos is None
    rows = iif_rows(rendered.data)
    assert [row[0] for row in rows[:3]] == ["!TRNS", "!SPL", "!ENDTRNS"]
    transactions = iif_transactions(rows)
    assert [(t[0][1], t[0][6], t[0][5]) for t in transactions] == [
        ("INVOICE", "INV-1001", "135.00"),
        ("CREDIT MEMO", "CM-17", "-22.00"),
        ("INVOICE", "INV-1002", "40.50"),
        ("INVOICE", "DM-5", "15.00"),
    ]
    for trns in transactions:
        assert sum(Decimal(row[5]) for row in trns) == 0, trns[0]
        assert trns[0][3] == "Accounts Receivable"
    assert sum(Decimal(t[0][5]) for t in transactions) == batch_total
    invoice = transactions[0]
    assert [(r[3], r[5], r[8], r[9], r[10]) for r in invoice[1:]] == [
        ("Sales", "-100.00", "-2.00", "50.00", "Y"),
        ("Sales", "-25.00", "-1.00", "25.00", "N"),
        ("Sales Tax Payable", "-10.00", "", "", "N"),
    ]
    assert [(r[3], r[5]) for r in transactions[1][1:]] == [
        ("Sales", "20.00"),
        ("Sales Tax Payable", "2.00"),
    ]
    assert (invoice[0][2], invoice[0][8], invoice[0][4]) == ("11/03/2026", "12/03/2026", POLISH)
    # A tab inside a text would split its row: it becomes a space.
    assert transactions[2][1][7] == "+Cables blue"
    assert all(len(row) == (9 if row[0] == "TRNS" else 11) for t in transactions for row in t)


def test_iif_uses_the_accounts_in_the_settings(db: Database) -> None:
    with db.transaction() as session:
        number = small_batch(session)
        billing.set_setting(session, "ar_account", "Debiteuren")
        billing.set_setting(session, "income_account", "Omzet")
        billing.set_setting(session, "tax_account", "BTW")
    with db.read() as session:
        rows = iif_rows(render(export_data(session, number), ExportFormat.IIF).data)
    assert {row[3] for row in rows if row[0] in ("TRNS", "SPL")} == {"Debiteuren", "Omzet", "BTW"}


@pytest.mark.parametrize(
    ("format", "amount", "tax", "date", "due", "first_dates"),
    [
        (ExportFormat.QBO, "*ItemAmount", "ItemTaxAmount", "*InvoiceDate", "*DueDate",
         ("11/03/2026", "12/03/2026")),
        (ExportFormat.XERO, None, "TaxAmount", "*InvoiceDate", "*DueDate",
         ("03/11/2026", "03/12/2026")),
    ],
)  # fmt: skip
def test_vendor_templates_put_credit_memos_in_a_companion_file(
    exported: tuple[ExportData, Decimal],
    format: ExportFormat,
    amount: str | None,
    tax: str,
    date: str,
    due: str,
    first_dates: tuple[str, str],
) -> None:
    data, batch_total = exported
    rendered = render(data, format)
    assert rendered.credit_memos is not None
    invoices, credits = csv_rows(rendered.data), csv_rows(rendered.credit_memos)
    number = "*InvoiceNo" if format == ExportFormat.QBO else "*InvoiceNumber"
    credit_number = "*CreditMemoNo" if format == ExportFormat.QBO else "*CreditNoteNumber"
    assert [row[number] for row in invoices] == ["INV-1001", "INV-1001", "INV-1002", "DM-5"]
    assert [row[credit_number] for row in credits] == ["CM-17"]

    def net(row: dict[str, str]) -> Decimal:
        if amount is not None:
            return Decimal(row[amount])
        return Decimal(row["*Quantity"]) * Decimal(row["*UnitAmount"])

    def gross(rows: list[dict[str, str]]) -> Decimal:
        return sum((net(row) + Decimal(row[tax]) for row in rows), Decimal("0.00"))

    assert [net(row) for row in invoices] == [Decimal(a) for a in ("100", "25", "37.5", "15")]
    assert gross(invoices) - gross(credits) == batch_total
    assert (invoices[0][date], invoices[0][due]) == first_dates
    customer = "*Customer" if format == ExportFormat.QBO else "*ContactName"
    assert invoices[0][customer] == credits[0][customer] == POLISH
    assert invoices[2][customer] == DEFUSED_FORMULA
    description = "ItemDescription" if format == ExportFormat.QBO else "*Description"
    assert invoices[1][description] == "'-Parts"
    assert credits[0][description] == "'@Returned parts"


def test_no_companion_file_without_credit_memos(db: Database) -> None:
    with db.transaction() as session:
        number = small_batch(session)
        billing.remove_transactions(session, number, ["CM-17"])
    with db.read() as session:
        data = export_data(session, number)
    for format in ExportFormat:
        assert render(data, format).credit_memos is None


FILES = {
    ExportFormat.CSV: ("small.csv", None),
    ExportFormat.IIF: ("small.iif", None),
    ExportFormat.QBO: ("small-qbo.csv", "small-qbo-credit-memos.csv"),
    ExportFormat.XERO: ("small-xero.csv", "small-xero-credit-memos.csv"),
}


@pytest.mark.parametrize("format", list(ExportFormat))
def test_golden_files(exported: tuple[ExportData, Decimal], format: ExportFormat) -> None:
    rendered = render(exported[0], format)
    main, companion = FILES[format]
    if os.environ.get("UPDATE_GOLDEN"):  # regenerate on purpose, then review the diff
        (GOLDEN / main).write_bytes(rendered.data)
        if companion and rendered.credit_memos:
            (GOLDEN / companion).write_bytes(rendered.credit_memos)
    assert rendered.data == (GOLDEN / main).read_bytes()
    assert POLISH.encode("utf-8") in rendered.data
    if companion:
        assert rendered.credit_memos == (GOLDEN / companion).read_bytes()
