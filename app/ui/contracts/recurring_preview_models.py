"""The three tables of a Bill Recurring Charges preview: the invoices with their lines, the
part-period credits, and the contracts not ready, each with a lock as Atera shows them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from app.billing import (
    ZERO,
    ContractRecord,
    NotReady,
    PartPeriodCredit,
    RecurringInvoice,
)
from app.ui.contracts.contract_labels import period_text
from app.ui.widgets.display import amount_text, counted, date_text
from app.ui.widgets.record_table_model import Column, RecordTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
ICON_SIZE = 16


class RowKind(StrEnum):
    INVOICE = "invoice"
    LINE = "line"
    CREDIT = "credit"
    TOTAL = "total"


@dataclass(frozen=True)
class MoneyRow:
    """One row of the invoices or the credits table: an invoice, one of its lines, a credit
    memo, or the total under them. Only an invoice has a due date."""

    kind: RowKind
    customer: str
    due: str
    contract: str
    period: str
    description: str
    amount: Decimal
    tax: Decimal

    @property
    def total(self) -> Decimal:
        return self.amount + self.tax


def invoice_rows(invoices: Sequence[RecurringInvoice]) -> list[MoneyRow]:
    """Each invoice (customer, due date, its sums) followed by its lines, then the total."""
    rows = []
    for invoice in invoices:
        rows.append(
            MoneyRow(
                RowKind.INVOICE,
                f"{invoice.customer_number} — {invoice.customer_name}",
                date_text(invoice.due_date),
                "",
                "",
                invoice.description,
                invoice.amount,
                invoice.tax,
            )
        )
        rows.extend(
            MoneyRow(
                RowKind.LINE,
                "",
                "",
                line.contract,
                period_text(line.period_start, line.period_end),
                line.name,
                line.amount,
                line.tax,
            )
            for line in invoice.lines
        )
    if invoices:
        rows.append(_total(f"Total of {counted(len(invoices), 'invoice')}", invoices))
    return rows


def credit_rows(
    credits: Sequence[PartPeriodCredit], contracts: Mapping[str, ContractRecord]
) -> list[MoneyRow]:
    """Each credit memo, with its customer's name from its contract, then the total."""
    rows = [
        MoneyRow(
            RowKind.CREDIT,
            _customer(credit.customer_number, contracts.get(credit.contract)),
            "",
            credit.contract,
            period_text(credit.period_start, credit.period_end),
            f"Part-period credit, {credit.name}",
            credit.amount,
            credit.tax,
        )
        for credit in credits
    ]
    if credits:
        rows.append(_total(f"Total of {counted(len(credits), 'credit memo')}", credits))
    return rows


def _total(text: str, documents: Sequence[RecurringInvoice | PartPeriodCredit]) -> MoneyRow:
    amount = sum((d.amount for d in documents), ZERO)
    tax = sum((d.tax for d in documents), ZERO)
    return MoneyRow(RowKind.TOTAL, "", "", "", "", text, amount, tax)


M = MoneyRow


class MoneyTableModel(RecordTableModel[MoneyRow]):
    """Invoices and totals in bold; lines plain, under their invoice."""

    COL_CUSTOMER, COL_DUE, COL_CONTRACT, COL_PERIOD, COL_DESCRIPTION = 0, 1, 2, 3, 4
    COL_AMOUNT, COL_TAX, COL_TOTAL = 5, 6, 7
    columns = (
        Column[M]("Customer", lambda r: r.customer),
        Column[M]("Due", lambda r: r.due, tip="The invoice's due date, by the customer's terms"),
        Column[M]("Contract", lambda r: r.contract),
        Column[M]("Period", lambda r: r.period),
        Column[M]("Description", lambda r: r.description),
        Column[M]("Amount", lambda r: amount_text(r.amount), figure=True),
        Column[M]("Tax", lambda r: amount_text(r.tax), figure=True),
        Column[M]("Total", lambda r: amount_text(r.total), figure=True),
    )
    stretch_column = COL_DESCRIPTION

    def is_emphasised(self, record: MoneyRow) -> bool:
        return record.kind in (RowKind.INVOICE, RowKind.TOTAL)


@dataclass(frozen=True)
class NotReadyRow:
    contract: str
    customer: str
    name: str
    reason: str


def not_ready_rows(
    not_ready: Sequence[NotReady], contracts: Mapping[str, ContractRecord]
) -> list[NotReadyRow]:
    """Billing's reasons, with each contract's customer and name beside them."""
    rows = []
    for entry in not_ready:
        found = contracts.get(entry.contract)
        customer = _customer(found.customer_number, found) if found else ""
        rows.append(
            NotReadyRow(entry.contract, customer, found.name if found else "", entry.reason)
        )
    return rows


def _customer(number: str, contract: ContractRecord | None) -> str:
    return f"{number} — {contract.customer_name}" if contract is not None else number


def lock_icon(color: QColor) -> QIcon:
    """A closed padlock: a shackle over a filled body with a keyhole."""
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 1.6))
    painter.drawArc(QRectF(4.5, 1.5, 7, 9), 0, 180 * 16)
    painter.drawLine(QPointF(4.5, 6), QPointF(4.5, 8))
    painter.drawLine(QPointF(11.5, 6), QPointF(11.5, 8))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(2.5, 7.5, 11, 7.5), 1.5, 1.5)
    painter.setBrush(Qt.GlobalColor.white)
    painter.drawEllipse(QRectF(7, 9.5, 2, 2))
    painter.drawRect(QRectF(7.5, 11, 1, 2.5))
    painter.end()
    return QIcon(pixmap)


N = NotReadyRow


class NotReadyTableModel(RecordTableModel[NotReadyRow]):
    """Each contract that bills nothing, locked, with billing's reason."""

    COL_CONTRACT, COL_CUSTOMER, COL_NAME, COL_REASON = 0, 1, 2, 3
    columns = (
        Column[N]("Contract", lambda r: r.contract),
        Column[N]("Customer", lambda r: r.customer),
        Column[N]("Name", lambda r: r.name),
        Column[N]("Why it is not ready", lambda r: r.reason),
    )
    stretch_column = COL_REASON

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lock = lock_icon(QColor("#202020"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole:
            shown = index.isValid() and self.record(index.row()) is not None
            return self.lock if shown and index.column() == self.COL_CONTRACT else None
        return super().data(index, role)

    def reason_of(self, contract: str) -> str | None:
        row = self.row_where(lambda r: r.contract == contract)
        return None if row is None else self._rows[row].reason
