"""The one list-and-form page base: a list sorted and searched by the database, the chosen
record in a form, and New, Save and Delete; moving between rows never loses what was typed."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget
from sqlalchemy.orm import Session

from app.billing import FieldProblem, InvalidInput
from app.ui import messages
from app.ui.context import UiContext
from app.ui.operations import attempt
from app.ui.widgets.display import counted
from app.ui.widgets.page_shortcut import add_page_shortcut
from app.ui.widgets.record_form import RecordForm
from app.ui.widgets.record_table_model import RecordTableModel
from app.ui.widgets.record_table_view import RecordTableView

R = TypeVar("R")
D = TypeVar("D")


class RecordListPage(QWidget, Generic[R, D]):
    """A subclass names its records (`noun`), lays out `view`, `count_label`, `form` and
    `buttons`, and says how billing stores, deletes and names a record. Records have an `id`."""

    noun = "record"

    def __init__(
        self,
        context: UiContext,
        model: RecordTableModel[R],
        form: RecordForm[R, D],
        view: RecordTableView,
    ) -> None:
        super().__init__()
        self.context = context
        self.model = model
        self.form = form
        self.view = view
        self.count_label = QLabel()
        self.new_button = QPushButton("Ne&w")
        self.save_button = QPushButton("Save")  # Enter or Ctrl+S: its letters serve the fields
        self.delete_button = QPushButton("&Delete")
        self.buttons = QHBoxLayout()
        for button, tip in (
            (self.new_button, f"New {self.noun} (Ctrl+N)"),
            (self.save_button, f"Save the {self.noun} (Enter or Ctrl+S)"),
            (self.delete_button, f"Delete the {self.noun}"),
        ):
            button.setToolTip(tip)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self._quiet = False
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        form.sig_dirty_changed.connect(self._update_buttons)
        form.sig_save_requested.connect(self.save)
        view.sig_chosen.connect(lambda: self.form.first_field().setFocus())
        view.selectionModel().currentRowChanged.connect(self._moved)
        # A reset (search, sort, refresh) keeps the record being edited highlighted.
        model.modelReset.connect(self._select_current)
        context.sig_data_changed.connect(self.refresh)
        add_page_shortcut(self, f"New {self.noun}", QKeySequence.StandardKey.New, self.new_record)
        add_page_shortcut(self, f"Save {self.noun}", QKeySequence.StandardKey.Save, self.save)

    # What a subclass provides.
    def store(self, session: Session, draft: D) -> R:
        """Create the form's new record, or update the one it shows."""
        raise NotImplementedError

    def remove(self, session: Session, record: R) -> None:
        raise NotImplementedError

    def named(self, record: R | None) -> str:
        """How a question names the record: "Customer C001", "The new customer"."""
        raise NotImplementedError

    def delete_question(self, record: R) -> str:
        raise NotImplementedError

    def blank(self) -> None:
        """Empty the form for a new record."""
        self.form.load(None)

    # The list.
    def refresh(self) -> None:
        """Read the list again (another page or clerk may have changed it)."""
        self.model.reload()
        self.show_count()

    def show_count(self) -> None:
        self.count_label.setText(counted(self.model.total, self.noun))

    def _current_id(self) -> int | None:
        return self._id(self.form.record)

    @staticmethod
    def _id(record: Any) -> int | None:
        return None if record is None else int(record.id)

    def _moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        record = self.model.record(current.row())
        if record is None or self._id(record) == self._current_id():
            return
        if not self.may_leave_form():
            self._select_current()
            return
        self.open(record)

    def _select_current(self) -> None:
        """Highlight the row of the record in the form (if fetched) without opening it."""
        current = self._current_id()
        row = self.model.row_where(lambda r: self._id(r) == current) if current else None
        selection = self.view.selectionModel()
        self._quiet = True
        try:
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
            else:
                self.view.selectRow(row)
        finally:
            self._quiet = False

    # The form.
    def may_leave_form(self) -> bool:
        if not self.form.dirty:
            return True
        who = self.named(self.form.record)
        return messages.confirm(
            self, "Unsaved changes", f"{who} has unsaved changes. Discard them?", "Discard changes"
        )

    def open(self, record: R) -> None:
        self.form.load(record)
        self._update_buttons()

    def new_record(self) -> None:
        if not self.may_leave_form():
            return
        self.blank()
        self._select_current()
        self._update_buttons()
        self.form.first_field().setFocus()

    def save(self) -> None:
        """Save the form; billing's refusals appear at their fields and nothing is saved."""
        if not self.form.dirty or self.form.read_only:
            return
        if attempt(self, f"Save {self.noun}", self._save) is not None:
            self.context.sig_data_changed.emit()

    def _save(self) -> R | None:
        draft, problems = self.form.read()
        try:
            if draft is None:
                raise InvalidInput(problems)
            with self.context.transaction() as session:
                record = self.store(session, draft)
        except InvalidInput as error:
            self._show_problems(list(error.problems))
            return None
        self.form.load(record)
        self._update_buttons()
        return record

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        elsewhere = self.form.show_problems(problems)
        if elsewhere:
            text = "\n".join(problem.sentence for problem in elsewhere)
            messages.show_error(self, f"Save {self.noun}", text)

    def delete(self) -> None:
        record = self.form.record
        if record is None or self.form.read_only:
            return
        question = self.delete_question(record)
        if not messages.confirm(self, f"Delete {self.noun}", question, "Delete"):
            return
        if attempt(self, f"Delete {self.noun}", lambda: self._delete(record)):
            self.blank()
            self._update_buttons()
            self.context.sig_data_changed.emit()

    def _delete(self, record: R) -> bool:
        with self.context.transaction() as session:
            self.remove(session, record)
        return True

    def _update_buttons(self) -> None:
        editable = not self.form.read_only
        self.save_button.setEnabled(editable and self.form.dirty)
        self.delete_button.setEnabled(editable and self.form.record is not None)
