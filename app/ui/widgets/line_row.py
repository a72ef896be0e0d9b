"""The inputs of one invoice line, as the line editor lays them across a row of its table.

Each value is read the way billing reads it (`parse_quantity`, `parse_amount`, `parse_date`);
the line's amount and tax are billing's `LineDraft.amount` and `.tax(rate)`, never worked out
here."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from app.billing import (
    FieldProblem,
    LineDraft,
    LineRecord,
    ServiceTypeRecord,
    parse_quantity,
    quantity_text,
)
from app.ui.widgets.date_edit import OptionalDateEdit
from app.ui.widgets.money_edit import MoneyEdit
from app.ui.widgets.readable import readable_when_disabled
from app.ui.widgets.record_form import read_fields
from app.ui.widgets.unreadable import clear_unreadable, mark_unreadable

NO_SERVICE_TYPE = "—"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class QuantityEdit(QLineEdit):
    """Typed like `1.5`; `quantity()` gives a Decimal with two places or says why it cannot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("1")
        self.textEdited.connect(lambda _text: clear_unreadable(self))
        self.editingFinished.connect(self._check)

    def quantity(self) -> Decimal:
        return parse_quantity(self.text())

    def _check(self) -> None:
        if not self.text().strip():
            return
        try:
            self.quantity()
        except ValueError as error:
            reason = str(error)
            mark_unreadable(self, reason[:1].upper() + reason[1:])


class ServiceTypeBox(QComboBox):
    """No service type, or one of the company's, by code; each code's name is its tooltip."""

    def set_service_types(self, service_types: Sequence[ServiceTypeRecord]) -> None:
        chosen = self.code()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(NO_SERVICE_TYPE, "")
            for kind in service_types:
                self.addItem(kind.code, kind.code)
                self.setItemData(self.count() - 1, kind.name, Qt.ItemDataRole.ToolTipRole)
            self.set_code(chosen)
        finally:
            self.blockSignals(False)

    def code(self) -> str:
        return str(self.currentData() or "")

    def set_code(self, code: str) -> None:
        found = self.findData(code)
        if found < 0:  # a code the list does not know (yet): kept as it is
            self.addItem(code, code)
            found = self.count() - 1
        self.setCurrentIndex(found)


class LineRow(QObject):
    """The inputs of one line; `sig_changed` on any edit. The work entry a line was made from
    is kept through edits, so saving does not return that work to unbilled."""

    sig_changed = Signal()

    def __init__(self, service_types: Sequence[ServiceTypeRecord], parent: QObject) -> None:
        super().__init__(parent)
        self.service_types = {kind.code: kind for kind in service_types}
        self.work_entry_id: int | None = None
        self.description = QLineEdit()
        self.service_date = OptionalDateEdit("none")
        self.service_type = ServiceTypeBox()
        self.service_type.set_service_types(service_types)
        self.quantity = QuantityEdit()
        self.rate = MoneyEdit()
        self.taxable = QCheckBox()
        self.taxable.setChecked(True)
        self.taxable.setToolTip("Taxed at the customer's tax rate")
        self.taxable_cell = _centred(self.taxable)
        # The line's amount and tax, worked out by billing, shown beside the inputs.
        self.amount_cell = _figure_cell()
        self.tax_cell = _figure_cell()
        for widget in self.inputs():
            readable_when_disabled(widget)
        self.description.textChanged.connect(self.sig_changed)
        self.service_date.dateChanged.connect(self.sig_changed)
        self.service_type.currentIndexChanged.connect(self.sig_changed)
        self.service_type.activated.connect(self._service_type_chosen)
        self.quantity.textChanged.connect(self.sig_changed)
        self.rate.textChanged.connect(self.sig_changed)
        self.taxable.toggled.connect(self.sig_changed)

    def inputs(self) -> list[QWidget]:
        """The inputs in the order a clerk fills them: the Tab order."""
        return [
            self.description,
            self.service_date,
            self.service_type,
            self.quantity,
            self.rate,
            self.taxable,
        ]

    def cells(self) -> list[QWidget]:
        """What each input column of the table holds."""
        return [*self.inputs()[:-1], self.taxable_cell]

    def show_line(self, line: LineRecord) -> None:
        self.description.setText(line.description)
        self.description.setCursorPosition(0)  # a long description shows its start
        self.service_date.set_optional(line.service_date)
        self.service_type.set_code(line.service_type)
        self.quantity.setText(quantity_text(line.quantity))
        self.rate.set_amount(line.rate)
        self.taxable.setChecked(line.taxable)
        self.work_entry_id = line.work_entry_id

    def set_enabled(self, enabled: bool) -> None:
        for widget in self.inputs():
            widget.setEnabled(enabled)

    def read(self, position: int) -> tuple[LineDraft | None, list[FieldProblem]]:
        """The line as billing's draft, or why its values cannot be read ("line 2: quantity
        is empty")."""
        values, unreadable = read_fields(
            {
                "service date": self.service_date.optional_value,
                "quantity": self.quantity.quantity,
                "rate": self.rate.amount,
            }
        )
        if unreadable:
            where = f"line {position}: "
            return None, [FieldProblem("lines", f"{where}{p.field} {p.reason}") for p in unreadable]
        draft = LineDraft(
            description=self.description.text(),
            quantity=values["quantity"],
            rate=values["rate"],
            taxable=self.taxable.isChecked(),
            service_date=values["service date"],
            service_type=self.service_type.code(),
            work_entry_id=self.work_entry_id,
        )
        return draft, []

    def _service_type_chosen(self) -> None:
        """A service type brings its rate (when none is typed yet) and whether it is taxed."""
        kind = self.service_types.get(self.service_type.code())
        if kind is None:
            return
        if not self.rate.text().strip():
            self.rate.set_amount(kind.rate)
        self.taxable.setChecked(kind.taxable)


def _centred(widget: QWidget) -> QWidget:
    cell = QWidget()
    layout = QHBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    return cell


def _figure_cell() -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setTextAlignment(RIGHT)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item
