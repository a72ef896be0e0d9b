"""The Database dialog: a local file on this computer, or a shared PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.store import default_url, normalise_url, sqlite_path
from app.store.opening import ConnectionCheck, OpenedDatabase, check_connection
from app.store.passwords import NO_KEYRING_REASON, keyring_available
from app.store.profile import DEFAULT_PORT, ConnectionProfile, ProfileKind
from app.ui import messages
from app.ui.database.connector import Connector
from app.ui.operations import run_in_background

FILE_FILTER = "Invoice Batches databases (*.sqlite3 *.db);;All files (*)"
LOCAL_NOTE = (
    "One clerk at a time works on a local file. Keep it on this computer: a file on a "
    "network share is refused, because SQLite cannot lock it safely there."
)
SERVER_NOTE = "Several clerks can work on a shared server at the same time."
KEYRING_NOTE = "The password is kept in the system keyring, never in a file."


def default_file() -> Path:
    path = sqlite_path(normalise_url(default_url()))
    assert path is not None
    return path


class DatabaseDialog(QDialog):
    """On Open, the chosen database is opened here; `opened` holds it when the dialog accepts."""

    sig_tested = Signal(bool)  # Test Connection finished: whether the database can be opened

    def __init__(
        self, parent: QWidget | None, connector: Connector, current: ConnectionProfile | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Database")
        self.connector = connector
        self.current = current
        self.opened: tuple[OpenedDatabase, ConnectionProfile] | None = None
        self.local_choice = QRadioButton("&Local file on this computer")
        self.server_choice = QRadioButton("&Shared PostgreSQL server")
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.local_choice)
        self.kinds.addButton(self.server_choice)
        self.path = QLineEdit()
        self.choose_button = QPushButton("&Choose…")
        self.new_button = QPushButton("&New…")
        self.default_button = QPushButton("&Default")
        self.host, self.database, self.user = QLineEdit(), QLineEdit(), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton("&Test Connection")
        self.result_label = QLabel()
        self.result_label.setObjectName("connection-result")
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self._lay_out()
        self._connect()
        self.show_profile(current or ConnectionProfile.local(default_file()))

    def _lay_out(self) -> None:
        local = QGroupBox()
        local_layout = QVBoxLayout(local)
        local_layout.addWidget(self.local_choice)
        file_row = QHBoxLayout()
        for widget in (self.path, self.choose_button, self.new_button, self.default_button):
            file_row.addWidget(widget)
        local_layout.addLayout(file_row)
        local_layout.addWidget(_note(LOCAL_NOTE))
        server = QGroupBox()
        server_layout = QVBoxLayout(server)
        server_layout.addWidget(self.server_choice)
        form = QFormLayout()
        form.addRow("&Host", self.host)
        form.addRow("&Port", self.port)
        form.addRow("&Database", self.database)
        form.addRow("&User", self.user)
        form.addRow("P&assword", self.password)
        server_layout.addLayout(form)
        server_layout.addWidget(_note(SERVER_NOTE))
        server_layout.addWidget(
            _note(KEYRING_NOTE if keyring_available() else NO_KEYRING_REASON, "keyring-note")
        )
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(local)
        layout.addWidget(server)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

    def _connect(self) -> None:
        self.local_choice.toggled.connect(self._enable)
        self.choose_button.clicked.connect(self._choose_file)
        self.new_button.clicked.connect(self._new_file)
        self.default_button.clicked.connect(lambda: self.path.setText(str(default_file())))
        self.test_button.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.open_chosen)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.host, self.database, self.user):
            edit.textEdited.connect(self._show_password_state)
        self.port.valueChanged.connect(self._show_password_state)

    def show_profile(self, profile: ConnectionProfile) -> None:
        self.local_choice.setChecked(profile.is_local)
        self.server_choice.setChecked(not profile.is_local)
        self.path.setText(str(profile.path) if profile.path else str(default_file()))
        self.path.home(False)
        self.host.setText(profile.host or "localhost")
        self.port.setValue(profile.port or DEFAULT_PORT)
        self.database.setText(profile.database or "invoice_batches")
        self.user.setText(profile.user)
        self._enable()

    def profile(self) -> ConnectionProfile:
        if self.local_choice.isChecked():
            text = self.path.text().strip()
            return ConnectionProfile(
                ProfileKind.LOCAL, path=Path(text).expanduser() if text else None
            )
        return ConnectionProfile.server(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
        )

    def typed_password(self) -> str | None:
        return self.password.text() or None

    def _enable(self) -> None:
        local = self.local_choice.isChecked()
        local_widgets: tuple[QWidget, ...] = (
            self.path,
            self.choose_button,
            self.new_button,
            self.default_button,
        )
        for widget in local_widgets:
            widget.setEnabled(local)
        server_widgets: tuple[QWidget, ...] = (
            self.host,
            self.port,
            self.database,
            self.user,
            self.password,
        )
        for widget in server_widgets:
            widget.setEnabled(not local)
        self._show_password_state()
        self.result_label.clear()

    def _show_password_state(self) -> None:
        profile = self.profile()
        stored = not profile.is_local and self.connector.keeper.stored(profile) is not None
        self.password.setPlaceholderText("Known; type to change it" if stored else "")

    def _choose_file(self) -> None:
        path = messages.ask_open_file(
            self, "Open a Database File", FILE_FILTER, str(Path(self.path.text()).parent)
        )
        if path is not None:
            self.path.setText(str(path))

    def _new_file(self) -> None:
        path = messages.ask_save_file(self, "New Database File", FILE_FILTER, str(default_file()))
        if path is not None:
            self.path.setText(str(path if path.suffix else path.with_suffix(".sqlite3")))

    def _is_current(self, profile: ConnectionProfile) -> bool:
        return self.current is not None and profile == self.current

    def test_connection(self) -> None:
        profile = self.profile()
        if self._is_current(profile):
            self._show_result(ConnectionCheck(True, "This is the database in use now."))
            return
        password = self.typed_password() or (
            None if profile.is_local else self.connector.keeper.stored(profile)
        )
        self.result_label.setText("Testing…")
        run_in_background(
            self,
            "Testing the connection…",
            lambda _progress: check_connection(profile, password),
            self._show_result,
            key="test-connection",
        )

    def _show_result(self, check: ConnectionCheck) -> None:
        color = "#1a7f37" if check.ok else "#b42318"
        self.result_label.setStyleSheet(f"color: {color};")
        self.result_label.setText(check.message)
        self.sig_tested.emit(check.ok)

    def open_chosen(self) -> None:
        profile = self.profile()
        problems = profile.problems()
        if problems:
            self._show_result(ConnectionCheck(False, " ".join(problems)))
            return
        if self._is_current(profile) and (profile.is_local or not self.typed_password()):
            self.reject()  # already in use: nothing to switch
            return
        opened = self.connector.open(self, profile, self.typed_password())
        if opened is not None:
            self.opened = (opened, profile)
            self.accept()


def _note(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName(name)
    label.setStyleSheet("color: palette(dark);")
    return label
