"""The shipped font: found from source and from a frozen bundle, and embedded in the report."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.resources import SOURCE_ROOT, resource_path
from app.store import Database
from tests.reports.printing import print_batch
from tests.reports.scenario import two_batches


def test_fonts_and_their_licence_ship_in_the_resources_folder() -> None:
    folder = resource_path("fonts")
    assert folder == SOURCE_ROOT / "resources" / "fonts"
    assert sorted(p.name for p in folder.iterdir()) == [
        "DejaVuSans-Bold.ttf",
        "DejaVuSans.ttf",
        "LICENSE",
    ]
    assert "Bitstream Vera Fonts Copyright" in (folder / "LICENSE").read_text()


def test_a_frozen_bundle_reads_resources_from_its_own_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fonts", "DejaVuSans.ttf") == tmp_path / "resources/fonts/DejaVuSans.ttf"


def test_report_embeds_dejavu_subsets(db: Database) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    pdf = print_batch(db, number).delivered
    embedded = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            if "/FontDescriptor" in font:
                assert "/FontFile2" in font["/FontDescriptor"]  # the TrueType program itself
                embedded.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert embedded == {"DejaVuSans", "DejaVuSans-Bold"}
