"""`batch send` and `batch deliveries` (DESIGN §6) against a real SMTP server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import billing
from app.cli import main
from app.store import Database
from tests.jobs.sending_world import ADDRESSES, sending_batch
from tests.mail.smtp_server import RunningServer, smtp_server
from tests.reports.pdf_reading import page_lines, page_runs


@pytest.fixture
def server() -> Iterator[RunningServer]:
    with smtp_server() as running:
        yield running


def _run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--db", db.url.render_as_string(hide_password=False), *args])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    out, err = capsys.readouterr()
    return code, out, err


def test_batch_send_and_deliveries(
    db: Database, server: RunningServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with db.transaction() as session:
        number = str(sending_batch(session, server.port))
    code, _, err = _run(db, capsys, "batch", "send", number)
    assert code == 1
    assert "--print-out" in err
    assert server.handler.received == []

    server.handler.refuse["ap@acme.example"] = "550 5.1.1 <ap@acme.example>: User unknown"
    out_file = tmp_path / "post.pdf"
    code, out, err = _run(
        db, capsys, "batch", "send", number, "--print-out", str(out_file), "--json"
    )
    assert code == 1
    assert "customer C002 (email) failed: " in err
    assert "550 5.1.1 <ap@acme.example>: User unknown" in err
    assert "customer C004 (email) was not sent: has no email address" in err
    sent = json.loads(out)
    assert sent["print_out"] == str(out_file)
    assert [(d["customer"], d["channel"], d["status"]) for d in sent["delivered"]] == [
        ("C003", "print", "sent"),
        ("C005", "print", "sent"),
        ("C001", "email", "sent"),
        ("C002", "email", "failed"),
        ("C005", "email", "sent"),
    ]
    assert sent["not_sent"][0]["customer"] == "C004"
    control = " ".join(page_lines(page_runs(out_file.read_bytes())[0]))
    assert "Delivery of the statements" in control

    code, out, _ = _run(db, capsys, "batch", "deliveries", number, "--json")
    assert code == 0
    listed = json.loads(out)
    assert set(listed[0]) == {
        "customer", "channel", "addresses", "status", "at", "message_id", "error",
    }  # fmt: skip
    by = {(d["customer"], d["channel"]): d for d in listed}
    assert by[("C001", "email")]["addresses"] == "; ".join(ADDRESSES["C001"])
    assert by[("C001", "email")]["message_id"].startswith("<")
    assert by[("C002", "email")]["status"] == "failed"
    assert "User unknown" in by[("C002", "email")]["error"]

    # Again: only C002, and no print part is needed any more; still exit 1 for C004.
    server.handler.refuse.clear()
    code, out, err = _run(db, capsys, "batch", "send", number)
    assert code == 1
    assert "C002" not in err
    assert "1 emailed, 0 in the print part" in out
    assert len(server.handler.received) == 3

    code, _, err = _run(db, capsys, "batch", "send", number, "--customer", "C001")
    assert code == 2
    code, out, err = _run(db, capsys, "batch", "send", number, "--customer", "C001", "--resend")
    assert (code, err) == (0, "")
    assert len(server.handler.to("anna@lodz.example")) == 2

    code, out, _ = _run(db, capsys, "batch", "deliveries", number)
    assert code == 0
    assert len(out.splitlines()) == 7


def test_run_due_sends_the_batches_it_makes(
    db: Database,
    server: RunningServer,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """R19 with --send: the scheduled run generates the batch of 15 Nov and sends it; the
    print part goes to the data folder's print-outs."""
    monkeypatch.setattr("app.store.paths.data_dir", lambda: tmp_path)
    with db.transaction() as session:
        number = sending_batch(session, server.port)
        billing.delete_batch(session, number)
    code, out, err = _run(db, capsys, "run-due", "--through", "2026-11-15", "--send")
    assert code == 1  # C004 is set to email and has no address
    assert "Created invoice batch 2, close date 2026-11-15, 5 customers." in out
    assert "Invoice batch 2: 3 emailed, 2 in the print part written to" in out
    assert "batch 2, customer C004 (email) was not sent: has no email address" in err
    assert (tmp_path / "print-outs" / "invoice-batch-2.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(r for m in server.handler.received for r in m.recipients) == sorted(
        a for addresses in ADDRESSES.values() for a in addresses
    )


def test_run_due_sends_nothing_that_needs_approval(
    db: Database, server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction() as session:
        number = sending_batch(session, server.port)
        billing.delete_batch(session, number)
        billing.set_setting(session, "require_approval", "true")
    code, out, _ = _run(db, capsys, "run-due", "--through", "2026-11-15", "--send")
    assert code == 0
    assert "Invoice batch 2 waits for approval; it was not sent." in out
    assert server.handler.received == []
