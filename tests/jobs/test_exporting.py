"""R18 through the export job and the command line, on both engines: files written whole with
their companion, the export recorded and audited, the batch locked by it, a second export in
the same format refused naming when (unless again), and approval first when it is required."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from unittest import mock

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DatabaseError

from app import billing
from app.billing import AuditQuery, BatchPrinted, NotApproved
from app.billing.exports import ChangedWhileExporting, ExportedBefore, previous_export
from app.cli import main
from app.jobs.exporting import CannotWrite, export_batch, exported_before
from app.models import ARTransaction, BatchExport, ExportFormat
from app.store import Database
from tests.exports.reading import csv_rows
from tests.exports.scenario import small_batch

EXPORTED_AT = dt.datetime(2026, 11, 16, 9, 30)


def _exports(db: Database) -> list[tuple[str, str, str]]:
    with db.read() as session:
        rows = session.execute(
            select(BatchExport.format, BatchExport.file_name, BatchExport.sha256).order_by(
                BatchExport.id
            )
        )
        return [(ExportFormat(f).value, name, sha) for f, name, sha in rows]


def test_export_writes_records_and_locks(db: Database, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with db.transaction() as session:
        number = small_batch(session)
    out = tmp_path / "november.csv"
    with mock.patch("app.billing.exports.now", return_value=EXPORTED_AT):
        done = export_batch(db, number, ExportFormat.QBO, out)
    companion = tmp_path / "november-credit-memos.csv"
    assert done.credit_memos == companion
    assert [r["*CreditMemoNo"] for r in csv_rows(companion.read_bytes())] == ["CM-17"]
    assert (done.documents, done.lines) == (4, 5)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    assert _exports(db) == [("qbo", str(out), sha)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [companion.name, out.name]
    with db.read() as session:
        batch = billing.batch_row(session, number)
        assert batch.locked_at == EXPORTED_AT
        audit = billing.list_audit(session, AuditQuery(action="export"))
    assert len(audit) == 1
    assert audit[0].detail.startswith("qbo to november.csv, credit memos to ")
    assert audit[0].detail.endswith(f"(SHA-256 {sha})")


def test_after_export_the_transactions_cannot_change(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        number = small_batch(session)
    export_batch(db, number, ExportFormat.CSV, tmp_path / "out.csv")
    with pytest.raises(BatchPrinted, match="sent or exported"), db.transaction() as session:
        billing.remove_transactions(session, number, ["INV-1001"])
    # The database itself refuses, whatever the code path (R7).
    with pytest.raises((DatabaseError, BatchPrinted)), db.transaction() as session:
        session.execute(
            update(ARTransaction).where(ARTransaction.number == "INV-1001").values(description="x")
        )
    with pytest.raises((DatabaseError, BatchPrinted)), db.transaction() as session:
        session.execute(text("DELETE FROM invoice_lines"))


def test_second_export_in_a_format_is_refused_unless_again(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        number = small_batch(session)
    with mock.patch("app.billing.exports.now", return_value=EXPORTED_AT):
        export_batch(db, number, ExportFormat.IIF, tmp_path / "first.iif")
    previous = exported_before(db, number, ExportFormat.IIF)
    assert previous is not None
    assert previous.at == EXPORTED_AT
    assert exported_before(db, number, ExportFormat.XERO) is None
    with pytest.raises(ExportedBefore, match="exported as iif on 2026-11-16 at 09:30 by "):
        export_batch(db, number, ExportFormat.IIF, tmp_path / "second.iif")
    assert not (tmp_path / "second.iif").exists()
    export_batch(db, number, ExportFormat.XERO, tmp_path / "xero.csv")  # another format: fine
    again = export_batch(db, number, ExportFormat.IIF, tmp_path / "second.iif", again=True)
    assert again.sha256 == hashlib.sha256((tmp_path / "first.iif").read_bytes()).hexdigest()
    assert [f for f, _, _ in _exports(db)] == ["iif", "xero", "iif"]
    with db.read() as session:
        latest = previous_export(session, number, ExportFormat.IIF)
        assert latest is not None
        assert latest.file_name == str(tmp_path / "second.iif")
        assert len(billing.list_audit(session, AuditQuery(action="export"))) == 3


def test_export_waits_for_approval_when_required(db: Database, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with db.transaction() as session:
        number = small_batch(session)
        billing.set_setting(session, "require_approval", "true")
    with pytest.raises(NotApproved, match="approved before it is exported"):
        export_batch(db, number, ExportFormat.CSV, tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []
    assert _exports(db) == []
    with db.transaction() as session:
        billing.approve_batch(session, number)
    export_batch(db, number, ExportFormat.CSV, tmp_path / "out.csv")
    assert len(_exports(db)) == 1


def test_a_batch_changed_meanwhile_records_nothing(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        number = small_batch(session)
    real = billing.exports.export_data

    def read_then_change(session: object, n: int) -> object:
        data = real(session, n)  # type: ignore[arg-type]
        with db.transaction() as other:
            billing.remove_transactions(other, number, ["DM-5"])
        return data

    with (
        mock.patch("app.jobs.exporting.export_data", read_then_change),
        pytest.raises(ChangedWhileExporting, match="changed while it was being exported"),
    ):
        export_batch(db, number, ExportFormat.CSV, tmp_path / "out.csv")
    assert _exports(db) == []
    with db.read() as session:
        assert billing.batch_row(session, number).locked_at is None


def test_an_unwritable_file_records_nothing(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        number = small_batch(session)
    with pytest.raises(CannotWrite, match="Cannot write"):
        export_batch(db, number, ExportFormat.CSV, tmp_path / "missing" / "out.csv")
    assert _exports(db) == []


def test_command_line_export(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction() as session:
        number = small_batch(session)
    url = db.url.render_as_string(hide_password=False)
    out = tmp_path / "batch.csv"

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", url, "export", str(number), *args])
        return (code, *capsys.readouterr())

    code, said, _ = run("--format", "xero", "--out", str(out))
    assert code == 0
    assert said == (
        f"Exported invoice batch {number} as xero (4 documents, 5 lines) to {out} "
        f"and its credit memos to {tmp_path / 'batch-credit-memos.csv'}.\n"
    )
    code, said, err = run("--format", "xero", "--out", str(out))
    assert (code, said) == (1, "")
    assert err.startswith(f"invoice-batches: Invoice batch {number} was exported as xero on ")
    code, said, _ = run("--format", "xero", "--out", str(out), "--again")
    assert code == 0
    assert said.startswith(f"Exported invoice batch {number} as xero")
    code, _, err = run("--format", "csv", "--out", str(tmp_path / "nowhere" / "x.csv"))
    assert code == 1
    assert "Cannot write" in err
    with pytest.raises(SystemExit) as usage:
        main(["--db", url, "export", str(number), "--format", "pdf", "--out", str(out)])
    assert usage.value.code == 2
