"""The Work Entries tab of Unbilled Work: every entry, billed or not, with its invoice, and the
work-entry form below the list to type new ones and correct unbilled ones."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app import billing
from app.billing import WorkDraft, WorkQuery, WorkRecord
from app.ui.context import UiContext
from app.ui.widgets.display import amount_text, counted, date_text
from app.ui.widgets.record_list_page import RecordListPage
from app.ui.widgets.record_table_view import RecordTableView
from app.ui.work.work_entry_form import WorkEntryForm
from app.ui.work.work_table_model import WorkTableModel


class WorkEntriesTab(RecordListPage[WorkRecord, WorkDraft]):
    noun = "work entry"

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = WorkTableModel(context)
        view = RecordTableView(
            model,
            "work-entries",
            sort_column=WorkTableModel.COL_DATE,
            order=Qt.SortOrder.DescendingOrder,
        )
        super().__init__(context, model, WorkEntryForm(), view)
        self.model: WorkTableModel = model
        self.form: WorkEntryForm
        self.new_customer = ""  # the customer the filters show, for a new entry
        self._loaded = False
        self.unbilled_only = QCheckBox("U&nbilled only")
        self.unbilled_only.setToolTip("Only the billable work not invoiced yet")
        self._lay_out()
        self.unbilled_only.toggled.connect(lambda _on: self.set_filters(self.model.query))
        self._update_buttons()

    def _lay_out(self) -> None:
        above = QHBoxLayout()
        above.addWidget(self.unbilled_only)
        above.addStretch(1)
        above.addWidget(self.count_label)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(above)
        top_layout.addWidget(self.view, 1)
        bottom = QFrame()
        bottom.setFrameShape(QFrame.Shape.StyledPanel)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(self.form)
        bottom_layout.addLayout(self.buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def tab_stops(self) -> list[QWidget]:
        """In the order a clerk goes through the tab: the list, the form, its buttons."""
        return [
            self.unbilled_only,
            self.view,
            *self.form.fields_in_order(),
            self.new_button,
            self.save_button,
            self.delete_button,
        ]

    def set_filters(self, query: WorkQuery) -> None:
        """List the entries that pass the page's filters (and this tab's Unbilled only)."""
        shown = replace(
            query,
            unbilled_only=self.unbilled_only.isChecked(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )
        self.new_customer = shown.customer_numbers[0] if shown.customer_numbers else ""
        if self._loaded:
            self.model.set_query(shown)
        else:
            # The first load sorts as the header shows, which may be the clerk's remembered order.
            self.model.query = shown
            self.view.load_sorted()
            self._loaded = True
        self.show_count()

    def show_count(self) -> None:
        self.count_label.setText(counted(self.model.total, "work entry", "work entries"))

    def blank(self) -> None:
        self.form.start_new(self.new_customer)

    def open_entry(self, record: WorkRecord) -> None:
        """Show this entry in the form (chosen elsewhere: in the Unbilled tree)."""
        if self.may_leave_form():
            self.open(record)
            self._select_current()

    def store(self, session: Session, draft: WorkDraft) -> WorkRecord:
        if self.form.record is None:
            return billing.create_work(session, draft)
        return billing.update_work(session, self.form.record.id, draft)

    def remove(self, session: Session, record: WorkRecord) -> None:
        billing.delete_work(session, record.id)

    def named(self, record: WorkRecord | None) -> str:
        if record is None:
            return "The new work entry"
        return f"The work entry of {date_text(record.work_date)} for {record.customer_number}"

    def delete_question(self, record: WorkRecord) -> str:
        return (
            f"Delete the work entry of {date_text(record.work_date)} for "
            f"{record.customer_number} {record.customer_name} ({record.service_type}, "
            f"{amount_text(record.amount)})? This cannot be undone."
        )
