"""`report NUMBER --out` and `report NUMBER --original --out` through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import billing
from app.cli import main
from app.store import Database
from tests.reports.pdf_reading import page_count, page_runs, texts
from tests.reports.scenario import two_batches


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _report(db: Database, *args: str) -> int:
    return main(["--db", _url(db), "report", *args])


def test_first_print_then_reprint_then_original(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    first, second, original = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"

    assert _report(db, str(number), "--out", str(first)) == 0
    assert capsys.readouterr().out == (
        f"Wrote the first print of invoice batch 2 (4 pages) to {first}.\n"
    )
    assert _report(db, str(number), "--out", str(second)) == 0
    assert capsys.readouterr().out == f"Wrote a reprint of invoice batch 2 (4 pages) to {second}.\n"
    assert _report(db, str(number), "--original", "--out", str(original)) == 0
    assert capsys.readouterr().out == (
        f"Wrote the original print of invoice batch 2 to {original}.\n"
    )

    assert original.read_bytes() == first.read_bytes()
    assert page_count(second.read_bytes()) == 4
    assert [texts(runs).count("Reprint") for runs in page_runs(first.read_bytes())] == [0] * 4
    assert [texts(runs).count("Reprint") for runs in page_runs(second.read_bytes())] == [1] * 4
    with db.transaction() as session:
        assert billing.batch_row(session, number).print_count == 2


def test_original_of_an_unprinted_batch_is_refused(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    out = tmp_path / "original.pdf"
    assert _report(db, str(number), "--original", "--out", str(out)) == 1
    assert "Invoice batch 2 has not been printed yet." in capsys.readouterr().err
    assert not out.exists()


def test_unknown_batch_and_unwritable_file_change_nothing(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction() as session:
        number = two_batches(session)
    assert _report(db, "9", "--out", str(tmp_path / "x.pdf")) == 1
    assert "There is no invoice batch 9." in capsys.readouterr().err
    blocked = tmp_path / "no-such-folder" / "report.pdf"
    assert _report(db, str(number), "--out", str(blocked)) == 1
    assert "Cannot write" in capsys.readouterr().err
    with db.transaction() as session:
        assert billing.batch_row(session, number).print_count == 0
