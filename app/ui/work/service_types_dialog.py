"""Service Types…: the kinds of work an entry can be, with the rate a new entry starts with
and whether the work is taxed. A type used by work or invoice lines cannot be deleted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import billing
from app.billing import ServiceTypeDraft, ServiceTypeRecord
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.widgets.display import amount_text
from app.ui.widgets.record_list_page import RecordListPage
from app.ui.widgets.record_table_model import Column, RecordTableModel
from app.ui.widgets.record_table_view import RecordTableView
from app.ui.widgets.tab_order import chain_tab_order
from app.ui.work.service_type_form import ServiceTypeForm

S = ServiceTypeRecord


class ServiceTypeTableModel(RecordTableModel[ServiceTypeRecord]):
    """All the service types at once, by code: a company has tens, not thousands."""

    COL_CODE, COL_NAME, COL_RATE, COL_TAXABLE = range(4)
    columns = (
        Column[S]("Code", lambda s: s.code),
        Column[S]("Name", lambda s: s.name),
        Column[S]("Rate", lambda s: amount_text(s.rate), figure=True),
        Column[S]("Taxable", lambda s: "Yes" if s.taxable else "No"),
    )
    stretch_column = COL_NAME


class ServiceTypesEditor(RecordListPage[ServiceTypeRecord, ServiceTypeDraft]):
    noun = "service type"

    def __init__(self, context: UiContext) -> None:
        model = ServiceTypeTableModel()
        super().__init__(context, model, ServiceTypeForm(), RecordTableView(model, "service-types"))
        self.form: ServiceTypeForm
        splitter = QSplitter(Qt.Orientation.Horizontal)
        list_side = QWidget()
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.view, 1)
        list_layout.addWidget(self.count_label)
        form_side = QWidget()
        form_layout = QVBoxLayout(form_side)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.form, 1)
        form_layout.addLayout(self.buttons)
        splitter.addWidget(list_side)
        splitter.addWidget(form_side)
        splitter.setSizes([380, 320])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        chain_tab_order(
            self.view,
            *self.form.fields_in_order(),
            self.new_button,
            self.save_button,
            self.delete_button,
        )
        self.refresh()
        self._update_buttons()

    def refresh(self) -> None:
        def read() -> list[ServiceTypeRecord]:
            with self.context.read() as session:
                return billing.list_service_types(session)

        self.model.set_rows(attempt(self, "Service Types", read) or [])
        self.show_count()

    def store(self, session: Session, draft: ServiceTypeDraft) -> ServiceTypeRecord:
        if self.form.record is None:
            return billing.create_service_type(session, draft)
        return billing.update_service_type(session, self.form.record.id, draft)

    def remove(self, session: Session, record: ServiceTypeRecord) -> None:
        billing.delete_service_type(session, record.id)

    def named(self, record: ServiceTypeRecord | None) -> str:
        return "The new service type" if record is None else f"Service type {record.code}"

    def delete_question(self, record: ServiceTypeRecord) -> str:
        return f"Delete service type {record.code} ({record.name})?"


class ServiceTypesDialog(QDialog):
    """Closes (Close, Esc, the window's own button) only once the clerk saved or discarded
    what the form holds: QDialog closes through `reject`."""

    def __init__(self, parent: QWidget | None, context: UiContext) -> None:
        super().__init__(parent)
        self.setWindowTitle("Service Types")
        self.editor = ServiceTypesEditor(context)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter in a field saves it, as on every form
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.editor.form.first_field().setFocus()

    def reject(self) -> None:
        if self.editor.may_leave_form():
            super().reject()
