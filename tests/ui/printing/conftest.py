"""The print dialog answered by the test: accepted with a PDF-file printer, or cancelled."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from app.ui import messages


@dataclass
class PrintDialog:
    """Each accepted print writes the next file in `folder`; `accept=False` cancels."""

    folder: Path
    accept: bool = True
    shown: int = 0
    files: list[Path] = field(default_factory=list)

    def answer(self, _parent: QWidget | None, printer: QPrinter) -> bool:
        self.shown += 1
        if not self.accept:
            return False
        path = self.folder / f"printed-{self.shown}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        self.files.append(path)
        return True


@pytest.fixture
def print_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> PrintDialog:
    folder = tmp_path / "printer"
    folder.mkdir()
    dialog = PrintDialog(folder)
    monkeypatch.setattr(messages, "ask_print", dialog.answer)
    return dialog
