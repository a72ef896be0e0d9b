"""The print dialog answered by the test, as for Print… (tests/ui/printing): the Send dialog's
print part goes through the same print path, so no test here opens the system print dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui import messages
from tests.ui.printing.conftest import PrintDialog


@pytest.fixture(autouse=True)
def print_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> PrintDialog:
    folder = tmp_path / "printer"
    folder.mkdir()
    dialog = PrintDialog(folder)
    monkeypatch.setattr(messages, "ask_print", dialog.answer)
    return dialog
